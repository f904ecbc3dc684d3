import { DateTime } from 'luxon';
import { parseAmount } from '../domain/amount.js';
import { shiftDecimal } from '../domain/decimal.js';
import { InvalidAmount } from '../domain/errors.js';
import { baseline, GOAL_METRICS, goalNumber, METRIC_KIND, METRIC_UNIT, type GoalMetric, type GoalNumber } from '../domain/goals.js';
import { completeMonthsBefore, dayRange, monthContaining, quarterContaining, weekContaining, type Period } from '../domain/periods.js';
import { FieldCheck, type FieldName, type FieldProblem } from '../domain/fields.js';
import { KNOWN_SOURCE_CHANNELS } from '../domain/tags.js';
import { formatMetric, goalPeriod, goalsCharts, goalsListMessage, goalsModel } from '../digests/goals-digest.js';
import { renderCharts, uploadCharts } from '../digests/publish.js';
import { profileFromSlack } from './profiles.js';
import { closeGoal, createGoal, measureGoalMetric, updateGoal, type GoalInput } from '../store/goals.js';
import { displayNames } from '../store/members.js';
import type { LeadScope } from '../store/metrics.js';
import type { WorkspaceSettings } from '../store/workspaces.js';
import { goalModal, GOAL_PERIOD_CHOICES, type GoalFormValues, type GoalPeriodChoice } from './blocks/goal-modal.js';
import { textMessage, type SlackMessage } from './blocks/message.js';
import { later, modal, type Actor, type Outcome, type SubmissionOutcome } from './listen.js';
import type { AppServices } from './services.js';
import { amountFieldProblem, modalErrors } from './errors.js';
import { FIELD } from './ids.js';
import { escapeInline, mentionUser } from './text.js';
import type { InputState } from './listeners/views/view-state.js';

/** `/lead goal set`, `/lead goals` and their modal and buttons. */

export function resolveGoalPeriod(choice: GoalPeriodChoice | undefined, from: string | undefined, to: string | undefined, now: Date, timeZone: string): Period | undefined {
  switch (choice) {
    case 'this-week':
      return weekContaining(now, timeZone);
    case 'this-month':
      return monthContaining(now, timeZone);
    case 'this-quarter':
      return quarterContaining(now, timeZone);
    case 'next-month':
      return monthContaining(DateTime.fromJSDate(now, { zone: timeZone }).plus({ months: 1 }).toJSDate(), timeZone);
    case 'custom':
      return from && to ? dayRange(from, to, timeZone) : undefined;
    default:
      return undefined;
  }
}

/** The source channels a goal can be scoped to: the known ones and those the team has used (and `picked`, if it is one). */
async function sourceChannelChoices(services: AppServices, workspace: WorkspaceSettings, picked?: string) {
  const used = await services.db.tag.findMany({
    where: { workspaceId: workspace.id, kind: 'SOURCE_CHANNEL', ...(picked ? { key: picked } : {}) },
    select: { key: true, label: true },
    take: 100,
  });
  const choices = new Map(KNOWN_SOURCE_CHANNELS.map((channel) => [channel.key, channel[workspace.locale]]));
  for (const tag of used) if (!choices.has(tag.key)) choices.set(tag.key, tag.label);
  return [...choices.entries()].map(([key, label]) => ({ key, label }));
}

function scopeFrom(values: GoalFormValues): LeadScope {
  if (values.ownerId) return { ownerId: values.ownerId };
  if (values.channelKey) return { sourceChannelKey: values.channelKey };
  return {};
}

/** DOMAIN.md: the baseline is the average of the last 3 complete months, of the same metric and scope. */
async function baselineOf(services: AppServices, workspace: WorkspaceSettings, metric: GoalMetric, scope: LeadScope, now: Date): Promise<number | undefined> {
  const months = completeMonthsBefore(now, 3, workspace.timeZone);
  const values = await Promise.all(months.map((month) => measureGoalMetric(services.db, services.provider, workspace.id, metric, month, scope)));
  return baseline(values.map(Number));
}

async function baselineText(services: AppServices, actor: Actor, values: GoalFormValues): Promise<string> {
  const g = actor.t.goals;
  if (!values.metric) return g.baselineUnknown;
  const now = services.now();
  const monthly = await baselineOf(services, actor.workspace, values.metric, scopeFrom(values), now);
  if (monthly === undefined) return g.baselineUnknown;
  const shown = formatMetric(values.metric, goalNumber(values.metric, monthly), actor.locale, actor.workspace.currency);
  if (METRIC_KIND[values.metric] !== 'cumulative') return g.baselineRate(shown);
  const period = resolveGoalPeriod(values.period, values.from, values.to, now, actor.workspace.timeZone);
  // A month is 30.44 days on average: the monthly baseline scaled to the period's length.
  const perPeriod = period
    ? g.baselinePerPeriod(formatMetric(values.metric, goalNumber(values.metric, (monthly * (period.end.getTime() - period.start.getTime())) / (30.44 * 86_400_000)), actor.locale, actor.workspace.currency))
    : '';
  return g.baseline(shown, perPeriod);
}

