import { InvalidTimeline, NeedsLossReason } from '../domain/errors.js';
import { conversionDays } from '../domain/funnel.js';
import { InvalidFields, isSlackUserId, type FieldProblem } from '../domain/fields.js';
import { checkCloseDetails, checkNewLead } from '../domain/lead-fields.js';
import { readSheetRow, type CellProblem, type HeaderMatch, type SheetLead } from '../domain/lead-sheet.js';
import { matchOwnerIn, ownerIndex, ownerKey, type OwnerCandidate, type OwnerMatch } from '../domain/owner-directory.js';
import { authorize } from '../domain/roles.js';
import { isOpenStage, timelineOf, type Stage } from '../domain/stages.js';
import type { Db } from '../store/database.js';
import { createImportedLeads, takenLeadNumbers, type ImportedLead } from '../store/leads.js';
import { memberCandidates } from '../store/members.js';
import { authorOf, SYSTEM_USER_ID, type Caller } from './caller.js';

/** Why a row did not become a lead; each way in says it in its own words. */
export type RowRefusal =
  | { kind: 'cells'; problems: CellProblem[] }
  | { kind: 'fields'; problems: FieldProblem[] }
  | { kind: 'timeline'; stage: Stage; earlier: Stage }
  | { kind: 'needs_loss_reason' }
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
  /** Owner cells that name nobody, or several people: each once, with how many of its rows went to the team pool. */
  unassigned: UnassignedOwner[];
  /** Lines of an owner mapping whose Slack user names nobody the import knows. */
  unresolvedMapping: OwnerMapping[];
}

/** An owner cell the import did not give to anyone: `why` says whether it was empty, named nobody, or named several. */
export interface UnassignedOwner {
  owner: string;
  why: 'none' | 'unmatched' | 'ambiguous';
  userIds?: string[];
  rows: number;
}

/** A line of an owner mapping: the name as the sheet writes it, and who that is (a Slack user id or email). */
export interface OwnerMapping {
  name: string;
  owner: string;
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
export async function importLeads(caller: Caller, db: Db, sheet: SheetToImport, options: ImportOptions): Promise<ImportReport> {
  authorize(caller, 'import');
  const owners = await ownerResolver(caller, db, options);
  if (options.strict && !options.dryRun) {
    // All or nothing: a dry run first, and the real one only when no row would be refused.
    const check = await importRows(caller, db, sheet, owners, true);
    if (check.refused.length > 0) return { ...check, dryRun: false, heldBack: check.imported, imported: [] };
  }
  return importRows(caller, db, sheet, owners, options.dryRun);
}

async function importRows(caller: Caller, db: Db, sheet: SheetToImport, owners: OwnerResolver, dryRun: boolean): Promise<ImportReport> {
  const { timeZone } = caller.workspace;
  const read = sheet.rows.map((row) => ({ line: row.line, read: readSheetRow(row.cells, sheet.columns, { timeZone, now: caller.now }) }));
  const numbers = read.flatMap(({ read }) => (read.ok ? [read.lead.number] : []));
  const taken = await takenLeadNumbers(db, caller.workspace.id, numbers);

  const report: ImportReport = { dryRun, rowsRead: sheet.rows.length, imported: [], existing: [], refused: [], notes: [], unassigned: [], unresolvedMapping: owners.unresolvedMapping };
  const unassigned = new Map<string, UnassignedOwner>();
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
    const owner = owners.resolve(row.lead.owner);
    const checked = checkRow(caller, row.lead, owner);
    if (!checked.ok) {
      report.refused.push({ line, number, refusal: checked.refusal });
      continue;
    }
    if (owner.kind === 'unassigned') {
      // One line per name however it is typed: "Bob" and "bob " are the same person to the matcher, so to the report.
      const key = ownerKey(owner.owner);
      const entry = unassigned.get(key) ?? { owner: owner.owner, why: owner.why, ...(owner.userIds ? { userIds: owner.userIds } : {}), rows: 0 };
      entry.rows += 1;
      unassigned.set(key, entry);
    }
    const note = conversionDaysNote(line, checked.lead, row.lead.conversionDays, timeZone);
    if (note) report.notes.push(note);
    if (dryRun) report.imported.push(number);
    else batch.push({ line, lead: checked.lead });
    if (batch.length >= BATCH_ROWS) await write();
  }
  await write();
  report.unassigned = [...unassigned.values()];
  return report;
}

