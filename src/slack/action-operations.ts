import { actionItemsOf, actionItemToClose, actionMetricChoices, addActionItem, closeActionItem, findingForActionItem, mayCreateActionItems } from '../app/action-items.js';
import { findingTitle, ratesWords, type FindingModel } from '../digests/bottleneck-flags.js';
import { percent } from '../digests/format.js';
import { findingKey, LEFT_STAGES, stageAfter } from '../domain/bottlenecks.js';
import type { Locale } from '../domain/locale.js';
import { STAGE_LABELS } from '../domain/stages.js';
import type { FindingRow } from '../store/findings.js';
import type { ActionItemDraft } from '../domain/action-items.js';
import { localeOf } from '../domain/locale.js';
import { teamDate } from '../domain/team-time.js';
import { messagesFor } from '../i18n/messages.js';
import { memberProfiles } from '../store/members.js';
import { profileFromSlack } from './profiles.js';
import { actionItemsMessage } from './blocks/action-items.js';
import { textMessage } from './blocks/message.js';
import { actionItemModal, closeActionItemModal, type MetricOptions } from './blocks/modals.js';
import { modal, reply, type Actor, type Outcome, type SubmissionOutcome } from './listen.js';
import type { AppServices } from './services.js';
import { escapeInline, mentionUser, teamDayLabel } from './text.js';

/** `/lead action new`, `/lead actions` and their forms, in Slack's terms (src/app/action-items.ts does the work). */

/** A week from today: long enough to act, short enough for the next meeting to ask. */
const DEFAULT_DUE_DAYS = 7;

/** The stage pairs a lead drops between, in the reader's words. */
function stagePairs(locale: Locale): MetricOptions['stages'] {
  return LEFT_STAGES.map((stage) => ({ key: findingKey('dropoff', stage), from: STAGE_LABELS[stage][locale], to: STAGE_LABELS[stageAfter(stage)][locale] }));
}

async function metricOptions(services: AppServices, actor: Actor): Promise<MetricOptions> {
  return { stages: stagePairs(actor.locale), ...(await actionMetricChoices(actor, services.db)) };
}

/** A measured metric's name as the form showed it to its maker, kept with the item for every list. */
async function metricName(services: AppServices, actor: Actor, key: string): Promise<string | undefined> {
  const metrics = await metricOptions(services, actor);
  const names = actor.t.actions.metricNames;
  const stage = metrics.stages.find((candidate) => candidate.key === key);
  if (stage) return names.dropoff(stage.from, stage.to);
  const channel = metrics.channels.find((candidate) => candidate.key === key);
  if (channel) return names.channel(channel.label);
  const reason = metrics.lossReasons.find((candidate) => candidate.key === key);
  return reason ? names.loss(reason.label) : undefined;
}

/**
 * The new-item form, from `/lead action new` or from a flag's "Create action item": then
 * the flag's conclusion, metric and a target of its usual rate are filled in, and the
 * item will live in the flag's thread.
 */
export async function actionItemModalFor(services: AppServices, actor: Actor, from: { findingId?: number } = {}): Promise<Outcome> {
  mayCreateActionItems(actor);
  const finding = from.findingId === undefined ? undefined : await findingForActionItem(actor, services.db, from.findingId);
  if (from.findingId !== undefined && !finding) return reply(textMessage(actor.t.flags.gone));
  const metrics = await metricOptions(services, actor);
  const dueDay = teamDate(new Date(actor.now.getTime() + DEFAULT_DUE_DAYS * 86_400_000), actor.workspace.timeZone);
  const prefill = finding ? prefillFromFinding(finding) : {};
  return modal(
    actionItemModal({
      locale: actor.locale,
      callerId: actor.userId,
      dueDay,
      metrics,
      ...prefill,
      context: { channelId: actor.channelId, ...(finding ? { findingId: finding.id } : {}) },
    }),
  );
}