export async function goalModalFor(services: AppServices, actor: Actor, goalId?: number): Promise<Outcome> {
  let values: GoalFormValues = { channelId: actor.channelId };
  if (goalId !== undefined) {
    const goal = await services.db.goal.findFirst({ where: { id: goalId, workspaceId: actor.workspace.id, status: 'ACTIVE' } });
    if (!goal) return { kind: 'reply', message: textMessage(actor.t.goals.notFound) };
    const period = goalPeriod(goal, actor.workspace.timeZone);
    const [from, to] = period.label.split('..');
    const metric = goal.metric as GoalMetric;
    values = {
      ...values,
      goalId,
      metric,
      target: METRIC_UNIT[metric] === 'rate' ? `${shiftDecimal(goal.target, 2)}%` : shiftDecimal(goal.target, 0),
      period: 'custom',
      from,
      to,
      ownerId: goal.scope === 'OWNER' ? goal.scopeValue ?? undefined : undefined,
      channelKey: goal.scope === 'SOURCE_CHANNEL' ? goal.scopeValue ?? undefined : undefined,
    };
    values.baselineText = await baselineText(services, actor, values);
  }
  return modal(goalModal(actor.locale, values, await sourceChannelChoices(services, actor.workspace)));
}

/** The form as it stands, read from view.state.values, with what a forged submission got wrong. */
export function goalFormValues(input: (id: string) => InputState | undefined, context: { goalId?: number; channelId?: string }): GoalFormValues & { problems: FieldProblem[] } {
  const check = new FieldCheck();
  const day = (value: string | null | undefined) => {
    if (!value) return undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    check.problem({ field: 'goalPeriod', kind: 'invalid' });
    return undefined;
  };
  return {
    ...context,
    metric: check.choice('goalMetric', input(FIELD.goalMetric)?.selected_option?.value, GOAL_METRICS),
    target: check.text('goalTarget', input(FIELD.goalTarget)?.value),
    period: check.choice('goalPeriod', input(FIELD.goalPeriod)?.selected_option?.value, GOAL_PERIOD_CHOICES),
    from: day(input(FIELD.goalFrom)?.selected_date),
    to: day(input(FIELD.goalTo)?.selected_date),
    ownerId: check.userId('goalOwner', input(FIELD.goalOwner)?.selected_user),
    channelKey: input(FIELD.goalChannel)?.selected_option?.value ?? undefined,
    problems: check.problems,
  };
}

/** Where each field of the goal form sits, for errors shown beside it. */
const GOAL_BLOCKS: Partial<Record<FieldName, string>> = {
  goalMetric: FIELD.goalMetric,
  goalTarget: FIELD.goalTarget,
  goalPeriod: FIELD.goalPeriod,
  goalOwner: FIELD.goalOwner,
  goalChannel: FIELD.goalChannel,
};

/** The modal again with the baseline of what is picked now (after a metric, scope or period change). */
export async function refreshedGoalModal(services: AppServices, actor: Actor, values: GoalFormValues) {
  return goalModal(actor.locale, { ...values, baselineText: await baselineText(services, actor, values) }, await sourceChannelChoices(services, actor.workspace));
}

/**
 * A target as typed, exactly, or undefined when it is not above zero. Everything but a
 * rate goes through the amount parser (12万, 1.5k), with its limit and precision: a
 * refusal is thrown as InvalidAmount.
 */
function parseTarget(metric: GoalMetric, text: string): GoalNumber | undefined {
  if (METRIC_UNIT[metric] === 'rate') {
    const match = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text.normalize('NFKC').trim());
    if (!match) return undefined;
    // "3.5" and "3.5%" both mean 3.5 %; "0.035" is already a fraction.
    const rate = shiftDecimal(match[1]!, text.includes('%') || Number(match[1]) > 1 ? -2 : 0);
    return Number(rate) > 0 ? rate : undefined;
  }
  const value = parseAmount(text);
  return Number(value) > 0 ? value : undefined;
}

