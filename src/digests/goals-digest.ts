import type { ActionsBlock, DataTableBlock, KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { bulletChartSpec } from '../charts/bullet-chart.js';
import { minorUnits } from '../domain/amount.js';
import { goalNumber, goalProgress, METRIC_KIND, METRIC_UNIT, type GoalMetric, type GoalNumber, type GoalProgress } from '../domain/goals.js';
import type { Period } from '../domain/periods.js';
import { KNOWN_SOURCE_CHANNELS, knownTag } from '../domain/tags.js';
import { messagesFor, type Locale } from '../i18n/messages.js';
import type { Db } from '../store/database.js';
import { goalsOf, measureGoalMetric, scopeOf, type GoalRow } from '../store/goals.js';
import type { Provider } from '../store/schema-source.js';
import { ACTION } from '../slack/ids.js';
import { escapeInline, mentionUser } from '../slack/text.js';
import { chartBlocks, type Chart, type DigestBlock, type DigestMessage, type DigestRenderOptions } from './digest.js';
import { count, days, formatMoney, percent, rangeLabel } from './format.js';

export interface GoalView {
  id: number;
  metric: GoalMetric;
  /** For charts: metric and scope in words, people by display name. */
  label: string;
  /** For messages: the same with people @-mentioned and text escaped. */
  mrkdwnLabel: string;
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

export function goalPeriod(goal: Pick<GoalRow, 'periodStart' | 'periodEnd'>, timeZone: string): Period {
  const first = DateTime.fromJSDate(goal.periodStart, { zone: timeZone }).toISODate();
  const last = DateTime.fromJSDate(new Date(goal.periodEnd.getTime() - 1), { zone: timeZone }).toISODate();
  return { start: goal.periodStart, end: goal.periodEnd, label: `${first}..${last}` };
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

function scopeLabels(goal: GoalRow, locale: Locale, names: Map<string, string>): { plain: string; mrkdwn: string } {
  const t = messagesFor(locale).goals;
  if (goal.scope === 'OWNER' && goal.scopeValue) return { plain: names.get(goal.scopeValue) ?? goal.scopeValue, mrkdwn: mentionUser(goal.scopeValue) };
  if (goal.scope === 'SOURCE_CHANNEL' && goal.scopeValue) {
    const channel = knownTag(goal.scopeValue, KNOWN_SOURCE_CHANNELS)?.[locale] ?? goal.scopeValue;
    return { plain: channel, mrkdwn: escapeInline(channel) };
  }
  return { plain: t.team, mrkdwn: t.team };
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
  const people = await names(rows.filter((goal) => goal.scope === 'OWNER' && goal.scopeValue).map((goal) => goal.scopeValue!));
  const goals: GoalView[] = [];
  for (const goal of rows) {
    const metric = goal.metric as GoalMetric;
    const period = goalPeriod(goal, workspace.timeZone);
    const closed = goal.status === 'CLOSED';
    const actual = closed ? (goal.finalActual ?? '0') : await measureGoalMetric(database.db, database.provider, workspace.id, metric, period, scopeOf(goal));
    const scope = scopeLabels(goal, workspace.locale, people);
    const metricName = messagesFor(workspace.locale).goals.metrics[metric];
    goals.push({
      id: goal.id,
      metric,
      label: `${metricName} · ${scope.plain}`,
      mrkdwnLabel: `${metricName} · ${scope.mrkdwn}`,
      period,
      actual,
      target: goal.target,
      progress: goalProgress(metric, { actual: Number(actual), target: Number(goal.target) }, period, closed ? goal.periodEnd : now),
      closed,
    });
  }
  // Behind goals first: they are what the Friday meeting should talk about.
  goals.sort((a, b) => Number(a.closed) - Number(b.closed) || STATUS_ORDER[a.progress.status] - STATUS_ORDER[b.progress.status] || a.id - b.id);
  return { locale: workspace.locale, currency: workspace.currency, today: DateTime.fromJSDate(now, { zone: workspace.timeZone }).toISODate()!, goals };
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

function goalLines(goal: GoalView, model: GoalsModel): string {
  const t = messagesFor(model.locale).goals;
  const value = (v: GoalNumber) => formatMetric(goal.metric, v, model.locale, model.currency);
  const period = rangeLabel(goal.period.label);
  if (goal.closed) return t.closedLine(goal.mrkdwnLabel, value(goal.actual), value(goal.target), percent(goal.progress.done));
  const head = t.line(t.statusEmoji[goal.progress.status], goal.mrkdwnLabel, value(goal.actual), value(goal.target), percent(goal.progress.done), t.status[goal.progress.status]);
  const detail = METRIC_KIND[goal.metric] === 'cumulative' ? t.paceLine(value(goalNumber(goal.metric, goal.progress.pace)), period) : t.rateLine(period);
  return `${head}\n${detail}`;
}

function goalsTable(model: GoalsModel): DataTableBlock {
  const t = messagesFor(model.locale).goals;
  const text = (value: string) => ({ type: 'raw_text' as const, text: value });
  const number = (value: number, shown: string) => ({ type: 'raw_number' as const, value, text: shown });
  const active = model.goals.filter((goal) => !goal.closed);
  return {
    type: 'data_table',
    caption: t.tableCaption,
    page_size: 10,
    rows: [
      [t.columnGoal, t.columnActual, t.columnTarget, t.columnDone, t.columnPace, t.columnStatus].map(text),
      ...active.slice(0, 100).map((goal) => [
        text(goal.label),
        number(goal.progress.actual, formatMetric(goal.metric, goal.actual, model.locale, model.currency)),
        number(goal.progress.target, formatMetric(goal.metric, goal.target, model.locale, model.currency)),
        number(Number((goal.progress.done * 100).toFixed(1)), percent(goal.progress.done)),
        number(goal.progress.pace, formatMetric(goal.metric, goalNumber(goal.metric, goal.progress.pace), model.locale, model.currency)),
        text(t.status[goal.progress.status]),
      ]),
    ],
  };
}

/** The Friday goal digest: every active goal, behind ones first, as text, bullet chart and table. */
export function goalsDigestMessage(model: GoalsModel, render: DigestRenderOptions): DigestMessage {
  const t = messagesFor(model.locale).goals;
  const title = t.digestTitle(model.today);
  const active = model.goals.filter((goal) => !goal.closed);
  const blocks: DigestBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title } }];
  if (active.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t.none } });
    return { text: `${title}: ${t.none}`, blocks };
  }
  for (let start = 0; start < Math.min(active.length, 40); start += 6) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: active.slice(start, start + 6).map((goal) => goalLines(goal, model)).join('\n\n') } });
  }
  // The bullet chart has no native form: it stays an image.
  blocks.push(...chartBlocks(goalsCharts(model), render));
  if (!render.plain) blocks.push(goalsTable(model));
  const behind = active.filter((goal) => goal.progress.status === 'behind').length;
  return { text: `${title}: ${t.summary(behind, active.length)}`, blocks };
}

