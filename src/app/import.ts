import type { OwnerCandidate } from '../domain/owner-directory.js';
import { authorize } from '../domain/roles.js';
import { unnamedColumnsOf, type HeaderMatch } from '../domain/lead-sheet.js';
import { csvRows } from '../sheets/csv-sheet.js';
import { xlsxRows } from '../sheets/xlsx-sheet.js';
import { providerOfClient, type Db } from '../store/database.js';
import { importLeadBatch } from '../store/lead-import.js';
import { memberCandidates } from '../store/members.js';
import { scoringRulesIn } from '../store/scoring.js';
import { authorOf, type Caller } from './caller.js';
import { addUnassigned, checkedBatches, ownerResolverOf, type CheckedBatch, type ImportNote, type OwnerDirectory, type OwnerMapping, type RefusedRow, type RowCheckSetup, type SheetRowToImport, type UnassignedOwner } from './import-rows.js';
import { checkedBatchesOnThread, type ThreadBatches, type ThreadSheet } from './import-thread.js';

export type { ImportNote, OwnerMapping, RefusedRow, RowRefusal, SheetRowToImport, UnassignedOwner } from './import-rows.js';

export interface ImportReport {
  dryRun: boolean;
  rowsRead: number;
  /** Leads added (or, on a dry run, that would be). Counts, not lists: a sheet may have a million rows. */
  created: number;
  /** Leads the workspace had that the sheet changes, each with one journal entry. */
  updated: number;
  /** Leads the workspace had that the sheet says nothing new of: not written at all. */
  unchanged: number;
  refused: RefusedRow[];
  notes: ImportNote[];
  /** With `strict`, how many good rows were not written because others were refused. */
  heldBack?: number;
  /** Owner cells that name nobody, or several people: each once, with how many rows name it. */
  unassigned: UnassignedOwner[];
  /** Lines of an owner mapping whose Slack user names nobody the import knows. */
  unresolvedMapping: OwnerMapping[];
  /** Columns (from 1, as a spreadsheet counts them) with values under no header, not imported; found where the sheet's headers were given. */
  unnamedColumns: number[];
}

export interface ImportOptions {
  dryRun: boolean;
  strict?: boolean;
  /**
   * Everyone an owner cell may name, as Slack's users.list gives them. Without it, the
   * members the workspace already knows, and a Slack user id as the sheet writes it.
   */
  owners?: OwnerCandidate[];
  /** Names the sheet uses for people, decided before anything else (the command line's --owners). */
  ownerMapping?: OwnerMapping[];
}

export interface SheetToImport {
  columns: HeaderMatch['columns'];
  /** The header row as the sheet has it: with it, the report names columns with values and no header. */
  headers?: readonly string[];
  /**
   * The rows, or a way to read them afresh (a strict import reads them twice) for a sheet
   * too big to hold, or a file as openCsvSheet or openXlsxSheet found it: a big one's rows
   * are then read and checked on a thread of their own while the batches before them are written.
   */
  rows: ReadonlyArray<SheetRowToImport> | (() => AsyncIterable<SheetRowToImport>) | (ThreadSheet & { /** Default: for a file of THREAD_MIN_BYTES or more (a workbook: a quarter of that). */ onThread?: boolean });
}

/** Below this size a sheet is checked on the main thread: starting a thread takes longer than checking its rows. */
export const THREAD_MIN_BYTES = 2 << 20;

/** How far an import has got, after each batch: for a progress bar. */
export type ImportProgress = (done: { rows: number }) => void;

/**
 * Brings a tracking sheet's rows in as leads (issue 17): each row through the same
 * checks as a lead added by hand (checkNewLead) and a stage history its times must make
 * sense as (timelineOf), written with that history as its journal by the caller's way in.
 * A number the workspace already has is brought to what the sheet says (one journal
 * entry with before and after) or, where the sheet says nothing new, left untouched, so
 * importing a sheet again changes nothing and an import stopped halfway is finished by
 * running it again. A refused row writes nothing and the others still go in. A dry run
 * checks all of it and writes nothing; a strict import writes nothing if any row is refused.
 */
