import { InvalidTimeline, NeedsLossReason } from '../domain/errors.js';
import { conversionDays } from '../domain/funnel.js';
import { InvalidFields, isSlackUserId, type FieldProblem } from '../domain/fields.js';
import { checkCloseDetails, checkNewLead } from '../domain/lead-fields.js';
import type { LeadField, LeadPatch } from '../domain/journal.js';
import { readSheetRow, type CellProblem, type HeaderMatch, type SheetColumn, type SheetLead } from '../domain/lead-sheet.js';
import { normalizeSourceChannel } from '../domain/tags.js';
import { matchOwnerIn, ownerIndex, ownerKey, type OwnerCandidate, type OwnerMatch } from '../domain/owner-directory.js';
import { authorize } from '../domain/roles.js';
import { isOpenStage, timelineOf, type Stage } from '../domain/stages.js';
import type { Db } from '../store/database.js';
import { importLeadBatch, type ImportRow } from '../store/lead-import.js';
import type { ImportedLead } from '../store/leads.js';
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

export interface SheetRowToImport {
  line: number;
  cells: readonly string[];
}

export interface SheetToImport {
  columns: HeaderMatch['columns'];
  /** The rows, or a way to read them afresh (a strict import reads them twice) for a sheet too big to hold. */
  rows: ReadonlyArray<SheetRowToImport> | (() => AsyncIterable<SheetRowToImport>);
}

/** How far an import has got, after each batch: for a progress bar. */
export type ImportProgress = (done: { rows: number }) => void;

type Checked = { ok: true; lead: ImportedLead } | { ok: false; refusal: RowRefusal };

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
  const owners = await ownerResolver(caller, db, options);
  if (options.strict && !options.dryRun) {
    // All or nothing: a dry run first, and the real one only when no row would be refused.
    const check = await importRows(caller, db, sheet, owners, true);
    if (check.refused.length > 0) return { ...check, dryRun: false, heldBack: check.created + check.updated, created: 0, updated: 0 };
  }
  return importRows(caller, db, sheet, owners, options.dryRun, options.onProgress);
}

/** Rows per transaction: each batch is a handful of statements, so larger batches are faster, up to what one transaction should hold. */
const BATCH_ROWS = 1000;

async function importRows(caller: Caller, db: Db, sheet: SheetToImport, owners: OwnerResolver, dryRun: boolean, onProgress?: ImportProgress): Promise<ImportReport> {
  const { timeZone } = caller.workspace;
  const context = { timeZone, now: caller.now };
  const carried = carriedFields(sheet.columns);
  const report: ImportReport = { dryRun, rowsRead: 0, created: 0, updated: 0, unchanged: 0, refused: [], notes: [], unassigned: [], unresolvedMapping: owners.unresolvedMapping };
  const unassigned = new Map<string, UnassignedOwner>();
  // Every number the sheet has used so far: the one thing an import keeps per row, to refuse a number given twice.
  const firstLineOf = new Map<string, number>();
  let batch: ImportRow[] = [];
  const write = async () => {
    if (batch.length > 0) {
      const outcomes = await importLeadBatch(db, caller.workspace, batch, authorOf(caller), { dryRun });
      for (const outcome of outcomes.values()) report[outcome] += 1;
      batch = [];
    }
    onProgress?.({ rows: report.rowsRead });
  };
  const rows = typeof sheet.rows === 'function' ? sheet.rows() : sheet.rows;
  for await (const { line, cells } of rows) {
    report.rowsRead += 1;
    const row = readSheetRow(cells, sheet.columns, context);
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
    batch.push({ lead: checked.lead, values: sheetValues(checked.lead, carried, owner.kind === 'matched') });
    if (batch.length >= BATCH_ROWS) await write();
  }
  await write();
  report.unassigned = [...unassigned.values()];
  return report;
}

const STAGE_COLUMNS = ['contactedAt', 'discoveryAt', 'proposalAt', 'negotiationAt', 'wonAt', 'lostAt'] as const satisfies readonly SheetColumn[];

/** Which of a lead's fields the sheet's columns speak for: a re-import changes those and leaves the rest as the team made them. */
function carriedFields(columns: SheetToImport['columns']): Set<LeadField> {
  const has = (column: SheetColumn) => columns[column] !== undefined;
  const fields = new Set<LeadField>(['name', 'acquiredAt']);
  if (has('sourceChannel')) fields.add('sourceChannel').add('sourceChannelKey');
  for (const column of ['campaign', 'contentAsset', 'customerType', 'industry', 'notes'] as const) if (has(column)) fields.add(column);
  if (has('owner')) fields.add('ownerId');
  // The stage is what all the stage times say together: a sheet with any of them speaks for all.
  if (STAGE_COLUMNS.some(has)) for (const field of ['stage', ...STAGE_COLUMNS] as const) fields.add(field);
  if (has('lossReasons')) fields.add('lossReasons');
  if (has('dealAmount')) fields.add('dealAmountMinor');
  if (has('acquisitionCost')) fields.add('acquisitionCostMinor');
  return fields;
}

/** What the sheet says of a lead, field by field, as a re-import compares it with the lead the workspace has. */
function sheetValues(lead: ImportedLead, carried: ReadonlySet<LeadField>, ownerKnown: boolean): LeadPatch {
  const all: LeadPatch = {
    name: lead.name,
    acquiredAt: lead.acquiredAt,
    sourceChannel: lead.sourceChannel ?? null,
    sourceChannelKey: (lead.sourceChannel ? normalizeSourceChannel(lead.sourceChannel)?.key : undefined) ?? null,
    campaign: lead.campaign ?? null,
    contentAsset: lead.contentAsset ?? null,
    customerType: lead.customerType ?? null,
    industry: lead.industry ?? null,
    notes: lead.notes ?? null,
    stage: lead.stage,
    contactedAt: lead.timestamps.contactedAt ?? null,
    discoveryAt: lead.timestamps.discoveryAt ?? null,
    proposalAt: lead.timestamps.proposalAt ?? null,
    negotiationAt: lead.timestamps.negotiationAt ?? null,
    wonAt: lead.timestamps.wonAt ?? null,
    lostAt: lead.timestamps.lostAt ?? null,
    lossReasons: lead.lossReasons,
    dealAmountMinor: lead.dealAmountMinor ?? null,
    acquisitionCostMinor: lead.acquisitionCostMinor ?? null,
    // An owner the sheet names nobody for sure by leaves a lead the team has with whoever has it.
    ...(ownerKnown ? { ownerId: lead.ownerId } : {}),
  };
  return Object.fromEntries(Object.entries(all).filter(([field]) => carried.has(field as LeadField))) as LeadPatch;
}

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
