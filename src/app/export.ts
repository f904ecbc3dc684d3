import { PassThrough, type Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { exportColumns, exportRow, type ExportCell, type SheetLanguage } from '../domain/lead-sheet-export.js';
import { authorize } from '../domain/roles.js';
import { writeCsvSheet, writeXlsxSheet } from '../sheets/sheet-writer.js';
import type { Db } from '../store/database.js';
import { leadsToExport, memberNames } from '../store/lead-export.js';
import { SYSTEM_USER_ID, type Caller } from './caller.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportRequest {
  format: ExportFormat;
  /** Headers and words (stage, customer type) in this language; the team's by default. */
  language?: SheetLanguage;
  /** Only the leads acquired in this span (a dayRange in the team's zone). */
  acquired?: { start: Date; end: Date };
}

export interface ExportResult {
  leads: number;
  /** A name for the file, e.g. `leads-T0DEMO-2026-12-03.xlsx`. */
  fileName: string;
}

/**
 * Takes the workspace's leads out as the tracking sheet (issue 17): every column the
 * importer reads and the ones leadops computes, so `import(export(db))` is the same
 * leads. A manager's to do, as importing is: it is everyone's leads at once. The sheet is
 * streamed to `out` page by page, so a million leads take a page's memory; `end: false`
 * leaves `out` open after a CSV (stdout). Reads only: nothing to journal.
 */
export async function exportLeads(caller: Caller, db: Db, request: ExportRequest, out: Writable, options: { end?: boolean } = {}): Promise<ExportResult> {
  authorize(caller, 'export');
  const { workspace } = caller;
  const language = request.language ?? (workspace.locale === 'en' ? 'en' : 'zh');
  const names = await memberNames(db, workspace.id);
  let leads = 0;
  async function* rows(): AsyncGenerator<ExportCell[][]> {
    for await (const page of leadsToExport(db, workspace.id, { acquired: request.acquired })) {
      leads += page.length;
      yield page.map((lead) => exportRow(lead, { timeZone: workspace.timeZone, language, ownerName: names.get(lead.ownerId), unowned: lead.ownerId === SYSTEM_USER_ID }));
    }
  }
  const columns = exportColumns(language);
  if (request.format === 'xlsx') await writeXlsxSheet(columns, rows(), out, { sheetName: language === 'zh' ? '线索跟踪表' : 'Leads' });
  else await writeCsvSheet(columns, rows(), out, options);
  return { leads, fileName: exportFileName(caller, request.format) };
}

/** Checked before the work starts, so a rep is told at once. */
export function mayExport(caller: Caller): void {
  authorize(caller, 'export');
}

/** The export as bytes, for a way in that uploads a file (Slack's files.uploadV2) rather than streams one. */
export async function exportLeadsToBuffer(caller: Caller, db: Db, request: ExportRequest): Promise<ExportResult & { bytes: Buffer }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const result = await exportLeads(caller, db, request, sink);
  return { ...result, bytes: Buffer.concat(chunks) };
}

export function exportFileName(caller: Caller, format: ExportFormat): string {
  return `leads-${caller.workspace.id}-${DateTime.fromJSDate(caller.now, { zone: caller.workspace.timeZone }).toFormat('yyyy-LL-dd')}.${format}`;
}
