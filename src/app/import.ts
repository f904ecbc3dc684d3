import { InvalidTimeline, NeedsLossReason } from '../domain/errors.js';
import { conversionDays } from '../domain/funnel.js';
import { InvalidFields, isSlackUserId, type FieldProblem } from '../domain/fields.js';
import { checkCloseDetails, checkNewLead } from '../domain/lead-fields.js';
import { readSheetRow, type CellProblem, type HeaderMatch, type SheetLead } from '../domain/lead-sheet.js';
import { authorize } from '../domain/roles.js';
import { timelineOf, type Stage } from '../domain/stages.js';
import type { Db } from '../store/database.js';
import { createImportedLeads, takenLeadNumbers, type ImportedLead } from '../store/leads.js';
import { membersNamed } from '../store/members.js';
import { authorOf, type Caller } from './caller.js';

/** Why a row did not become a lead; each way in says it in its own words. */
export type RowRefusal =
  | { kind: 'cells'; problems: CellProblem[] }
  | { kind: 'fields'; problems: FieldProblem[] }
  | { kind: 'timeline'; stage: Stage; earlier: Stage }
  | { kind: 'needs_loss_reason' }
  | { kind: 'owner_required' }
  | { kind: 'owner_unknown'; owner: string }
  | { kind: 'owner_ambiguous'; owner: string; userIds: string[] }
  | { kind: 'repeated_number'; number: string; firstLine: number };

export interface RefusedRow {
  line: number;
  number?: string;
  refusal: RowRefusal;
}

/** Something the sheet says that leadops computes itself and sees otherwise: told, never refused. */
export type ImportNote = { line: number; number: string; kind: 'conversion_days_differ'; sheet: string; computed: number } | { line: number; number: string; kind: 'conversion_days_open'; sheet: string };

export interface ImportReport {
  dryRun: boolean;
  rowsRead: number;
  /** Lead numbers added (or, on a dry run, that would be). */
  imported: string[];
  /** Rows whose number the workspace already has: left as they are. */
  existing: Array<{ line: number; number: string }>;
  refused: RefusedRow[];
  notes: ImportNote[];
  /** With `strict`, the good rows not imported because others were refused. */
  heldBack?: string[];
}

export interface SheetToImport {
  columns: HeaderMatch['columns'];
  rows: ReadonlyArray<{ line: number; cells: readonly string[] }>;
}

type Checked = { ok: true; lead: ImportedLead } | { ok: false; refusal: RowRefusal };

/**
 * Brings a tracking sheet's rows in as leads (issue 17): each row through the same
 * checks as a lead added by hand (checkNewLead) and a stage history its times must make
 * sense as (timelineOf), written with that history as its journal by the caller's way in. A
 * number the workspace already has is left alone, so importing a sheet again adds
 * nothing twice; a refused row writes nothing and the others still go in. A dry run
 * checks all of it and writes nothing; a strict import writes nothing if any row is refused.
 */
export async function importLeads(caller: Caller, db: Db, sheet: SheetToImport, options: { dryRun: boolean; strict?: boolean }): Promise<ImportReport> {
  authorize(caller, 'import');
  if (options.strict && !options.dryRun) {
    // All or nothing: a dry run first, and the real one only when no row would be refused.
    const check = await importRows(caller, db, sheet, true);
    if (check.refused.length > 0) return { ...check, dryRun: false, heldBack: check.imported, imported: [] };
  }
  return importRows(caller, db, sheet, options.dryRun);
}

