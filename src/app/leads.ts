import { minorUnits, parseAmount } from '../domain/amount.js';
import { InvalidTransition, LeadChangedMeanwhile, NoNextStage, NotAllowed, NothingToUndo, NotClosed, StageChangedMeanwhile, UndoBlocked } from '../domain/errors.js';
import { InvalidFields, isSlackUserId } from '../domain/fields.js';
import { cadenceDay, contactFields } from '../domain/follow-ups.js';
import { entryToUndo, fieldsInTheWay, fieldsOf, revertPatch, stageSeenBy, UNSEEN_CHANGE_WINDOW_MS, type ActivityEntry, type LeadField, type LeadPatch } from '../domain/journal.js';
import { checkCloseDetails, checkLeadEdit, checkNewLead, type LeadEditDraft, type NewLeadDraft } from '../domain/lead-fields.js';
import { claimFields } from '../domain/pool.js';
import { atLeast, authorize } from '../domain/roles.js';
import { assertOpen, isOpenStage, lastOpenStageReached, nextOpenStage, planStageChange, type OpenStage, type Stage } from '../domain/stages.js';
import { KNOWN_LOSS_REASONS, normalizeLossReason, uniqueTags, type NormalizedTag } from '../domain/tags.js';
import type { Db } from '../store/database.js';
import { entriesAfterVersion as entriesSinceVersion } from '../store/journal.js';
import {
  changeLead,
  createLead,
  existingTagKeys,
  findLead,
  leadCard,
  leadHistory,
  openLeadsOf,
  ownerStageCounts,
  usedLossReasons,
  valuesOf,
  type LeadCard,
  type LeadReads,
  type LeadRow,
} from '../store/leads.js';
import { authorOf, type Caller } from './caller.js';

/**
 * What can be done to a lead, whoever asks and however they ask: Slack's commands and
 * buttons, the command line, the importer and the playground all call these. Each write
 * authorizes the caller, validates in the domain, and changes the lead and its journal
 * in one transaction (store/leads.ts changeLead); each returns data, never a message.
 */

export interface StageMove {
  lead: LeadRow;
  from: Stage;
  skipped: Stage[];
  entry?: ActivityEntry;
}

export async function addLead(caller: Caller, db: Db, draft: NewLeadDraft) {
  const input = checkNewLead(draft, { now: caller.now, timeZone: caller.workspace.timeZone, callerId: caller.userId });
  return createLead(db, caller.workspace, input, authorOf(caller));
}

export function showLead(caller: Caller, db: Db, number: string): Promise<LeadCard> {
  return leadCard(db, caller.workspace.id, number);
}

/** The stage the caller saw: the one a card or form carried, else the one a typed command could have seen. */
async function seenStage(caller: Caller, lead: LeadRow, reads: LeadReads, expectedStage: Stage | undefined): Promise<Stage> {
  if (expectedStage) return expectedStage;
  const recent = await reads.recent(5, new Date(caller.now.getTime() - UNSEEN_CHANGE_WINDOW_MS));
  return stageSeenBy(lead.stage, recent, { userId: caller.userId, at: caller.now });
}

/** Advance, win and lose: the caller may, the lead is still where they saw it, and the move is one the pipeline allows. */
async function moveLead(
  caller: Caller,
  db: Db,
  request: { number: string; expectedStage?: Stage; note?: string },
  action: 'advance' | 'win' | 'lose',
  plan: (lead: LeadRow, seen: OpenStage, reads: LeadReads) => Promise<{ to: Stage; set?: LeadPatch; lossReasonCount?: number }> | { to: Stage; set?: LeadPatch; lossReasonCount?: number },
): Promise<StageMove> {
  let from: Stage = 'ACQUIRED';
  let skipped: Stage[] = [];
  const result = await changeLead(db, { workspaceId: caller.workspace.id, number: request.number }, authorOf(caller), async (lead, reads) => {
    authorize(caller, action, lead);
    const seen = await seenStage(caller, lead, reads, request.expectedStage);
    if (lead.stage !== seen) throw new StageChangedMeanwhile(lead.number, seen, lead.stage);
    assertOpen(lead.number, seen);
    const { to, set, lossReasonCount } = await plan(lead, seen, reads);
    const move = planStageChange(lead.number, seen, to, caller.now, { lossReasonCount });
    from = seen;
    skipped = move.skipped;
    // Moving a lead on means someone talked to the customer: it counts as a contact.
    const contact = contactFields(to, caller.now, caller.workspace.timeZone, caller.workspace.followUp);
    return { kind: 'stage', set: { ...set, stage: to, ...move.timestamps, ...contact }, note: request.note };
  });
  return { lead: result.lead, from, skipped, entry: result.entry };
}

export function advanceLead(caller: Caller, db: Db, request: { number: string; stage?: Stage; expectedStage?: Stage }): Promise<StageMove> {
  return moveLead(caller, db, request, 'advance', (lead, seen) => {
    const to = request.stage ?? nextOpenStage(seen);
    if (!to) throw new NoNextStage(lead.number, seen);
    return { to };
  });
}

