import { DateTime } from 'luxon';
import { parseAmount } from '../domain/amount.js';
import { shiftDecimal } from '../domain/decimal.js';
import { InvalidAmount } from '../domain/errors.js';
import {
  baseline,
  GOAL_METRICS,
  goalNumber,
  leadScopeOfGoal,
  METRIC_KIND,
  METRIC_UNIT,
  storedGoalScope,
  type GoalMetric,
  type GoalNumber,
  type LeadScope,
} from '../domain/goals.js';
import { completeMonthsBefore, dayRange, monthContaining, periodBetween, periodDays, quarterContaining, weekContaining, type Period } from '../domain/periods.js';
import { FieldCheck, type FieldName, type FieldProblem } from '../domain/fields.js';
import { KNOWN_SOURCE_CHANNELS } from '../domain/tags.js';
import { renderCharts } from '../digests/charts.js';
import { formatMetric, goalsCharts, goalsModel } from '../digests/goals-digest.js';
import { profileFromSlack } from './profiles.js';
import { closeGoalNow, goalToEdit, mayManageGoals, setGoal } from '../app/goals.js';
import { measureGoalMetric, type GoalInput } from '../store/goals.js';
import { displayNames } from '../store/members.js';
import { usedSourceChannels } from '../store/tags.js';
import type { WorkspaceSettings } from '../store/workspaces.js';
import { chartImageBlock } from './blocks/digest-charts.js';
import { goalModal, GOAL_PERIOD_CHOICES, type GoalFormValues, type GoalPeriodChoice } from './blocks/goal-modal.js';
import { goalsListMessage } from './blocks/goals-digest.js';
import { mrkdwnSection, textMessage, type SlackMessage } from './blocks/message.js';
import { later, modal, type Actor, type Outcome, type SubmissionOutcome } from './listen.js';
import { uploadCharts } from './publish.js';
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
export async function sourceChannelChoices(services: AppServices, workspace: WorkspaceSettings, picked?: string) {
  const used = await usedSourceChannels(services.db, workspace.id, picked);
  const choices = new Map(KNOWN_SOURCE_CHANNELS.map((channel) => [channel.key, channel[workspace.locale]]));
  for (const tag of used) if (!choices.has(tag.key)) choices.set(tag.key, tag.label);
  return [...choices.entries()].map(([key, label]) => ({ key, label }));
}

/** The leads the form's goal would count: its owner, else its channel (saving refuses both at once). */
function scopeFrom(values: GoalFormValues): LeadScope {
  return leadScopeOfGoal(storedGoalScope({ ownerId: values.ownerId, sourceChannelKey: values.channelKey }));
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
  mayManageGoals(actor);
  let values: GoalFormValues = { channelId: actor.channelId };
  if (goalId !== undefined) {
    const goal = await goalToEdit(actor, services.db, goalId);
    if (!goal) return { kind: 'reply', message: textMessage(actor.t.goals.notFound) };
    const { first: from, last: to } = periodDays(periodBetween(goal.periodStart, goal.periodEnd, actor.workspace.timeZone));
    const metric = goal.metric as GoalMetric;
    const scope = leadScopeOfGoal(goal);
    values = {
      ...values,
      goalId,
      metric,
      target: METRIC_UNIT[metric] === 'rate' ? `${shiftDecimal(goal.target, 2)}%` : shiftDecimal(goal.target, 0),
      period: 'custom',
      from,
      to,
      ownerId: scope.ownerId,
      channelKey: scope.sourceChannelKey,
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

/** "2026-11-01 – 2026-11-30": a saved goal's period, both days in full. */
function periodText(period: Period): string {
  const { first, last } = periodDays(period);
  return `${first} – ${last}`;
}

export async function saveGoal(services: AppServices, actor: Actor, values: GoalFormValues & { problems?: FieldProblem[] }): Promise<SubmissionOutcome> {
  const g = actor.t.goals;
  mayManageGoals(actor);
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

  const scope = scopeFrom(values);
  const monthly = await baselineOf(services, actor.workspace, values.metric, scope, now);
  const input: GoalInput = {
    metric: values.metric,
    target,
    period,
    ...storedGoalScope(scope),
    baseline: monthly === undefined ? undefined : goalNumber(values.metric, monthly),
  };
  const saved = await setGoal(actor, services.db, { goalId: values.goalId, input });
  if (!saved) return { kind: 'done', message: textMessage(g.notFound) };
  const label = `${g.metrics[values.metric]} · ${values.ownerId ? mentionUser(values.ownerId) : channel ? escapeInline(channel.label) : g.team}`;
  return { kind: 'done', message: textMessage(g.saved(label, formatMetric(values.metric, target, actor.locale, actor.workspace.currency), periodText(period))) };
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
  const images = charts.length > 0 ? await uploadCharts(actor.client, await renderCharts({ charts, fileStem: `goals-${model.today}` })) : {};
  const blocks = [...list.blocks];
  const chart = charts[0];
  if (chart && images[chart.name]) blocks.splice(1, 0, chartImageBlock(chart, images[chart.name]!));
  if (news) blocks.unshift(mrkdwnSection(news));
  return { text: news ?? list.text, blocks: blocks.slice(0, 50) };
}

export async function closeGoalFromButton(services: AppServices, actor: Actor, goalId: number): Promise<Outcome> {
  const closed = await closeGoalNow(actor, services.db, services.provider, goalId);
  if (!closed) return { kind: 'reply', message: textMessage(actor.t.goals.notFound) };
  const metric = closed.metric as GoalMetric;
  const shown = (value: GoalNumber) => formatMetric(metric, value, actor.locale, actor.workspace.currency);
  const news = actor.t.goals.closed(actor.t.goals.metrics[metric], shown(closed.finalActual ?? '0'), shown(closed.target));
  return { kind: 'reply', message: await goalsMessage(services, actor, news) };
}

