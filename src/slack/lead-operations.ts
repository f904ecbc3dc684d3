import { LeadClosed, NoNextStage } from '../domain/errors.js';
import { isOpenStage, nextOpenStage, type Stage } from '../domain/stages.js';
import type { NormalizedTag } from '../domain/tags.js';
import { FIELD_LIMITS, InvalidFields, isSlackUserId } from '../domain/fields.js';
import { checkCloseDetails, checkNewLead, type NewLeadDraft } from '../domain/lead-fields.js';
import { KNOWN_LOSS_REASONS, normalizeLossReason, uniqueTags } from '../domain/tags.js';
import { assignOwner, changeStage, createLead, existingTagKeys, findLead, leadWithHistory, openLeadsOf, ownerStageCounts, usedLossReasons } from '../store/leads.js';
import { leadCardMessage } from './blocks/lead-card.js';
import { mineMessage, ownersMessage } from './blocks/lead-lists.js';
import { textMessage, type SlackMessage } from './blocks/message.js';
import { loseLeadModal, newLeadModal, winLeadModal } from './blocks/modals.js';
import { modal, reply, type Actor, type Outcome } from './listen.js';
import type { AppServices } from './services.js';
import { startOfTeamDay } from '../domain/team-time.js';
import { formatMoney } from '../digests/format.js';
import { escapeInline, lossReasonLabel, mentionUser, stageLabel } from './text.js';

/**
 * What `/lead …`, the card's buttons and the modals do. Commands and buttons share
 * these so that a button does exactly what the command does.
 */

async function cardWithNews(services: AppServices, actor: Actor, number: string, news: string[]): Promise<SlackMessage> {
  const card = leadCardMessage(await leadWithHistory(services.db, actor.workspace.id, number), actor.locale, actor.workspace.timeZone, actor.workspace.currency);
  return {
    text: news[0] ?? card.text,
    blocks: [...news.map((text) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text } })), { type: 'divider' }, ...card.blocks],
  };
}

export async function showLead(services: AppServices, actor: Actor, number: string): Promise<Outcome> {
  const lead = await leadWithHistory(services.db, actor.workspace.id, number);
  return reply(leadCardMessage(lead, actor.locale, actor.workspace.timeZone, actor.workspace.currency));
}

export async function advanceLead(
  services: AppServices,
  actor: Actor,
  request: { number: string; stage?: Stage; expectedStage?: Stage },
): Promise<Outcome> {
  const result = await changeStage(
    services.db,
    {
      workspaceId: actor.workspace.id,
      number: request.number,
      to: request.stage ?? 'NEXT',
      expectedStage: request.expectedStage,
      byId: actor.userId,
      at: services.now(),
    },
    (lead) => {
      const next = nextOpenStage(lead.stage);
      if (!next) throw new NoNextStage(lead.number, lead.stage);
      return next;
    },
  );
  const { lead } = result;
  const news = [actor.t.advanced(lead.number, escapeInline(lead.name), stageLabel(result.from, actor.locale), stageLabel(lead.stage, actor.locale))];
  if (result.skipped.length > 0) news.push(actor.t.skippedStages(result.skipped.map((stage) => stageLabel(stage, actor.locale)).join(', ')));
  return reply(await cardWithNews(services, actor, lead.number, news));
}

export async function loseLead(
  services: AppServices,
  actor: Actor,
  request: { number: string; reasons: NormalizedTag[]; expectedStage?: Stage; note?: string },
): Promise<SlackMessage> {
  const { reasons, note } = checkCloseDetails({ reasons: request.reasons, note: request.note });
  const { lead } = await changeStage(
    services.db,
    {
      workspaceId: actor.workspace.id,
      number: request.number,
      to: 'LOST',
      expectedStage: request.expectedStage,
      byId: actor.userId,
      at: services.now(),
      note,
      lossReasons: reasons,
    },
    () => 'LOST',
  );
  const reasonList = reasons.map((reason) => escapeInline(lossReasonLabel(reason, actor.locale))).join(', ');
  return cardWithNews(services, actor, lead.number, [actor.t.lost(lead.number, escapeInline(lead.name), reasonList)]);
}

/**
 * The loss form: reasons picked from its list (each one the form could have offered:
 * a known reason or one the team has used) and reasons written in.
 */
