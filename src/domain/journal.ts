import type { CustomerType } from './lead-fields.js';
import { STAGE_TIMESTAMP, type Stage } from './stages.js';
import type { NormalizedTag } from './tags.js';

/**
 * The journal: every change is an entry that says which fields changed, from what to
 * what, by whom, when and through which way in. This module is the one place that knows
 * how a lead's values are written into an entry and read back, which entries can be
 * undone, and what "the stage the person saw" means for a typed command.
 */

export const VIAS = ['slack', 'cli', 'import', 'playground', 'system'] as const;
export type Via = (typeof VIAS)[number];

export const ACTIVITY_KINDS = ['created', 'stage', 'owner', 'edit', 'reopen', 'revert', 'note', 'signal', 'pool', 'role', 'goal', 'settings', 'action', 'cost'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/**
 * The kinds a person may take back with `/lead undo`. A creation is never erased, and a
 * logged follow-up is a contact that happened: a wrong next date is corrected by the next
 * note or `/lead edit`, not by pretending the call was never made.
 */
const UNDOABLE: ReadonlySet<ActivityKind> = new Set(['stage', 'owner', 'edit', 'reopen']);

/** `/lead undo` reaches this far back. */
export const UNDO_WINDOW_MS = 24 * 3_600_000;

/** A lead's values as the journal records them (a column each, plus its loss reasons). */
export interface LeadValues {
  name: string;
  sourceChannel: string | null;
  sourceChannelKey: string | null;
  campaign: string | null;
  contentAsset: string | null;
  customerType: CustomerType | null;
  industry: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  ownerId: string;
  stage: Stage;
  acquiredAt: Date;
  contactedAt: Date | null;
  discoveryAt: Date | null;
  proposalAt: Date | null;
  negotiationAt: Date | null;
  wonAt: Date | null;
  lostAt: Date | null;
  dealAmountMinor: bigint | null;
  acquisitionCostMinor: bigint | null;
  notes: string | null;
  budget: string | null;
  authority: string | null;
  need: string | null;
  timeline: string | null;
  nextFollowUpAt: Date | null;
  lastFollowUpAt: Date | null;
  /** In the team pool since (nobody follows it up until a rep claims it). */
  pooledAt: Date | null;
  claimedAt: Date | null;
  lossReasons: NormalizedTag[];
}

export type LeadField = keyof LeadValues;
export type LeadPatch = Partial<LeadValues>;
/** The lead's columns, which an update writes directly (loss reasons are rows of their own). */
export type LeadColumnPatch = Omit<LeadPatch, 'lossReasons'>;

type FieldCodec = 'text' | 'date' | 'money' | 'tags';

const CODEC: Record<LeadField, FieldCodec> = {
  name: 'text',
  sourceChannel: 'text',
  sourceChannelKey: 'text',
  campaign: 'text',
  contentAsset: 'text',
  customerType: 'text',
  industry: 'text',
  contactEmail: 'text',
  contactPhone: 'text',
  ownerId: 'text',
  stage: 'text',
  acquiredAt: 'date',
  contactedAt: 'date',
  discoveryAt: 'date',
  proposalAt: 'date',
  negotiationAt: 'date',
  wonAt: 'date',
  lostAt: 'date',
  dealAmountMinor: 'money',
  acquisitionCostMinor: 'money',
  notes: 'text',
  budget: 'text',
  authority: 'text',
  need: 'text',
  timeline: 'text',
  nextFollowUpAt: 'date',
  lastFollowUpAt: 'date',
  pooledAt: 'date',
  claimedAt: 'date',
  lossReasons: 'tags',
};

export const LEAD_FIELDS = Object.keys(CODEC) as LeadField[];

/** Fields derived from others: recorded so undo restores them, never shown as a change of their own. */
export const DERIVED_FIELDS: ReadonlySet<LeadField> = new Set(['sourceChannelKey']);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function encodeValue(codec: FieldCodec, value: unknown): Json {
  if (value === null || value === undefined) return null;
  switch (codec) {
    case 'date':
      return (value as Date).toISOString();
    case 'money':
      return (value as bigint).toString();
    case 'tags':
      return [...(value as NormalizedTag[])].sort((a, b) => a.key.localeCompare(b.key)).map((tag) => ({ key: tag.key, label: tag.label }));
    case 'text':
      return value as string;
  }
}

function decodeValue(codec: FieldCodec, value: Json): unknown {
  if (value === null) return codec === 'tags' ? [] : null;
  switch (codec) {
    case 'date':
      return new Date(value as string);
    case 'money':
      return BigInt(value as string);
    case 'tags':
      return (value as Array<{ key: string; label: string }>).map((tag) => ({ key: tag.key, label: tag.label }));
    case 'text':
      return value;
  }
}

/** A patch as the journal's JSON text. Unknown keys are not ours to write. */
export function encodePatch(patch: LeadPatch): string {
  // Written out field by field rather than through an object: an import encodes a few of these for every row.
  let text = '';
  for (const field of LEAD_FIELDS) {
    if (!(field in patch)) continue;
    const value = patch[field];
    const codec = CODEC[field];
    const json = value === null || value === undefined ? 'null' : codec === 'date' ? `"${(value as Date).toISOString()}"` : codec === 'text' ? JSON.stringify(value) : JSON.stringify(encodeValue(codec, value));
    text += `${text ? ',' : '{'}"${field}":${json}`;
  }
  return text ? `${text}}` : '{}';
}

export function decodePatch(text: string | null): LeadPatch {
  if (!text) return {};
  const raw = JSON.parse(text) as Record<string, Json>;
  const patch: Record<string, unknown> = {};
  for (const field of LEAD_FIELDS) if (field in raw) patch[field] = decodeValue(CODEC[field], raw[field]!);
  return patch as LeadPatch;
}

/**
 * Two values of a field are the same change (dates by instant, tags as a set of keys: a
 * tag's label is how the team first wrote it, so 决策链长 and "Long decision chain" are one reason).
 */
export function sameValue(field: LeadField, a: unknown, b: unknown): boolean {
  if (CODEC[field] === 'tags') return JSON.stringify(tagKeys(a)) === JSON.stringify(tagKeys(b));
  return JSON.stringify(encodeValue(CODEC[field], a)) === JSON.stringify(encodeValue(CODEC[field], b));
}

function tagKeys(value: unknown): string[] {
  return ((value as NormalizedTag[] | null | undefined) ?? []).map((tag) => tag.key).sort();
}

/** The fields of `patch` whose value differs from `current`: what a write really changes. */
export function changedFields(current: LeadPatch, patch: LeadPatch): LeadPatch {
  const changed: Record<string, unknown> = {};
  for (const field of LEAD_FIELDS) {
    if (field in patch && !sameValue(field, current[field], patch[field])) changed[field] = patch[field];
  }
  return changed as LeadPatch;
}

/** The values `fields` have in `values`: the "before" of an entry. */
export function pick(values: LeadPatch, fields: readonly LeadField[]): LeadPatch {
  const picked: Record<string, unknown> = {};
  for (const field of fields) picked[field] = values[field];
  return picked as LeadPatch;
}

export function fieldsOf(patch: LeadPatch): LeadField[] {
  return LEAD_FIELDS.filter((field) => field in patch);
}

/** What an entry about something other than a lead's fields records (a role: userId and role). */
export type PlainValues = Record<string, string | null>;

/** One journal entry as read back. */
export interface ActivityEntry {
  id: number;
  leadId: number | null;
  kind: ActivityKind;
  before: LeadPatch;
  after: LeadPatch;
  byId: string;
  at: Date;
  via: Via;
  note: string | null;
  /** Null for history carried over from before the journal: it can be read, not undone. */
  leadVersion: number | null;
  revertsId: number | null;
  /** For entries not about a lead (role, goal): what they recorded. */
  details?: { before: PlainValues; after: PlainValues };
}

/**
 * The entry `/lead undo` takes back: the latest change the caller made (a manager: anyone's)
 * within the window, of a kind that can be undone, not already taken back. `entries` are
 * the lead's recent entries, newest first.
 */
export function entryToUndo(entries: readonly ActivityEntry[], who: { userId: string; anyones: boolean }, now: Date): ActivityEntry | undefined {
  const reverted = new Set(entries.flatMap((entry) => (entry.revertsId === null ? [] : [entry.revertsId])));
  return entries.find(
    (entry) =>
      UNDOABLE.has(entry.kind) &&
      entry.leadVersion !== null &&
      !reverted.has(entry.id) &&
      now.getTime() - entry.at.getTime() <= UNDO_WINDOW_MS &&
      (who.anyones || entry.byId === who.userId),
  );
}

/**
 * Taking an entry back writes its "before" again, but only over its own "after": where a
 * later change moved one of those fields on, undoing would erase that change too, so the
 * fields in the way are returned (and the undo is refused).
 */
export function fieldsInTheWay(entry: ActivityEntry, current: LeadPatch): LeadField[] {
  return movedOn(entry, current).filter((field) => !FOLLOW_UP_FIELDS.has(field));
}

/**
 * When the lead was last contacted and is next due follow from every contact after a
 * change, not from the change alone: a note logged after an advance keeps its dates when
 * the advance is undone, and never stands in the undo's way.
 */
const FOLLOW_UP_FIELDS: ReadonlySet<LeadField> = new Set(['lastFollowUpAt', 'nextFollowUpAt']);

function movedOn(entry: ActivityEntry, current: LeadPatch): LeadField[] {
  return fieldsOf(entry.after).filter((field) => !sameValue(field, current[field], entry.after[field]));
}

/** What undoing `entry` writes: its "before", except the follow-up dates a later contact has moved on. */
export function revertPatch(entry: ActivityEntry, current: LeadPatch): LeadPatch {
  const kept = new Set(movedOn(entry, current).filter((field) => FOLLOW_UP_FIELDS.has(field)));
  return Object.fromEntries(Object.entries(entry.before).filter(([field]) => !kept.has(field as LeadField))) as LeadPatch;
}

/**
 * Someone who types `/lead advance 20231001` saw the lead as it was before they typed;
 * a stage change someone else made seconds earlier, or while the command was on its
 * way, is one they cannot have seen. Applying theirs on top would move the lead twice
 * for one intent (the lost update of two people advancing at once), so the stage they
 * saw is the one before that change, and the write is refused as "moved meanwhile".
 */
export const UNSEEN_CHANGE_WINDOW_MS = 10_000;

/** The stage a typed command's author saw, given the lead's recent entries (newest first). */
export function stageSeenBy(current: Stage, recent: readonly ActivityEntry[], who: { userId: string; at: Date }): Stage {
  const latest = recent.find((entry) => entry.after.stage !== undefined && entry.before.stage !== undefined);
  const unseen = latest && latest.byId !== who.userId && who.at.getTime() - latest.at.getTime() < UNSEEN_CHANGE_WINDOW_MS;
  return unseen ? latest.before.stage! : current;
}

/** One entry of the history an imported lead's times tell. */
export interface HistoryEntry {
  kind: 'created' | 'stage';
  at: Date;
  before?: LeadPatch;
  after: LeadPatch;
}

const PIPELINE_AFTER_ACQUIRED = ['CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION', 'WON'] as const satisfies readonly Stage[];

/**
 * The journal a lead from a sheet would have had if it had been kept here (issue 17):
 * created when it was acquired, then a stage entry at each time its stages record (stages
 * that share one time, filled in for a jump, are one entry, as a jump is), the deal
 * amount with the win and the reasons with the loss. Replayed, the entries give the lead.
 */
export function importedHistory(lead: LeadPatch & { acquiredAt: Date; stage: Stage }): HistoryEntry[] {
  // What the sheet has of a lead that was not won or lost (an expected amount, a worry already noted) was there from the start.
  const closing: LeadField[] = lead.stage === 'WON' ? ['dealAmountMinor'] : lead.stage === 'LOST' ? ['lossReasons'] : [];
  const later = new Set<LeadField>([...PIPELINE_AFTER_ACQUIRED.map((stage) => STAGE_TIMESTAMP[stage]), 'lostAt', ...closing]);
  const created = Object.fromEntries(Object.entries(lead).filter(([field]) => !later.has(field as LeadField))) as LeadPatch;
  const history: HistoryEntry[] = [{ kind: 'created', at: lead.acquiredAt, after: { ...created, stage: 'ACQUIRED' } }];
  let current: Stage = 'ACQUIRED';
  let jump: { at: Date; fields: LeadPatch; to: Stage } | undefined;
  const flush = () => {
    if (!jump) return;
    const before = Object.fromEntries(Object.keys(jump.fields).map((field) => [field, null])) as LeadPatch;
    history.push({ kind: 'stage', at: jump.at, before: { ...before, stage: current }, after: { ...jump.fields, stage: jump.to } });
    current = jump.to;
    jump = undefined;
  };
  for (const stage of PIPELINE_AFTER_ACQUIRED) {
    const at = lead[STAGE_TIMESTAMP[stage]];
    if (!at) continue;
    if (jump && jump.at.getTime() !== at.getTime()) flush();
    jump = { at, fields: { ...jump?.fields, [STAGE_TIMESTAMP[stage]]: at }, to: stage };
  }
  if (jump && lead.stage === 'WON' && lead.dealAmountMinor != null) jump.fields.dealAmountMinor = lead.dealAmountMinor;
  flush();
  if (lead.stage === 'LOST' && lead.lostAt) {
    history.push({ kind: 'stage', at: lead.lostAt, before: { stage: current, lostAt: null, lossReasons: [] }, after: { stage: 'LOST', lostAt: lead.lostAt, lossReasons: lead.lossReasons ?? [] } });
  }
  return history;
}
