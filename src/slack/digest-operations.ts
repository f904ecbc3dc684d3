import { funnelDraft, overdueDraft, type DigestDraft } from '../digests/drafts.js';
import type { FunnelDigestOptions } from '../digests/funnel-digest.js';
import { profileFromSlack } from './profiles.js';
import { displayNames } from '../store/members.js';
import { parsePeriod, periodBetween, type Period } from '../domain/periods.js';
import { textMessage } from './blocks/message.js';
import { later, reply, type Actor, type Outcome } from './listen.js';
import { privateDigestMessage } from './publish.js';
import type { AppServices } from './services.js';
import { escapeText } from './text.js';

/** The same span of time just before a period, for "change on the period before". */
function periodBefore(period: Period, timeZone: string): Period {
  const length = period.end.getTime() - period.start.getTime();
  return periodBetween(new Date(period.start.getTime() - length), period.start, timeZone);
}

/**
 * `/lead funnel [period]`: the funnel digest for the caller alone. Without a period it
 * is this week's digest as managers get it on Friday; with one, the funnel of the leads
 * acquired in that period.
 */
export async function funnelReport(services: AppServices, actor: Actor, periodText?: string): Promise<Outcome> {
  const { timeZone } = actor.workspace;
  const now = services.now();
  let options: FunnelDigestOptions = { windowWeeks: services.funnelWindowWeeks };
  if (periodText) {
    const period = parsePeriod(periodText, now, timeZone);
    if (!period) return reply(textMessage(actor.t.digest.badPeriod(escapeText(periodText))));
    options = { period: { period, previous: periodBefore(period, timeZone) } };
  }
  return onDemand(actor, () => funnelDraft(services, actor.workspace, now, options));
}

/** `/lead overdue`: the managers' overdue overview, for the caller alone. */
export function overdueReport(services: AppServices, actor: Actor): Outcome {
  const names = (userIds: string[]) =>
    displayNames(services.db, actor.workspace.id, userIds, services.now(), (userId) => profileFromSlack(actor.client, userId));
  return onDemand(actor, () => overdueDraft(services, actor.workspace, services.now(), names));
}

/** A digest for one person: "working on it" at once, then the digest with its charts uploaded privately. */
function onDemand(actor: Actor, draft: () => Promise<DigestDraft>): Outcome {
  return later(textMessage(actor.t.working), async () => privateDigestMessage(actor.client, await draft()));
}