export async function saveGoal(services: AppServices, actor: Actor, values: GoalFormValues & { problems?: FieldProblem[] }): Promise<SubmissionOutcome> {
  const g = actor.t.goals;
  const channels = await sourceChannelChoices(services, actor.workspace, values.channelKey);
  const channel = values.channelKey ? channels.find((choice) => choice.key === values.channelKey) : undefined;
  const problems = [...(values.problems ?? []), ...(values.channelKey && !channel ? [{ field: 'goalChannel' as const, kind: 'not_offered' as const }] : [])];
  if (problems.length > 0) return { kind: 'errors', errors: modalErrors(problems, GOAL_BLOCKS, actor.t) };
  const errors: Record<string, string> = {};
  const now = services.now();
  let target: GoalNumber | undefined;
  try {
    target = values.metric && values.target ? parseTarget(values.metric, values.target) : undefined;
    if (!target) errors[FIELD.goalTarget] = g.badTarget;
  } catch (error) {
    if (!(error instanceof InvalidAmount)) throw error;
    errors[FIELD.goalTarget] = amountFieldProblem(error, actor.locale, g.badTarget);
  }
  let period: Period | undefined;
  if (!values.period) errors[FIELD.goalPeriod] = g.needPeriod;
  else {
    period = resolveGoalPeriod(values.period, values.from, values.to, now, actor.workspace.timeZone);
    if (!period) errors[values.from ? FIELD.goalTo : FIELD.goalFrom] = g.needDates;
  }
  if (values.ownerId && values.channelKey) errors[FIELD.goalChannel] = g.bothScopes;
  if (!values.metric || !target || !period || Object.keys(errors).length > 0) return { kind: 'errors', errors };

  const monthly = await baselineOf(services, actor.workspace, values.metric, scopeFrom(values), now);
  const input: GoalInput = {
    metric: values.metric,
    target,
    period,
    scope: values.ownerId ? 'OWNER' : values.channelKey ? 'SOURCE_CHANNEL' : 'TEAM',
    scopeValue: values.ownerId ?? values.channelKey,
    baseline: monthly === undefined ? undefined : goalNumber(values.metric, monthly),
  };
  const saved = values.goalId !== undefined ? await updateGoal(services.db, actor.workspace.id, values.goalId, input) : await createGoal(services.db, actor.workspace.id, input, actor.userId);
  if (!saved) return { kind: 'done', message: textMessage(g.notFound) };
  const label = `${g.metrics[values.metric]} · ${values.ownerId ? mentionUser(values.ownerId) : channel ? escapeInline(channel.label) : g.team}`;
  return { kind: 'done', message: textMessage(g.saved(label, formatMetric(values.metric, target, actor.locale, actor.workspace.currency), period.label.replace('..', ' – '))) };
}

function namesFor(services: AppServices, actor: Actor) {
  return (userIds: string[]) => displayNames(services.db, actor.workspace.id, userIds, services.now(), (userId) => profileFromSlack(actor.client, userId));
}

/** `/lead goals`: progress of every goal with its bullet chart, Edit and Close on the active ones. */
export function listGoals(services: AppServices, actor: Actor, news?: string): Outcome {
  return later(textMessage(actor.t.working), () => goalsMessage(services, actor, news));
}

async function goalsMessage(services: AppServices, actor: Actor, news?: string): Promise<SlackMessage> {
  const model = await goalsModel(services, actor.workspace, services.now(), namesFor(services, actor), { closedToo: true });
  const list = goalsListMessage(model);
  const charts = goalsCharts(model);
  const images = charts.length > 0 ? await uploadCharts(actor.client, await renderCharts({ charts, message: () => list, fileStem: `goals-${model.today}` })) : {};
  const blocks = [...list.blocks];
  const chart = charts[0];
  if (chart && images[chart.name]) {
    blocks.splice(1, 0, { type: 'image', slack_file: { id: images[chart.name]! }, alt_text: chart.altText, title: { type: 'plain_text', text: chart.title } });
  }
  if (news) blocks.unshift({ type: 'section', text: { type: 'mrkdwn', text: news } });
  return { text: news ?? list.text, blocks: blocks.slice(0, 50) };
}

export async function closeGoalFromButton(services: AppServices, actor: Actor, goalId: number): Promise<Outcome> {
  const closed = await closeGoal(services.db, services.provider, actor.workspace.id, goalId, services.now());
  if (!closed) return { kind: 'reply', message: textMessage(actor.t.goals.notFound) };
  const metric = closed.metric as GoalMetric;
  const shown = (value: GoalNumber) => formatMetric(metric, value, actor.locale, actor.workspace.currency);
  const news = actor.t.goals.closed(actor.t.goals.metrics[metric], shown(closed.finalActual ?? '0'), shown(closed.target));
  return { kind: 'reply', message: await goalsMessage(services, actor, news) };
}