export interface LossRequest {
  number: string;
  /** Reasons as written (a command, the form's text box). */
  reasons: Array<NormalizedTag | undefined>;
  /** Reasons picked from the form's list, by key: each must be one it could have offered. */
  pickedKeys?: string[];
  expectedStage?: Stage;
  note?: string;
}

export async function loseLead(caller: Caller, db: Db, request: LossRequest): Promise<StageMove & { reasons: NormalizedTag[] }> {
  const picked = request.pickedKeys ?? [];
  if (picked.length > 0) {
    const known = new Set(KNOWN_LOSS_REASONS.map((reason) => reason.key));
    const offered = new Set([...known, ...(await existingTagKeys(db, caller.workspace.id, 'LOSS_REASON', picked.filter((key) => !known.has(key))))]);
    if (picked.some((key) => !offered.has(key))) throw new InvalidFields([{ field: 'lossReasonChoice', kind: 'not_offered' }]);
  }
  const given = uniqueTags([...picked.map(normalizeLossReason), ...request.reasons]);
  if (request.pickedKeys !== undefined && given.length === 0) throw new InvalidFields([{ field: 'lossReason', kind: 'required' }]);
  const { reasons, note } = checkCloseDetails({ reasons: given, note: request.note });
  const move = await moveLead(caller, db, { ...request, note }, 'lose', async (_lead, _seen, reads) => ({
    to: 'LOST',
    set: { lossReasons: uniqueTags([...(await reads.lossReasons()), ...reasons]) },
    lossReasonCount: reasons.length,
  }));
  return { ...move, reasons };
}

export function winLead(caller: Caller, db: Db, request: { number: string; amount?: string; expectedStage?: Stage; note?: string }): Promise<StageMove> {
  const { note } = checkCloseDetails({ note: request.note });
  // Read here too, not only by the command's parser: the command line and an import call this directly.
  const amount = request.amount !== undefined ? parseAmount(request.amount) : undefined;
  return moveLead(caller, db, { ...request, note }, 'win', () => ({
    to: 'WON',
    set: amount !== undefined ? { dealAmountMinor: minorUnits(amount) } : {},
  }));
}

/**
 * A lead the caller may close, still open: checked before a win or loss form opens, so
 * that a refusal comes at once rather than after the form is filled in.
 */
export async function closableLead(caller: Caller, db: Db, number: string, action: 'win' | 'lose', expectedStage?: Stage) {
  const lead = await findLead(db, caller.workspace.id, number);
  authorize(caller, action, lead);
  const seen = expectedStage ?? lead.stage;
  assertOpen(lead.number, lead.stage);
  return { lead, seen, usedReasons: action === 'lose' ? await usedLossReasons(db, caller.workspace.id) : [] };
}

export async function assignLead(caller: Caller, db: Db, request: { number: string; ownerId: string }) {
  if (!isSlackUserId(request.ownerId)) throw new InvalidFields([{ field: 'owner', kind: 'invalid' }]);
  const result = await changeLead(db, { workspaceId: caller.workspace.id, number: request.number }, authorOf(caller), (lead) => {
    authorize(caller, 'assign', lead);
    // Handing out a pooled lead takes it from the pool, as a claim would, on the new owner's behalf.
    if (lead.pooledAt) return { kind: 'owner', set: claimFields(lead, request.ownerId, caller.now, caller.workspace.timeZone) };
    return lead.ownerId === request.ownerId ? undefined : { kind: 'owner', set: { ownerId: request.ownerId } };
  });
  return { lead: result.lead, changed: result.entry !== undefined, previousOwnerId: result.before.ownerId };
}

/** What the edit form shows: the lead's values and the version they are, which the submit carries back. */
export async function leadForEdit(caller: Caller, db: Db, number: string) {
  const lead = await findLead(db, caller.workspace.id, number);
  authorize(caller, 'edit', lead);
  return lead;
}

/**
 * Saves an edit made on the lead as it was at `version`. If anyone changed it since, the
 * edit is refused with who changed which fields, so that nothing they did is overwritten
 * unseen; the form keeps what the caller typed.
 */
export async function editLead(caller: Caller, db: Db, request: { number: string; version: number; draft: LeadEditDraft }) {
  const patch = checkLeadEdit(request.draft, { now: caller.now, timeZone: caller.workspace.timeZone });
  const result = await changeLead(db, { workspaceId: caller.workspace.id, number: request.number }, authorOf(caller), async (lead, reads) => {
    authorize(caller, 'edit', lead);
    if (lead.version !== request.version) {
      const since = await reads.entriesAfterVersion(request.version);
      throw new LeadChangedMeanwhile(lead.number, since.map((entry) => ({ byId: entry.byId, fields: shownFields(entry.after) })));
    }
    return { kind: 'edit', set: patch };
  });
  return { lead: result.lead, changed: shownFields(result.after), before: result.before, after: result.after };
}

