import type { WebClient } from '@slack/web-api';
import {
  addLead as addLeadCase,
  advanceLead as advanceLeadCase,
  assignLead as assignLeadCase,
  closableLead,
  editLead as editLeadCase,
  leadForEdit,
  overtakenEdit,
  leadOwners as leadOwnersCase,
  loseLead as loseLeadCase,
  openLeadsOfCaller,
  reopenLead as reopenLeadCase,
  showLead as showLeadCase,
  undoLastChange,
  winLead as winLeadCase,
  type LossRequest,
} from '../app/leads.js';
import { FIND_LIMIT, findLeads as findLeadsCase, leadToAskAbout, possibleDuplicates } from '../app/search.js';
import { LeadChangedMeanwhile } from '../domain/errors.js';
import { capturedNotes, contactsInText } from '../domain/lead-capture.js';
import { localeOf } from '../domain/locale.js';
import { messagesFor } from '../i18n/messages.js';
import { memberProfiles } from '../store/members.js';
import type { DuplicateMatch } from '../store/search.js';
import { FIELD_LIMITS } from '../domain/fields.js';
import type { LeadEditDraft, NewLeadDraft } from '../domain/lead-fields.js';
import type { Stage } from '../domain/stages.js';
import { startOfTeamDay } from '../domain/team-time.js';
import { formatMoney } from '../digests/format.js';
import { leadCardMessage } from './blocks/lead-card.js';
import { refreshHomesAfterChange } from './home.js';
import { editLeadModal, editValuesOf, type EditFormValues } from './blocks/edit-modal.js';
import { mineMessage, ownersMessage } from './blocks/lead-lists.js';
import { textMessage, type SlackMessage } from './blocks/message.js';
import { loseLeadModal, newLeadModal, winLeadModal, type DuplicateWarningLine, type NewLeadFormValues } from './blocks/modals.js';
import { searchResultsMessage } from './blocks/lead-search.js';
import { changeSummary, describeEntry, fieldList } from './blocks/journal-lines.js';
import { modal, reply, tellUser, within, type Actor, type Outcome, type ShortcutMessage, type SubmissionOutcome } from './listen.js';
import type { AppServices } from './services.js';
import { escapeInline, lossReasonLabel, mentionUser, plainTextOfMessage, stageLabel } from './text.js';

/**
 * What `/lead …`, the card's buttons and the modals do, in Slack's terms: each calls the
 * lead use case (src/app/leads.ts) and turns its result into Block Kit. Commands and
 * buttons share these so that a button does exactly what the command does.
 */

/** The lead's card under a line or two of what just happened. */
export async function cardWithNews(services: AppServices, actor: Actor, number: string, news: string[]): Promise<SlackMessage> {
  const shown = await showLeadCase(actor, services.db, number);
  // Every change reaches the person through here: the Homes it touches are brought up to date too.
  refreshHomesAfterChange(services, actor, shown.lead.ownerId);
  const card = leadCardMessage(shown, actor.locale, actor.workspace.timeZone, actor.workspace.currency, actor.workspace.scoring);
  return {
    text: news[0] ?? card.text,
    blocks: [...news.map((text) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } })), { type: 'divider' }, ...card.blocks],
  };
}

export async function showLead(services: AppServices, actor: Actor, number: string): Promise<Outcome> {
  return reply(leadCardMessage(await showLeadCase(actor, services.db, number), actor.locale, actor.workspace.timeZone, actor.workspace.currency, actor.workspace.scoring));
}

export async function advanceLead(services: AppServices, actor: Actor, request: { number: string; stage?: Stage; expectedStage?: Stage }): Promise<Outcome> {
  const result = await advanceLeadCase(actor, services.db, request);
  const { lead } = result;
  const news = [actor.t.advanced(lead.number, escapeInline(lead.name), stageLabel(result.from, actor.locale), stageLabel(lead.stage, actor.locale))];
  if (result.skipped.length > 0) news.push(actor.t.skippedStages(result.skipped.map((stage) => stageLabel(stage, actor.locale)).join(', ')));
  return reply(await cardWithNews(services, actor, lead.number, news));
}