/** `/lead goals`: each goal with its progress and, while active, Edit and Close buttons. */
export function goalsListMessage(model: GoalsModel): DigestMessage {
  const t = messagesFor(model.locale).goals;
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: t.listTitle } }];
  if (model.goals.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t.none } });
    return { text: t.none, blocks };
  }
  // Two blocks a goal: 24 goals stay within the 50 blocks of a message.
  for (const goal of model.goals.slice(0, 24)) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: goalLines(goal, model) } });
    if (goal.closed) continue;
    const actions: ActionsBlock = {
      type: 'actions',
      block_id: `goal_${goal.id}`,
      elements: [
        { type: 'button', action_id: ACTION.editGoal, text: { type: 'plain_text', text: t.edit }, value: String(goal.id) },
        {
          type: 'button',
          action_id: ACTION.closeGoal,
          text: { type: 'plain_text', text: t.close },
          value: String(goal.id),
          confirm: {
            title: { type: 'plain_text', text: t.closeConfirmTitle },
            text: { type: 'plain_text', text: t.closeConfirmText },
            confirm: { type: 'plain_text', text: t.close },
            deny: { type: 'plain_text', text: messagesFor(model.locale).modal.cancel },
          },
        },
      ],
    };
    blocks.push(actions);
  }
  const active = model.goals.filter((goal) => !goal.closed);
  return { text: `${t.listTitle}: ${t.summary(active.filter((goal) => goal.progress.status === 'behind').length, active.length)}`, blocks };
}