/**
 * An edit that was overtaken: the lead now, and as the form showed it at `version` (each
 * field changed since, back at its value then), so that the form can keep what the
 * person typed and take the others' changes for the fields they left alone.
 */
export async function overtakenEdit(caller: Caller, db: Db, request: { number: string; version: number }) {
  const lead = await leadForEdit(caller, db, request.number);
  const since = await entriesSinceVersion(db, lead.id, request.version);
  const shown: LeadRow = { ...lead };
  // Newest first back to the oldest: each field ends at its value before the first change after `version`.
  for (const entry of [...since].reverse()) Object.assign(shown, columnsOf(entry.before));
  return { lead, shown };
}

function columnsOf(patch: LeadPatch): Partial<LeadRow> {
  const { lossReasons: _reasons, ...columns } = patch;
  return columns as Partial<LeadRow>;
}

/** The fields of a change a person would name (a derived key is part of its source). */
function shownFields(patch: LeadPatch): LeadField[] {
  return fieldsOf(patch).filter((field) => field !== 'sourceChannelKey');
}

/**
 * Takes a closed lead back to an open stage: by default the one it left, as the journal
 * recorded it. Its close is undone in the row (won/lost time, loss reasons) and kept in
 * the journal. Reopening a won deal changes revenue figures, so it needs a manager.
 */
export async function reopenLead(caller: Caller, db: Db, request: { number: string; stage?: Stage }) {
  const result = await changeLead(db, { workspaceId: caller.workspace.id, number: request.number }, authorOf(caller), async (lead, reads) => {
    if (isOpenStage(lead.stage)) throw new NotClosed(lead.number, lead.stage);
    authorize(caller, lead.stage === 'WON' ? 'reopenWon' : 'reopen', lead);
    const to = request.stage ?? (await stageLeft(lead, reads));
    if (!isOpenStage(to)) throw new InvalidTransition(lead.number, lead.stage, to);
    const nextFollowUpAt = cadenceDay(to, caller.now, caller.workspace.timeZone, caller.workspace.followUp);
    return { kind: 'reopen', set: { stage: to, wonAt: null, lostAt: null, lossReasons: [], nextFollowUpAt } };
  });
  return { lead: result.lead, from: result.before.stage!, entry: result.entry };
}

/** Where a closed lead was when it closed: the journal knows; for old history, the furthest stage it reached. */
async function stageLeft(lead: LeadRow, reads: LeadReads): Promise<OpenStage> {
  const closing = (await reads.recent(50)).find((entry) => entry.after.stage === lead.stage && entry.before.stage !== undefined);
  const before = closing?.before.stage;
  return before && isOpenStage(before) ? before : lastOpenStageReached(lead);
}

/**
 * `/lead undo`: takes back the caller's own last change to the lead within 24 hours (a
 * manager: anyone's), as a revert entry that points at it; nothing is erased. Refused
 * where a later change built on the same fields, since undoing would erase that too.
 */
export async function undoLastChange(caller: Caller, db: Db, request: { number: string }) {
  let undone: ActivityEntry | undefined;
  const result = await changeLead(db, { workspaceId: caller.workspace.id, number: request.number }, authorOf(caller), async (lead, reads) => {
    const recent = await reads.recent(50);
    const manager = atLeast(caller.role, 'manager');
    undone = entryToUndo(recent, { userId: caller.userId, anyones: manager }, caller.now);
    if (!undone) {
      if (!manager && entryToUndo(recent, { userId: caller.userId, anyones: true }, caller.now)) throw new NotAllowed('undoOthers', 'manager', lead);
      throw new NothingToUndo(lead.number);
    }
    // Taking a change back is a change of its own: to a lead the caller may change, and a
    // won deal's win only as a manager may reopen it.
    authorize(caller, 'edit', lead);
    if (undone.after.stage === 'WON') authorize(caller, 'reopenWon', lead);
    const current: LeadPatch = { ...valuesOf(lead), lossReasons: await reads.lossReasons() };
    const inTheWay = fieldsInTheWay(undone, current);
    if (inTheWay.length > 0) {
      const blocker = recent.find((entry) => entry.id > undone!.id && inTheWay.some((field) => field in entry.after));
      throw new UndoBlocked(lead.number, blocker?.byId ?? lead.ownerId, shownFields(Object.fromEntries(inTheWay.map((field) => [field, null])) as LeadPatch));
    }
    return { kind: 'revert', set: revertPatch(undone, current), revertsId: undone.id };
  });
  return { lead: result.lead, undone: undone!, entry: result.entry };
}

export async function activityOf(caller: Caller, db: Db, number: string) {
  return leadHistory(db, caller.workspace.id, number);
}

export function openLeadsOfCaller(caller: Caller, db: Db) {
  return openLeadsOf(db, caller.workspace.id, caller.userId);
}

export function leadOwners(caller: Caller, db: Db) {
  return ownerStageCounts(db, caller.workspace.id);
}