export async function loseLead(services: AppServices, actor: Actor, request: LossRequest): Promise<SlackMessage> {
  const { lead, reasons } = await loseLeadCase(actor, services.db, request);
  const reasonList = reasons.map((reason) => escapeInline(lossReasonLabel(reason, actor.locale))).join(', ');
  return cardWithNews(services, actor, lead.number, [actor.t.lost(lead.number, escapeInline(lead.name), reasonList)]);
}

export async function winLead(services: AppServices, actor: Actor, request: { number: string; amount?: string; expectedStage?: Stage; note?: string }): Promise<SlackMessage> {
  const { lead } = await winLeadCase(actor, services.db, request);
  const amount = lead.dealAmountMinor !== null ? formatMoney(lead.dealAmountMinor, actor.workspace.currency, actor.locale) : '';
  return cardWithNews(services, actor, lead.number, [actor.t.won(lead.number, escapeInline(lead.name), amount)]);
}

export async function loseModalFor(services: AppServices, actor: Actor, number: string, expectedStage?: Stage): Promise<Outcome> {
  const { lead, seen, usedReasons } = await closableLead(actor, services.db, number, 'lose', expectedStage);
  return modal(
    loseLeadModal({
      locale: actor.locale,
      lead: { number: lead.number, name: lead.name, stage: seen },
      usedReasons,
      context: { channelId: actor.channelId, number: lead.number, stage: seen },
    }),
  );
}

export async function winModalFor(services: AppServices, actor: Actor, number: string, expectedStage?: Stage): Promise<Outcome> {
  const { lead, seen } = await closableLead(actor, services.db, number, 'win', expectedStage);
  return modal(
    winLeadModal({
      locale: actor.locale,
      lead: { number: lead.number, name: lead.name },
      context: { channelId: actor.channelId, number: lead.number, stage: seen },
    }),
  );
}

export async function addLead(services: AppServices, actor: Actor, draft: NewLeadDraft): Promise<SlackMessage> {
  const { lead } = await addLeadCase(actor, services.db, draft);
  return cardWithNews(services, actor, lead.number, [actor.t.created(lead.number, escapeInline(lead.name), mentionUser(lead.ownerId))]);
}

/**
 * The new-lead form's submission. Where the lead may already exist (same company, or
 * the same contact on an open lead) and the person has not seen those leads yet, the
 * form comes back in place with what they typed and a warning naming each match; the
 * form then remembers the numbers it named, so a second submit creates the lead anyway.
 */
export async function submitNewLead(
  services: AppServices,
  actor: Actor,
  request: { channelId?: string; warned: string[]; values: NewLeadFormValues; draft: NewLeadDraft },
): Promise<SubmissionOutcome> {
  const matches = await possibleDuplicates(actor, services.db, request.draft);
  const unseen = matches.filter((match) => !request.warned.includes(match.number));
  if (unseen.length === 0) return { kind: 'done', message: await addLead(services, actor, request.draft) };
  return {
    kind: 'update',
    view: newLeadModal({
      locale: actor.locale,
      callerId: actor.userId,
      now: actor.now,
      values: request.values,
      duplicates: matches.map((match) => duplicateLine(actor, match)),
      context: { channelId: request.channelId, warned: matches.map((match) => match.number) },
    }),
  };
}

function duplicateLine(actor: Actor, match: DuplicateMatch): DuplicateWarningLine {
  const d = actor.t.duplicates;
  const why = match.reasons.map((reason) => (reason === 'company' ? d.sameCompany : reason === 'email' ? d.sameEmail : d.samePhone)).join(', ');
  return {
    number: match.number,
    line: d.matchLine(match.number, escapeInline(match.name), stageLabel(match.stage, actor.locale), mentionUser(match.ownerId), why),
    askOwner: match.ownerId !== actor.userId,
  };
}

