import { InvalidTimeline, NeedsLossReason } from '../domain/errors.js';
import { conversionDays } from '../domain/funnel.js';
import { InvalidFields, isSlackUserId, type FieldProblem } from '../domain/fields.js';
import { checkCloseDetails, checkNewLead } from '../domain/lead-fields.js';
import type { LeadField, LeadPatch } from '../domain/journal.js';
import { readSheetRow, type CellProblem, type HeaderMatch, type SheetColumn, type SheetLead } from '../domain/lead-sheet.js';
import { matchOwnerIn, ownerIndex, ownerKey, type OwnerCandidate, type OwnerMatch } from '../domain/owner-directory.js';
import { isOpenStage, timelineOf, type Stage } from '../domain/stages.js';
import { normalizeSourceChannel } from '../domain/tags.js';
import type { ScoringRules } from '../domain/scoring.js';
import type { Author } from '../store/journal.js';
import type { ImportRow } from '../store/lead-import.js';
import { encodeNewLead } from '../store/lead-rows.js';
import type { Provider } from '../store/schema-source.js';
import type { ImportedLead } from '../store/leads.js';
import { SYSTEM_USER_ID } from './caller.js';

/**
 * The part of an import that needs no database (issue 17): each row of a sheet read,
 * checked as a lead added by hand is, its owner found, and made into what the writer
 * stores. Pure, and fed only plain data (RowCheckSetup), so that a big CSV's rows can be
 * checked on a thread of their own while the main one writes the batches before them.
 */

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

export interface SheetRowToImport {
  line: number;
  cells: readonly string[];
}

/** All the row checks need, as plain data a worker thread can be given. */
export interface RowCheckSetup {
  columns: HeaderMatch['columns'];
  timeZone: string;
  now: Date;
  /** Who imports: a lead added by hand without an owner is theirs. */
  callerId: string;
  owners: OwnerDirectory;
  /** The sheet's header, where known: values found under no header are tallied (CheckedBatch.unnamedColumns), since nothing imports them. */
  headers?: readonly string[];
  /** Where rows are checked on a thread of their own: encode each lead's rows there too, as new, for this database and these weights. */
  encode?: { provider: Provider; rules: ScoringRules; author: Author };
}

/** Who an owner cell may name: the candidates, the mapping's names for them, and whether an id as written stands. */
export interface OwnerDirectory {
  candidates: OwnerCandidate[];
  mapping: OwnerMapping[];
  /** The command line cannot ask Slack who an id is; there an id written in the sheet is taken at its word, as a lead added by hand takes it. */
  idsAsWritten: boolean;
}

/** What one batch of a sheet's rows came to, before anything is written. */
export interface CheckedBatch {
  /** Rows read for this batch, refused ones included. */
  rowsRead: number;
  rows: ImportRow[];
  refused: RefusedRow[];
  notes: ImportNote[];
  /** Owner cells of this batch that name nobody for sure, each with its row count. */
  unassigned: UnassignedOwner[];
  /** Columns (from 0) with a value in some row of this batch and no header (RowCheckSetup.headers). */
  unnamedColumns: number[];
}

/** Rows per batch (and per transaction): each batch is a handful of statements, so larger batches are faster, up to what one transaction should hold. */
export const BATCH_ROWS = 1000;

type Checked = { ok: true; lead: ImportedLead } | { ok: false; refusal: RowRefusal };

/**
 * The sheet's rows a batch at a time, each row read (readSheetRow), its number refused if
 * the sheet gave it before, its owner resolved and the lead checked (checkRow). The set of
 * numbers seen is all that is kept from one batch to the next.
 */
