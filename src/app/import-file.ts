import type { FieldProblem } from '../domain/fields.js';
import { FIELD_COLUMNS, isHeaderRow, matchHeaders, SHEET_COLUMNS, type CellProblemReason, type HeaderMatch, type SheetColumn } from '../domain/lead-sheet.js';
import { authorize } from '../domain/roles.js';
import { STAGE_TIMESTAMP, type Stage } from '../domain/stages.js';
import { UnreadableSheet, type SheetRow } from '../sheets/csv-sheet.js';
import { readSheetFile } from '../sheets/read-sheet.js';
import type { Db } from '../store/database.js';
import type { Caller } from './caller.js';
import type { OwnerCandidate } from '../domain/owner-directory.js';
import { importLeads, type ImportNote, type ImportReport } from './import.js';

/**
 * A tracking sheet as a file someone handed over (Slack's `/lead import`): read, its
 * headers matched, imported through importLeads, and its problems as rows a person can
 * find in their sheet. The command line reads files its own way (src/cli/main.ts).
 */

/** A file a sheet can be read from, by what its name ends with. */
export const SHEET_FILE_TYPES = ['csv', 'xlsx'] as const;
export type SheetFileType = (typeof SHEET_FILE_TYPES)[number];

export function sheetFileType(name: string): SheetFileType | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return SHEET_FILE_TYPES.find((type) => type === extension);
}

export interface SheetFile {
  name: string;
  bytes: Uint8Array;
}

export type SheetFileImport =
  | { kind: 'unsupported'; name: string }
  | { kind: 'unreadable'; name: string; reason: string }
  /** A required column is not there: nothing was imported, and these are the headers found. */
  | { kind: 'missing_columns'; name: string; missing: SheetColumn[]; headers: string[] }
  | { kind: 'imported'; name: string; report: ImportReport; match: HeaderMatch; unnamedColumns: number[]; problems: ProblemRow[] };

/** One thing wrong with one row, where a person finds it in their sheet. */
export interface ProblemRow {
  line: number;
  number?: string;
  /** The column of the sheet it is about, if one; `header` is how this sheet writes it. */
  column?: SheetColumn;
  header: string;
  value: string;
  problem: RowProblem;
}

export type RowProblem =
  | { kind: 'cell'; reason: CellProblemReason }
  | { kind: 'field'; problem: FieldProblem }
  | { kind: 'timeline'; stage: Stage; earlier: Stage }
  | { kind: 'needs_loss_reason' }
  | { kind: 'repeated_number'; firstLine: number }
  /** Imported all the same: the sheet's conversion days disagree with its times, or the lead is still open. */
  | { kind: 'note'; note: ImportNote };

/** `owners`: everyone an owner cell may name (Slack's users.list); a name that fits nobody or several goes to the team pool, listed in the report. */
export async function importSheetFile(caller: Caller, db: Db, file: SheetFile, options: { dryRun: boolean; owners?: OwnerCandidate[] }): Promise<SheetFileImport> {
  // Refused before the file is read, so a rep hears who may rather than what is wrong with their sheet.
  authorize(caller, 'import');
  if (!sheetFileType(file.name)) return { kind: 'unsupported', name: file.name };
  let sheet;
  try {
    // A workbook's first sheet: a form has nowhere to name another (the command line's --sheet does).
    sheet = await readSheetFile(file.bytes, { fileName: file.name, isHeader: isHeaderRow, maxUnpackedBytes: MAX_WORKBOOK_UNPACKED_BYTES });
  } catch (error) {
    if (error instanceof UnreadableSheet) return { kind: 'unreadable', name: file.name, reason: error.message };
    throw error;
  }
  const match = matchHeaders(sheet.headers);
  if (match.missing.length > 0) return { kind: 'missing_columns', name: file.name, missing: match.missing, headers: sheet.headers.filter((header) => header.trim()) };
  const report = await importLeads(caller, db, { columns: match.columns, headers: sheet.headers, rows: sheet.rows }, { dryRun: options.dryRun, ...(options.owners ? { owners: options.owners } : {}) });
  return { kind: 'imported', name: file.name, report, match, unnamedColumns: report.unnamedColumns, problems: problemRows(report, match, sheet.headers, sheet.rows) };
}

/** Each refusal and note of a report as one row per problem, in the sheet's order. */
export function problemRows(report: ImportReport, match: HeaderMatch, headers: readonly string[], rows: readonly SheetRow[]): ProblemRow[] {
  const cellsOf = new Map(rows.map((row) => [row.line, row.cells]));
  const header = (column: SheetColumn) => {
    const index = match.columns[column];
    return index === undefined ? SHEET_COLUMNS.find((entry) => entry.column === column)!.zh : headers[index]!;
  };
  const cell = (line: number, column: SheetColumn) => {
    const index = match.columns[column];
    return index === undefined ? '' : (cellsOf.get(line)?.[index] ?? '').trim();
  };
  const at = (line: number, number: string | undefined, column: SheetColumn | undefined, problem: RowProblem, value?: string): ProblemRow => ({
    line,
    ...(number ? { number } : {}),
    ...(column ? { column } : {}),
    header: column ? header(column) : '',
    value: value ?? (column ? cell(line, column) : ''),
    problem,
  });
  const found: ProblemRow[] = [];
  for (const { line, number, refusal } of report.refused) {
    switch (refusal.kind) {
      case 'cells':
        for (const problem of refusal.problems) found.push(at(line, number, problem.column, { kind: 'cell', reason: problem.reason }, problem.value));
        break;
      case 'fields':
        for (const problem of refusal.problems) found.push(at(line, number, FIELD_COLUMNS[problem.field], { kind: 'field', problem }));
        break;
      case 'timeline':
        found.push(at(line, number, STAGE_TIMESTAMP[refusal.stage], { kind: 'timeline', stage: refusal.stage, earlier: refusal.earlier }));
        break;
      case 'needs_loss_reason':
        found.push(at(line, number, 'lossReasons', { kind: 'needs_loss_reason' }));
        break;
      case 'repeated_number':
        found.push(at(line, number, 'number', { kind: 'repeated_number', firstLine: refusal.firstLine }, refusal.number));
        break;
    }
  }
  for (const note of report.notes) found.push(at(note.line, note.number, 'conversionDays', { kind: 'note', note }, note.sheet));
  return found.sort((a, b) => a.line - b.line);
}

/** The largest sheet file taken in (issue 17's 100k-row sheets are a few MB; a 1M-row one goes by the command line). */
export const MAX_SHEET_FILE_BYTES = 20 * 1024 * 1024;

/**
 * What a workbook sent in Slack may unpack to: its sheet is read whole, and 20 MB of zip
 * may hold gigabytes. An honest workbook is some 8 times its size unpacked (a 100k-row
 * one: 4.7 MB, 38 MB), so this leaves room for anything of MAX_SHEET_FILE_BYTES.
 */
export const MAX_WORKBOOK_UNPACKED_BYTES = 512 * 1024 * 1024;