async function importRows(caller: Caller, db: Db, sheet: SheetToImport, dryRun: boolean): Promise<ImportReport> {
  const { timeZone } = caller.workspace;
  const read = sheet.rows.map((row) => ({ line: row.line, read: readSheetRow(row.cells, sheet.columns, { timeZone, now: caller.now }) }));
  const owners = await ownersByName(caller, db, read.flatMap(({ read }) => (read.ok && read.lead.owner && !isSlackUserId(read.lead.owner) ? [read.lead.owner] : [])));
  const numbers = read.flatMap(({ read }) => (read.ok ? [read.lead.number] : []));
  const taken = await takenLeadNumbers(db, caller.workspace.id, numbers);

  const report: ImportReport = { dryRun, rowsRead: sheet.rows.length, imported: [], existing: [], refused: [], notes: [] };
  const firstLineOf = new Map<string, number>();
  let batch: Array<{ line: number; lead: ImportedLead }> = [];
  const write = async () => {
    if (batch.length === 0) return;
    const { created } = await createImportedLeads(db, caller.workspace, batch.map((row) => row.lead), authorOf(caller));
    for (const { line, lead } of batch) {
      if (created.has(lead.number)) report.imported.push(lead.number);
      else report.existing.push({ line, number: lead.number });
    }
    batch = [];
  };
  for (const { line, read: row } of read) {
    if (!row.ok) {
      report.refused.push({ line, number: row.number, refusal: { kind: 'cells', problems: row.problems } });
      continue;
    }
    const { number } = row.lead;
    const first = firstLineOf.get(number);
    if (first !== undefined) {
      report.refused.push({ line, number, refusal: { kind: 'repeated_number', number, firstLine: first } });
      continue;
    }
    firstLineOf.set(number, line);
    if (taken.has(number)) {
      report.existing.push({ line, number });
      continue;
    }
    const checked = checkRow(caller, row.lead, owners);
    if (!checked.ok) {
      report.refused.push({ line, number, refusal: checked.refusal });
      continue;
    }
    const note = conversionDaysNote(line, checked.lead, row.lead.conversionDays, timeZone);
    if (note) report.notes.push(note);
    if (dryRun) report.imported.push(number);
    else batch.push({ line, lead: checked.lead });
    if (batch.length >= BATCH_ROWS) await write();
  }
  await write();
  return report;
}

/** Rows per transaction: a commit per row is most of an import's time; a few hundred keep each transaction short. */
const BATCH_ROWS = 200;

/** Owners a sheet names by name, matched to the people the workspace knows; never guessed. */
async function ownersByName(caller: Caller, db: Db, names: string[]): Promise<Map<string, string[]>> {
  return names.length === 0 ? new Map() : membersNamed(db, caller.workspace.id, names);
}

function ownerOf(owner: string | undefined, owners: Map<string, string[]>): { ok: true; userId: string } | { ok: false; refusal: RowRefusal } {
  if (!owner) return { ok: false, refusal: { kind: 'owner_required' } };
  if (isSlackUserId(owner)) return { ok: true, userId: owner };
  const userIds = owners.get(owner) ?? [];
  if (userIds.length === 1) return { ok: true, userId: userIds[0]! };
  return { ok: false, refusal: userIds.length === 0 ? { kind: 'owner_unknown', owner } : { kind: 'owner_ambiguous', owner, userIds } };
}

function checkRow(caller: Caller, row: SheetLead, owners: Map<string, string[]>): Checked {
  const owner = ownerOf(row.owner, owners);
  if (!owner.ok) return owner;
  try {
    const lead = checkNewLead({ ...row.draft, ownerId: owner.userId }, { now: caller.now, timeZone: caller.workspace.timeZone, callerId: caller.userId });
    const { reasons } = checkCloseDetails({ reasons: row.lossReasons });
    const timeline = timelineOf(row.number, { ...row.timestamps, acquiredAt: lead.acquiredAt }, { lossReasonCount: reasons.length });
    return {
      ok: true,
      lead: { ...lead, number: row.number, stage: timeline.stage, timestamps: timeline.timestamps, lossReasons: reasons, dealAmountMinor: row.dealAmountMinor, acquisitionCostMinor: row.acquisitionCostMinor },
    };
  } catch (error) {
    if (error instanceof InvalidFields) return { ok: false, refusal: { kind: 'fields', problems: error.problems } };
    if (error instanceof InvalidTimeline) return { ok: false, refusal: { kind: 'timeline', stage: error.stage, earlier: error.earlier } };
    if (error instanceof NeedsLossReason) return { ok: false, refusal: { kind: 'needs_loss_reason' } };
    throw error;
  }
}

/** The sheet's conversion days against DOMAIN.md's: a day's rounding either way is the same figure. */
function conversionDaysNote(line: number, lead: ImportedLead, sheet: string | undefined, timeZone: string): ImportNote | undefined {
  if (sheet === undefined) return undefined;
  const closedAt = lead.timestamps.wonAt ?? lead.timestamps.lostAt;
  if (!closedAt) return { line, number: lead.number, kind: 'conversion_days_open', sheet };
  const computed = conversionDays(lead.acquiredAt, closedAt, timeZone);
  const written = Number(sheet.normalize('NFKC').replace(/天|days?$/i, '').trim());
  return Number.isFinite(written) && Math.abs(written - computed) < 1 ? undefined : { line, number: lead.number, kind: 'conversion_days_differ', sheet, computed };
}