export async function* checkedBatches(
  rows: Iterable<SheetRowToImport> | AsyncIterable<SheetRowToImport>,
  setup: RowCheckSetup,
  options: { batchRows?: number; /** Whether to encode leads now (setup.encode): not while the sheet's numbers are ones the workspace has. */ encodeNow?: () => boolean } = {},
): AsyncGenerator<CheckedBatch> {
  const batchRows = options.batchRows ?? BATCH_ROWS;
  const { timeZone, now } = setup;
  const context = { timeZone, now };
  const carried = carriedFields(setup.columns);
  const owners = ownerResolverOf(setup.owners);
  const firstLineOf = new FirstLines();
  let batch = emptyBatch();
  let unassigned = new Map<string, UnassignedOwner>();
  let unnamed = new Set<number>();
  // Only the columns without a header are looked at: usually none, and those past the header's end.
  const headerless = setup.headers ? setup.headers.flatMap((header, index) => (header.trim() ? [] : [index])) : [];
  const headerWidth = setup.headers?.length ?? Number.POSITIVE_INFINITY;
  const done = (): CheckedBatch => {
    const finished = { ...batch, unassigned: [...unassigned.values()], unnamedColumns: [...unnamed] };
    batch = emptyBatch();
    unassigned = new Map();
    unnamed = new Set();
    return finished;
  };
  for await (const { line, cells } of rows) {
    batch.rowsRead += 1;
    for (const index of headerless) if (cells[index]?.trim()) unnamed.add(index);
    for (let index = headerWidth; index < cells.length; index++) if (cells[index]!.trim()) unnamed.add(index);
    const row = readSheetRow(cells, setup.columns, context);
    if (!row.ok) batch.refused.push({ line, number: row.number, refusal: { kind: 'cells', problems: row.problems } });
    else {
      const { number } = row.lead;
      const first = firstLineOf.get(number);
      if (first !== undefined) batch.refused.push({ line, number, refusal: { kind: 'repeated_number', number, firstLine: first } });
      else {
        firstLineOf.set(number, line);
        const owner = owners.resolve(row.lead.owner);
        const checked = checkRow(setup, row.lead, owner);
        if (!checked.ok) batch.refused.push({ line, number, refusal: checked.refusal });
        else {
          if (owner.kind === 'unassigned') addUnassigned(unassigned, [{ owner: owner.owner, why: owner.why, ...(owner.userIds ? { userIds: owner.userIds } : {}), rows: 1 }]);
          const note = conversionDaysNote(line, checked.lead, row.lead.conversionDays, timeZone);
          if (note) batch.notes.push(note);
          const values = sheetValues(checked.lead, carried, owner.kind === 'matched');
          const encode = setup.encode && (options.encodeNow?.() ?? true) ? setup.encode : undefined;
          batch.rows.push({ lead: checked.lead, values, ...(encode ? { encoded: encodeNewLead(encode.provider, checked.lead, encode.rules, encode.author) } : {}) });
        }
      }
    }
    if (batch.rowsRead >= batchRows) yield done();
  }
  if (batch.rowsRead > 0) yield done();
}

/**
 * The line each lead number of a sheet was first given on, to refuse it given again. A
 * million numbers in a Map are some 60 MB of heap, the one part of an import that grows
 * with the sheet; a number of up to 15 digits (what sheets hold: 20231001) is kept as a
 * double in typed arrays outside the heap instead, 24 bytes each. Others go in a Map.
 */
export class FirstLines {
  #keys = new Float64Array(1 << 12);
  #lines = new Int32Array(1 << 12);
  #used = 0;
  readonly #others = new Map<string, number>();

  get(number: string): number | undefined {
    const key = FirstLines.#keyOf(number);
    if (key === undefined) return this.#others.get(number);
    const slot = this.#slotOf(key);
    return this.#keys[slot] === key ? this.#lines[slot] : undefined;
  }