export async function loseLeadFromForm(
  services: AppServices,
  actor: Actor,
  request: { number: string; pickedKeys: string[]; written: Array<NormalizedTag | undefined>; expectedStage?: Stage; note?: string },
): Promise<SlackMessage> {
  const known = new Set(KNOWN_LOSS_REASONS.map((reason) => reason.key));
  const offered = new Set([...known, ...(await existingTagKeys(services.db, actor.workspace.id, 'LOSS_REASON', request.pickedKeys.filter((key) => !known.has(key))))]);
  if (request.pickedKeys.some((key) => !offered.has(key))) throw new InvalidFields([{ field: 'lossReasonChoice', kind: 'not_offered' }]);
  const reasons = uniqueTags([...request.pickedKeys.map(normalizeLossReason), ...request.written]);
  if (reasons.length === 0) throw new InvalidFields([{ field: 'lossReason', kind: 'required' }]);
  return loseLead(services, actor, { number: request.number, reasons, expectedStage: request.expectedStage, note: request.note });
}

export async function winLead(
  services: AppServices,
  actor: Actor,
  request: { number: string; amount?: string; expectedStage?: Stage; note?: string },
): Promise<SlackMessage> {
  const { note } = checkCloseDetails({ note: request.note });
  const { lead } = await changeStage(
    services.db,
    {
      workspaceId: actor.workspace.id,
      number: request.number,
      to: 'WON',
      expectedStage: request.expectedStage,
      byId: actor.userId,
      at: services.now(),
      note,
      dealAmount: request.amount,
    },
    () => 'WON',
  );
  const amount = lead.dealAmountMinor !== null ? formatMoney(lead.dealAmountMinor, actor.workspace.currency, actor.locale) : '';
  return cardWithNews(services, actor, lead.number, [actor.t.won(lead.number, escapeInline(lead.name), amount)]);
}

/** A lead that can still be won or lost, so that refusals come before a modal opens. */
async function openLead(services: AppServices, actor: Actor, number: string, expectedStage?: Stage) {
  const lead = await findLead(services.db, actor.workspace.id, number);
  const seen = expectedStage ?? lead.stage;
  if (!isOpenStage(lead.stage)) throw new LeadClosed(lead.number, lead.stage);
  return { lead, seen };
}

export async function loseModalFor(services: AppServices, actor: Actor, number: string, expectedStage?: Stage): Promise<Outcome> {
  const { lead, seen } = await openLead(services, actor, number, expectedStage);
  return modal(
    loseLeadModal({
      locale: actor.locale,
      lead: { number: lead.number, name: lead.name, stage: seen },
      usedReasons: await usedLossReasons(services.db, actor.workspace.id),
      context: { channelId: actor.channelId, number: lead.number, stage: seen },
    }),
  );
}

export async function winModalFor(services: AppServices, actor: Actor, number: string, expectedStage?: Stage): Promise<Outcome> {
  const { lead, seen } = await openLead(services, actor, number, expectedStage);
  return modal(
    winLeadModal({
      locale: actor.locale,
      lead: { number: lead.number, name: lead.name },
      context: { channelId: actor.channelId, number: lead.number, stage: seen },
    }),
  );
}

export async function addLead(services: AppServices, actor: Actor, draft: NewLeadDraft): Promise<SlackMessage> {
  const input = checkNewLead(draft, { now: services.now(), timeZone: actor.workspace.timeZone, callerId: actor.userId });
  const lead = await createLead(services.db, actor.workspace, input, actor.userId);
  return cardWithNews(services, actor, lead.number, [actor.t.created(lead.number, escapeInline(lead.name), mentionUser(lead.ownerId))]);
}

export function newLeadModalFor(services: AppServices, actor: Actor, prefillName?: string): Outcome {
  return modal(newLeadModal({ locale: actor.locale, callerId: actor.userId, prefillName: prefillName && [...prefillName].slice(0, FIELD_LIMITS.leadName).join(''), context: { channelId: actor.channelId }, now: services.now() }));
}

export async function assignLead(services: AppServices, actor: Actor, number: string, ownerId: string): Promise<Outcome> {
  if (!isSlackUserId(ownerId)) throw new InvalidFields([{ field: 'owner', kind: 'invalid' }]);
  const result = await assignOwner(services.db, actor.workspace.id, number, ownerId, actor.userId, services.now());
  if (!result.changed) return reply(textMessage(actor.t.alreadyOwner(number, mentionUser(ownerId))));
  return reply(await cardWithNews(services, actor, number, [actor.t.assigned(number, escapeInline(result.lead.name), mentionUser(ownerId))]));
}

export async function myLeads(services: AppServices, actor: Actor): Promise<Outcome> {
  const leads = await openLeadsOf(services.db, actor.workspace.id, actor.userId);
  return reply(mineMessage(leads, actor.locale, actor.workspace.timeZone, startOfTeamDay(services.now(), actor.workspace.timeZone)));
}

export async function leadOwners(services: AppServices, actor: Actor): Promise<Outcome> {
  return reply(ownersMessage(await ownerStageCounts(services.db, actor.workspace.id), actor.locale));
}
