import { followUpFormFor, followUpsDue, logFollowUp as logFollowUpCase } from '../app/follow-ups.js';
import type { FollowUpDraft } from '../domain/follow-ups.js';
import type { Stage } from '../domain/stages.js';
import { normalizeLossReason } from '../domain/tags.js';
import { teamDate } from '../domain/team-time.js';
import { followUpsDueMessage } from './blocks/follow-ups-due.js';
import type { SlackMessage } from './blocks/message.js';
import { followUpModal } from './blocks/modals.js';
import { cardWithNews, loseLead } from './lead-operations.js';
import { modal, reply, type Actor, type Outcome } from './listen.js';
import type { AppServices } from './services.js';
import { escapeInline, teamDayLabel } from './text.js';

/**
 * `/lead note`, the card's "Log follow-up" form and `/lead due`, in Slack's terms: each
 * calls the follow-up use case (src/app/follow-ups.ts) and answers in Block Kit.
 */

export async function logFollowUp(services: AppServices, actor: Actor, number: string, draft: FollowUpDraft): Promise<SlackMessage> {
  const result = await logFollowUpCase(actor, services.db, { number, draft });
  const t = actor.t.followUp;
  const { lead, nextDay } = result;
  const news = [t.logged(lead.number, escapeInline(lead.name))];
  if (!nextDay) news.push(t.closedNoNext);
  else {
    const day = teamDayLabel(nextDay, actor.workspace.timeZone, actor.locale);
    news.push(result.cadenceDays !== undefined ? t.nextByCadence(day, result.cadenceDays) : t.nextOn(day));
  }
  return cardWithNews(services, actor, lead.number, [news.join(' ')]);
}

export async function followUpModalFor(services: AppServices, actor: Actor, number: string, expectedStage?: Stage): Promise<Outcome> {
  const form = await followUpFormFor(actor, services.db, number);
  return modal(
    followUpModal({
      locale: actor.locale,
      lead: { number: form.lead.number, name: form.lead.name },
      ...(form.proposedDay ? { proposedDay: teamDate(form.proposedDay, actor.workspace.timeZone) } : {}),
      ...(form.cadenceDays ? { cadenceDays: form.cadenceDays } : {}),
      context: { channelId: actor.channelId, number: form.lead.number, stage: expectedStage ?? form.lead.stage },
    }),
  );
}

export async function dueList(services: AppServices, actor: Actor): Promise<Outcome> {
  const due = await followUpsDue(actor, services.db);
  return reply(followUpsDueMessage(due, { locale: actor.locale, timeZone: actor.workspace.timeZone }));
}

/** A zombie closed in one click: lost, for no response. */
export async function loseForNoResponse(services: AppServices, actor: Actor, number: string, expectedStage: Stage): Promise<Outcome> {
  return reply(await loseLead(services, actor, { number, reasons: [normalizeLossReason('no response')], expectedStage }));
}