  set(number: string, line: number): void {
    const key = FirstLines.#keyOf(number);
    if (key === undefined) {
      this.#others.set(number, line);
      return;
    }
    if ((this.#used + 1) * 2 > this.#keys.length) this.#grow();
    const slot = this.#slotOf(key);
    if (this.#keys[slot] !== key) this.#used += 1;
    this.#keys[slot] = key;
    this.#lines[slot] = line;
  }

  /** A digit string that reads back the same from a double: no leading zero (0012 is not 12), at most 15 digits, not 0 (an empty slot). */
  static #keyOf(number: string): number | undefined {
    return number.length <= 15 && number.charCodeAt(0) !== 48 ? Number(number) : undefined;
  }

  /** Where the key is, or the empty slot it would go in (open addressing, linear probing). */
  #slotOf(key: number): number {
    const mask = this.#keys.length - 1;
    // Mixes both halves of the number: sheets number their leads in runs (20231001, 20231002…).
    let slot = Math.imul((key % 0x1_0000_0000) ^ Math.imul(Math.floor(key / 0x1_0000_0000), 0x9e3779b1), 0x85ebca6b) & mask;
    while (this.#keys[slot] !== 0 && this.#keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  #grow(): void {
    const keys = this.#keys;
    const lines = this.#lines;
    this.#keys = new Float64Array(keys.length * 2);
    this.#lines = new Int32Array(keys.length * 2);
    for (let index = 0; index < keys.length; index++) {
      if (keys[index] === 0) continue;
      const slot = this.#slotOf(keys[index]!);
      this.#keys[slot] = keys[index]!;
      this.#lines[slot] = lines[index]!;
    }
  }
}

function emptyBatch(): Omit<CheckedBatch, 'unassigned' | 'unnamedColumns'> {
  return { rowsRead: 0, rows: [], refused: [], notes: [] };
}

/** Adds owner tallies (a row's, a batch's) to others, one line per name however it is typed: "Bob" and "bob " are the same person to the matcher, so to the report. */
export function addUnassigned(into: Map<string, UnassignedOwner>, batch: readonly UnassignedOwner[]): void {
  for (const owner of batch) {
    const key = ownerKey(owner.owner);
    const entry = into.get(key);
    if (entry) entry.rows += owner.rows;
    else into.set(key, { ...owner });
  }
}

const STAGE_COLUMNS = ['contactedAt', 'discoveryAt', 'proposalAt', 'negotiationAt', 'wonAt', 'lostAt'] as const satisfies readonly SheetColumn[];

/** Which of a lead's fields the sheet's columns speak for: a re-import changes those and leaves the rest as the team made them. */
function carriedFields(columns: HeaderMatch['columns']): Set<LeadField> {
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
  const values: Record<string, unknown> = {};
  for (const field in all) if (carried.has(field as LeadField)) values[field] = all[field as LeadField];
  return values as LeadPatch;
}

type OwnerResolution = { kind: 'matched'; userId: string } | { kind: 'unassigned'; owner: string; why: UnassignedOwner['why']; userIds?: string[] };

export interface OwnerResolver {
  resolve(cell: string | undefined): OwnerResolution;
  /** Lines of the mapping whose Slack user names nobody the import knows. */
  unresolvedMapping: OwnerMapping[];
}

/**
 * Who each owner cell means: the mapping's names first, then the candidates by id, display
 * name, real name or email (owner-directory.ts). What names nobody or several is nobody's.
 */
export function ownerResolverOf(directory: OwnerDirectory): OwnerResolver {
  const known = ownerIndex(directory.candidates);
  const match = (cell: string): OwnerMatch => {
    const found = matchOwnerIn(known, cell);
    return found.kind === 'unmatched' && directory.idsAsWritten && isSlackUserId(cell.trim()) ? { kind: 'matched', userId: cell.trim() } : found;
  };
  const unresolvedMapping: OwnerMapping[] = [];
  const aliases: OwnerCandidate[] = [];
  for (const entry of directory.mapping) {
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
function checkRow(setup: RowCheckSetup, row: SheetLead, owner: OwnerResolution): Checked {
  try {
    const checked = checkNewLead({ ...row.draft, ownerId: owner.kind === 'matched' ? owner.userId : undefined }, { now: setup.now, timeZone: setup.timeZone, callerId: setup.callerId });
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
        ...(owner.kind === 'unassigned' && isOpenStage(timeline.stage) ? { pooledAt: setup.now, nextFollowUpAt: undefined } : {}),
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