/**
 * "Ask the owner" on the duplicate warning: a DM to the owner of the lead, in their
 * language, naming the company the rep typed; the rep is told it went, where they
 * started (their form stays open).
 */
export async function askOwnerAboutDuplicate(services: AppServices, actor: Actor, request: { number: string; company?: string }): Promise<void> {
  const lead = await leadToAskAbout(actor, services.db, request.number);
  const owner = (await memberProfiles(services.db, actor.workspace.id, [lead.ownerId], actor.now)).get(lead.ownerId);
  const ownerLocale = localeOf(owner?.locale) ?? actor.workspace.locale;
  const company = escapeInline(request.company?.trim() || lead.name);
  const text = messagesFor(ownerLocale).duplicates.ownerAsked(mentionUser(actor.userId), company, lead.number);
  await actor.client.chat.postMessage({ channel: lead.ownerId, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
  await tellUser(services, actor.client, { userId: actor.userId, channelId: actor.channelId }, textMessage(actor.t.duplicates.askedOwner(mentionUser(lead.ownerId), lead.number)));
}

/** `/lead find <text>`: the best ten, each with its stage, owner and a button to its card. */
export async function findLeads(services: AppServices, actor: Actor, text: string): Promise<Outcome> {
  const hits = await findLeadsCase(actor, services.db, services.provider, text);
  return reply(searchResultsMessage(hits, text, actor.locale, FIND_LIMIT));
}

export function newLeadModalFor(actor: Actor, prefillName?: string): Outcome {
  return modal(newLeadModal({ locale: actor.locale, callerId: actor.userId, prefillName: prefillName && [...prefillName].slice(0, FIELD_LIMITS.leadName).join(''), context: { channelId: actor.channelId }, now: actor.now }));
}

/**
 * The link to a message is a nicety: the form must open within the trigger's 3 seconds
 * whatever Slack says, so a link that fails or is late is left out.
 */
const PERMALINK_BUDGET_MS = 1000;

export function permalinkOf(services: AppServices, client: WebClient, message: ShortcutMessage): Promise<string | undefined> {
  const lookup = client.chat
    .getPermalink({ channel: message.channelId, message_ts: message.ts })
    .then((answer) => answer.permalink)
    .catch((error: unknown) => {
      services.logger.info({ err: error, channel: message.channelId }, 'no permalink for a captured message');
      return undefined;
    });
  return within(lookup, PERMALINK_BUDGET_MS).then((found) => (found.done ? found.value : undefined));
}

/**
 * "Create lead from message": the new-lead form with the message as its notes (and a
 * link back to it), the first email and phone it names as the contact, answering in
 * the channel the message is in. Submitting it is `/lead new`'s submission.
 */
export function newLeadFromMessage(actor: Actor, message: ShortcutMessage, permalink: string | undefined): Outcome {
  const text = plainTextOfMessage(message.text);
  const contacts = contactsInText(text);
  return modal(
    newLeadModal({
      locale: actor.locale,
      callerId: actor.userId,
      now: actor.now,
      values: { notes: capturedNotes(text, permalink), contactEmail: contacts.email, contactPhone: contacts.phone },
      context: { channelId: message.channelId },
    }),
  );
}

export async function assignLead(services: AppServices, actor: Actor, number: string, ownerId: string): Promise<Outcome> {
  const result = await assignLeadCase(actor, services.db, { number, ownerId });
  if (!result.changed) return reply(textMessage(actor.t.alreadyOwner(number, mentionUser(ownerId))));
  // The lead leaves the previous owner's Home as it joins the new one's.
  if (result.previousOwnerId) refreshHomesAfterChange(services, actor, result.previousOwnerId);
  return reply(await cardWithNews(services, actor, number, [actor.t.assigned(number, escapeInline(result.lead.name), mentionUser(ownerId))]));
}

export async function editModalFor(services: AppServices, actor: Actor, number: string): Promise<Outcome> {
  const lead = await leadForEdit(actor, services.db, number);
  return modal(editLeadModal({ locale: actor.locale, values: editValuesOf(lead, actor.workspace.timeZone), context: { channelId: actor.channelId, number: lead.number, version: lead.version } }));
}

/**
 * The edit form's submission. Over a version someone changed meanwhile it is refused:
 * the form comes back, in place, with what the person typed and a line on who changed
 * what, and now carries the new version, so a second submit applies theirs knowingly.
 */
export async function saveEdit(services: AppServices, actor: Actor, request: { number: string; version: number; channelId?: string; values: EditFormValues; draft: LeadEditDraft }): Promise<SubmissionOutcome> {
  try {
    const result = await editLeadCase(actor, services.db, { number: request.number, version: request.version, draft: request.draft });
    if (result.changed.length === 0) return { kind: 'done', message: textMessage(actor.t.journal.nothingChanged(result.lead.number)) };
    const news = actor.t.journal.edited(result.lead.number, fieldList(result.changed, actor.locale));
    return { kind: 'done', message: await cardWithNews(services, actor, result.lead.number, [news]) };
  } catch (error) {
    if (!(error instanceof LeadChangedMeanwhile)) throw error;
    const { lead, shown } = await overtakenEdit(actor, services.db, { number: request.number, version: request.version });
    return {
      kind: 'update',
      view: editLeadModal({
        locale: actor.locale,
        values: keepTyped(request.values, editValuesOf(shown, actor.workspace.timeZone), editValuesOf(lead, actor.workspace.timeZone)),
        context: { channelId: request.channelId, number: lead.number, version: lead.version },
        notice: actor.t.journal.changedMeanwhile(lead.number, changeSummary(error.changes, actor.locale)),
      }),
    };
  }
}

/** What the person typed over what the form showed; where they left a field as shown, the lead's value now. */
function keepTyped(submitted: EditFormValues, shown: EditFormValues, now: EditFormValues): EditFormValues {
  const kept: EditFormValues = { ...submitted };
  for (const key of Object.keys(now) as Array<keyof EditFormValues>) {
    if ((submitted[key] ?? undefined) === (shown[key] ?? undefined)) kept[key] = now[key];
  }
  return kept;
}

export async function undoLead(services: AppServices, actor: Actor, number: string): Promise<Outcome> {
  const { lead, undone, entry } = await undoLastChange(actor, services.db, { number });
  // The revert, as the timeline tells it: from what the lead was to what it is again.
  const what = describeEntry(entry ?? undone, actor.locale, { timeZone: actor.workspace.timeZone, currency: actor.workspace.currency });
  return reply(await cardWithNews(services, actor, lead.number, [actor.t.journal.undone(lead.number, what)]));
}

export async function reopenLead(services: AppServices, actor: Actor, number: string, stage?: Stage): Promise<Outcome> {
  const { lead, from } = await reopenLeadCase(actor, services.db, { number, stage });
  return reply(await cardWithNews(services, actor, lead.number, [actor.t.journal.reopened(lead.number, escapeInline(lead.name), stageLabel(from, actor.locale), stageLabel(lead.stage, actor.locale))]));
}

export async function myLeads(services: AppServices, actor: Actor): Promise<Outcome> {
  const leads = await openLeadsOfCaller(actor, services.db);
  return reply(mineMessage(leads, actor.locale, actor.workspace.timeZone, startOfTeamDay(actor.now, actor.workspace.timeZone), actor.workspace.scoring));
}

export async function leadOwners(services: AppServices, actor: Actor): Promise<Outcome> {
  return reply(ownersMessage(await leadOwnersCase(actor, services.db), actor.locale));
}