/** Rows per transaction: a commit per row is most of an import's time; a few hundred keep each transaction short. */
const BATCH_ROWS = 200;

type OwnerResolution = { kind: 'matched'; userId: string } | { kind: 'unassigned'; owner: string; why: UnassignedOwner['why']; userIds?: string[] };

interface OwnerResolver {
  resolve(cell: string | undefined): OwnerResolution;
  unresolvedMapping: OwnerMapping[];
}

/**
 * Who each owner cell means: the mapping's names first, then the candidates by id, display
 * name, real name or email (owner-directory.ts). What names nobody or several is nobody's.
 */
async function ownerResolver(caller: Caller, db: Db, options: ImportOptions): Promise<OwnerResolver> {
  const candidates = options.owners ?? (await memberCandidates(db, caller.workspace.id));
  // The command line cannot ask Slack who an id is; an id written in the sheet is taken at its word, as a lead added by hand takes it.
  const idsAsWritten = options.owners === undefined;
  const known = ownerIndex(candidates);
  const match = (cell: string): OwnerMatch => {
    const found = matchOwnerIn(known, cell);
    return found.kind === 'unmatched' && idsAsWritten && isSlackUserId(cell.trim()) ? { kind: 'matched', userId: cell.trim() } : found;
  };
  const unresolvedMapping: OwnerMapping[] = [];
  const aliases: OwnerCandidate[] = [];
  for (const entry of options.ownerMapping ?? []) {
    const found = match(entry.owner);
    if (found.kind === 'matched') aliases.push({ userId: found.userId, displayName: entry.name });
    else unresolvedMapping.push(entry);
  }
  const mapped = ownerIndex(aliases);
  return {
    unresolvedMapping,
    resolve(cell) {
      const owner = cell?.trim() ?? '';
      if (!owner) return { kind: 'unassigned', owner: '', why: 'none' };
      const byMapping = matchOwnerIn(mapped, owner);
      const found = byMapping.kind === 'unmatched' ? match(owner) : byMapping;
      if (found.kind === 'matched') return found;
      return found.kind === 'ambiguous' ? { kind: 'unassigned', owner, why: 'ambiguous', userIds: found.userIds } : { kind: 'unassigned', owner, why: 'unmatched' };
    },
  };
}

/**
 * A row whose owner is nobody's goes in unassigned: in the team pool (公海) where it is
 * open, so a manager sees it in /lead pool and a rep may claim it; held by the system,
 * as a lead the morning job returns to the pool is.
 */
function checkRow(caller: Caller, row: SheetLead, owner: OwnerResolution): Checked {
  try {
    const checked = checkNewLead({ ...row.draft, ownerId: owner.kind === 'matched' ? owner.userId : undefined }, { now: caller.now, timeZone: caller.workspace.timeZone, callerId: caller.userId });
    const lead = owner.kind === 'matched' ? checked : { ...checked, ownerId: SYSTEM_USER_ID };
    const { reasons } = checkCloseDetails({ reasons: row.lossReasons });
    const timeline = timelineOf(row.number, { ...row.timestamps, acquiredAt: lead.acquiredAt }, { lossReasonCount: reasons.length });
    return {
      ok: true,
      lead: {
        ...lead,
        number: row.number,
        stage: timeline.stage,
        timestamps: timeline.timestamps,
        lossReasons: reasons,
        dealAmountMinor: row.dealAmountMinor,
        acquisitionCostMinor: row.acquisitionCostMinor,
        ...(owner.kind === 'unassigned' && isOpenStage(timeline.stage) ? { pooledAt: caller.now, nextFollowUpAt: undefined } : {}),
      },
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