export async function importLeads(caller: Caller, db: Db, sheet: SheetToImport, options: ImportOptions & { onProgress?: ImportProgress }): Promise<ImportReport> {
  authorize(caller, 'import');
  const setup: RowCheckSetup = { columns: sheet.columns, ...(sheet.headers ? { headers: sheet.headers } : {}), timeZone: caller.workspace.timeZone, now: caller.now, callerId: caller.userId, owners: await ownerDirectory(caller, db, options) };
  if (options.strict && !options.dryRun) {
    // All or nothing: a dry run first, and the real one only when no row would be refused.
    const check = await importRows(caller, db, sheet, setup, true);
    if (check.refused.length > 0) return { ...check, dryRun: false, heldBack: check.created + check.updated, created: 0, updated: 0 };
  }
  return importRows(caller, db, sheet, setup, options.dryRun, options.onProgress);
}

async function importRows(caller: Caller, db: Db, sheet: SheetToImport, setup: RowCheckSetup, dryRun: boolean, onProgress?: ImportProgress): Promise<ImportReport> {
  const report: ImportReport = { dryRun, rowsRead: 0, created: 0, updated: 0, unchanged: 0, refused: [], notes: [], unassigned: [], unresolvedMapping: ownerResolverOf(setup.owners).unresolvedMapping, unnamedColumns: [] };
  const unassigned = new Map<string, UnassignedOwner>();
  const unnamed = new Set<number>();
  // Checked on a thread of its own, a lead is encoded there too, with the weights as they are now (the writer checks they still are).
  const file = 'csv' in sheet.rows || 'xlsx' in sheet.rows ? sheet.rows : undefined;
  // A workbook is zipped: a quarter of its CSV's size holds as many rows.
  const onThread = file !== undefined && (file.onThread ?? ('csv' in file ? file.csv.size >= THREAD_MIN_BYTES : file.xlsx.size >= THREAD_MIN_BYTES / 4));
  const encode = onThread && !dryRun ? { provider: providerOfClient(db), rules: await scoringRulesIn(db, caller.workspace.id), author: authorOf(caller) } : undefined;
  const batches: AsyncIterable<CheckedBatch> & Partial<Pick<ThreadBatches, 'encodeAhead'>> =
    file && onThread
      ? checkedBatchesOnThread('csv' in file ? { csv: file.csv } : { xlsx: file.xlsx }, encode ? { ...setup, encode } : setup)
      : checkedBatches(file ? ('csv' in file ? csvRows(file.csv) : xlsxRows(file.xlsx)) : typeof sheet.rows === 'function' ? sheet.rows() : (sheet.rows as ReadonlyArray<SheetRowToImport>), setup);
  for await (const batch of batches) {
    report.rowsRead += batch.rowsRead;
    report.refused.push(...batch.refused);
    report.notes.push(...batch.notes);
    addUnassigned(unassigned, batch.unassigned);
    for (const index of batch.unnamedColumns) unnamed.add(index);
    if (batch.rows.length > 0) {
      const outcomes = await importLeadBatch(db, caller.workspace, batch.rows, authorOf(caller), { dryRun, ...(encode ? { encodedWith: encode.rules } : {}) });
      let created = 0;
      for (const outcome of outcomes.values()) {
        report[outcome] += 1;
        if (outcome === 'created') created += 1;
      }
      // A sheet imported again is mostly leads the workspace has: encoding them ahead would be work thrown away.
      batches.encodeAhead?.(created * 2 >= outcomes.size);
    }
    onProgress?.({ rows: report.rowsRead });
  }
  if (report.rowsRead === 0) onProgress?.({ rows: 0 });
  report.unassigned = [...unassigned.values()];
  report.unnamedColumns = unnamedColumnsOf(setup.headers ?? [], unnamed);
  return report;
}

/** Everyone an owner cell may name: Slack's users where the caller has them, else the members the workspace knows. */
async function ownerDirectory(caller: Caller, db: Db, options: ImportOptions): Promise<OwnerDirectory> {
  const candidates: OwnerCandidate[] = options.owners ?? (await memberCandidates(db, caller.workspace.id));
  return { candidates, mapping: options.ownerMapping ?? [], idsAsWritten: options.owners === undefined };
}
