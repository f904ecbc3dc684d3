import { bulletChartSpec } from '../charts/bullet-chart.js';
import { minorUnits } from '../domain/amount.js';
import { goalProgress, leadScopeOfGoal, METRIC_KIND, METRIC_UNIT, type GoalMetric, type GoalNumber, type GoalProgress, type LeadScope } from '../domain/goals.js';
import { periodBetween, type Period } from '../domain/periods.js';
import { KNOWN_SOURCE_CHANNELS, knownTag } from '../domain/tags.js';
import { teamDate } from '../domain/team-time.js';
import { messagesFor, type Locale } from '../i18n/messages.js';
import type { Db } from '../store/database.js';
import { goalsOf, measureGoalMetric } from '../store/goals.js';
import type { Provider } from '../store/schema-source.js';
import type { Chart } from './charts.js';
import { count, days, formatMoney, percent } from './format.js';

/** Every goal with its progress: the Friday goal digest and `/lead goals` (their messages are src/slack/blocks/goals-digest.ts). */
export interface GoalView {
  id: number;
  metric: GoalMetric;
  /** Whose leads it counts. */
  scope: LeadScope;
  /** The scope in words: the owner's display name, the source channel, or the team. */
  scopeName: string;
  /** Metric and scope in words, for charts. */
  label: string;
  period: Period;
  /** Exact, for what is shown; progress has them as numbers to compare. */
  actual: GoalNumber;
  target: GoalNumber;
  progress: GoalProgress;
  closed: boolean;
}

export interface GoalsModel {
  locale: Locale;
  currency: string;
  today: string;
  goals: GoalView[];
}

/** Shows a metric's value in its unit: counts, money in the workspace's currency, a rate, days. */
export function formatMetric(metric: GoalMetric, value: GoalNumber, locale: Locale, currency: string): string {
  switch (METRIC_UNIT[metric]) {
    case 'money':
      return formatMoney(minorUnits(value), currency, locale);
    case 'rate':
      return percent(Number(value), 1);
    case 'days':
      return days(Number(value));
    case 'count':
      return count(Math.round(Number(value)), locale);
  }
}

function scopeName(scope: LeadScope, locale: Locale, names: Map<string, string>): string {
  if (scope.ownerId) return names.get(scope.ownerId) ?? scope.ownerId;
  if (scope.sourceChannelKey) return knownTag(scope.sourceChannelKey, KNOWN_SOURCE_CHANNELS)?.[locale] ?? scope.sourceChannelKey;
  return messagesFor(locale).goals.team;
}

const STATUS_ORDER = { behind: 0, on_track: 1, ahead: 2 } as const;

export async function goalsModel(
  database: { db: Db; provider: Provider },
  workspace: { id: string; timeZone: string; locale: Locale; currency: string },
  now: Date,
  names: (userIds: string[]) => Promise<Map<string, string>>,
  options: { closedToo?: boolean } = {},
): Promise<GoalsModel> {
  const rows = await goalsOf(database.db, workspace.id, options);
  const people = await names(rows.flatMap((goal) => leadScopeOfGoal(goal).ownerId ?? []));
  const goals: GoalView[] = [];
  for (const goal of rows) {
    const metric = goal.metric as GoalMetric;
    const scope = leadScopeOfGoal(goal);
    const period = periodBetween(goal.periodStart, goal.periodEnd, workspace.timeZone);
    const closed = goal.status === 'CLOSED';
    const actual = closed ? (goal.finalActual ?? '0') : await measureGoalMetric(database.db, database.provider, workspace.id, metric, period, scope);
    const name = scopeName(scope, workspace.locale, people);
    goals.push({
      id: goal.id,
      metric,
      scope,
      scopeName: name,
      label: `${messagesFor(workspace.locale).goals.metrics[metric]} · ${name}`,
      period,
      actual,
      target: goal.target,
      progress: goalProgress(metric, { actual: Number(actual), target: Number(goal.target) }, period, closed ? goal.periodEnd : now),
      closed,
    });
  }
  // Behind goals first: they are what the Friday meeting should talk about.
  goals.sort((a, b) => Number(a.closed) - Number(b.closed) || STATUS_ORDER[a.progress.status] - STATUS_ORDER[b.progress.status] || a.id - b.id);
  return { locale: workspace.locale, currency: workspace.currency, today: teamDate(now, workspace.timeZone), goals };
}

export function goalsCharts(model: GoalsModel): Chart[] {
  const active = model.goals.filter((goal) => !goal.closed);
  if (active.length === 0) return [];
  const t = messagesFor(model.locale).goals;
  return [
    {
      name: 'goals',
      title: t.chartTitle,
      altText: t.chartAlt(active.map((goal) => `${goal.label} ${percent(goal.progress.done)} (${t.status[goal.progress.status]})`).join(', ')),
      spec: bulletChartSpec({
        title: t.chartTitle,
        subtitle: t.chartSubtitle,
        legend: { target: t.columnTarget, pace: t.columnPace },
        rows: active.slice(0, 20).map((goal) => ({
          label: goal.label,
          done: goal.progress.done,
          pace: METRIC_KIND[goal.metric] === 'cumulative' && goal.progress.target > 0 ? goal.progress.pace / goal.progress.target : undefined,
          status: goal.progress.status,
          annotation: `${formatMetric(goal.metric, goal.actual, model.locale, model.currency)} / ${formatMetric(goal.metric, goal.target, model.locale, model.currency)}`,
        })),
      }),
    },
  ];
}