/** The flag's words as the meeting's conclusion, its metric, and its usual rate as the target to get back to. */
function prefillFromFinding(row: FindingRow): { conclusion: string; metricKey: string; target: string } {
  const detail = JSON.parse(row.detail) as Omit<FindingModel, 'findingId'>;
  const rates = ratesWords(detail.locale, detail.finding.kind, { week: detail.finding.week.rate, baseline: detail.finding.baseline.rate });
  return {
    conclusion: `${findingTitle(detail)} (${detail.week}): ${rates}`,
    metricKey: row.key,
    target: percent(detail.finding.baseline.rate),
  };
}

export async function submitActionItem(services: AppServices, actor: Actor, request: { draft: ActionItemDraft; channelId?: string; threadTs?: string; findingId?: number }): Promise<SubmissionOutcome> {
  const metric = request.draft.metricKey ? ((await metricName(services, actor, request.draft.metricKey)) ?? request.draft.metricKey) : request.draft.metric;
  const item = await addActionItem(actor, services.db, { ...request, draft: { ...request.draft, metric } });
  const title = escapeInline(item.title);
  const news = [actor.t.actions.created(item.id, title, mentionUser(item.ownerId), teamDayLabel(item.dueAt, actor.workspace.timeZone, actor.locale))];
  if (item.findingId !== null && item.channelId && item.threadTs) {
    // The flag's thread is where the channel discusses it: it hears what was decided, in the team's language.
    const locale = actor.workspace.locale;
    const text = messagesFor(locale).actions.fromFinding(mentionUser(actor.userId), item.id, title, mentionUser(item.ownerId), teamDayLabel(item.dueAt, actor.workspace.timeZone, locale));
    try {
      await actor.client.chat.postMessage({ channel: item.channelId, thread_ts: item.threadTs, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
    } catch (error) {
      // The item is kept; only the thread did not hear of it.
      services.logger.warn({ err: error, item: item.id }, 'could not tell the flag thread of its action item');
    }
  }
  if (item.ownerId !== actor.userId) {
    // The owner hears it in their own language, whoever created it.
    const lookUp = (userId: string) => profileFromSlack(actor.client, userId);
    const owner = (await memberProfiles(services.db, actor.workspace.id, [item.ownerId], actor.now, lookUp)).get(item.ownerId);
    const locale = localeOf(owner?.locale) ?? actor.workspace.locale;
    const text = messagesFor(locale).actions.assigned(mentionUser(actor.userId), item.id, title, teamDayLabel(item.dueAt, actor.workspace.timeZone, locale));
    await actor.client.chat.postMessage({ channel: item.ownerId, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
    news.push(actor.t.actions.ownerTold(mentionUser(item.ownerId)));
  }
  return { kind: 'done', message: textMessage(news.join(' ')) };
}

export async function listActionItems(services: AppServices, actor: Actor): Promise<Outcome> {
  return reply(actionItemsMessage(await actionItemsOf(actor, services.db), { locale: actor.locale, timeZone: actor.workspace.timeZone, now: actor.now }));
}

export async function closeActionItemModalFor(services: AppServices, actor: Actor, id: number): Promise<Outcome> {
  const item = await actionItemToClose(actor, services.db, id);
  if (!item) return reply(textMessage(actor.t.actions.notFound(String(id))));
  return modal(closeActionItemModal({ locale: actor.locale, item, context: { channelId: actor.channelId, id } }));
}

export async function submitClosing(services: AppServices, actor: Actor, request: { id: number; outcome?: string | null; result?: string | null }): Promise<SubmissionOutcome> {
  const item = await closeActionItem(actor, services.db, request);
  if (!item) return { kind: 'done', message: textMessage(actor.t.actions.alreadyClosed(request.id)) };
  const outcome = actor.t.actions.outcomes[item.status as 'DONE' | 'DROPPED'];
  return { kind: 'done', message: textMessage(actor.t.actions.closed(item.id, outcome, escapeInline(item.result ?? ''))) };
}
