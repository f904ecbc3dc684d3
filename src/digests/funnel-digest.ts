import type { DataTableBlock, KnownBlock } from '@slack/types';
import type { TopLevelSpec } from 'vega-lite';
import { funnelChartSpec } from '../charts/funnel-chart.js';
import { trendChartSpec } from '../charts/trend-chart.js';
import { change, computeFunnel, FUNNEL_STAGES, type Funnel, type FunnelStage } from '../domain/funnel.js';
import { previousWeek, trailingWeeks, weekContaining, type Period } from '../domain/periods.js';
import { messagesFor, type Locale } from '../i18n/messages.js';
import type { Db } from '../store/database.js';
import {
  funnelReached,
  medianDaysPerStage,
  periodActivity,
  topLossReasons,
  waitingByOwner,
  weeklyTrend,
  type OwnerCount,
  type PeriodActivity,
  type TagCount,
  type WeekTrend,
} from '../store/metrics.js';
import type { Provider } from '../store/schema-source.js';
import { escapeInline, lossReasonLabel, mentionUser, stageLabel } from '../slack/text.js';
import { changeMark, count, days, formatMoney, percent, rangeLabel } from './format.js';
import { chartBlocks, nativeLabel, NATIVE_CHART_LIMITS, type Chart, type DigestBlock, type DigestMessage, type DigestRenderOptions } from './digest.js';

/**
 * The Friday digest for managers (and `/lead funnel` on demand): what happened in the
 * period with its change on the period before, and the funnel of a window of leads with
 * its bottleneck named.
 */
/** A quarter of weeks: long enough for B2B cycles to show in the funnel, short enough to be this season's. */
export const DEFAULT_FUNNEL_WINDOW_WEEKS = 13;

export interface FunnelDigestModel {
  kind: 'weekly' | 'on-demand';
  locale: Locale;
  currency: string;
  period: Period;
  previous: Period;
  activity: PeriodActivity;
  previousActivity: PeriodActivity;
  lossReasons: TagCount[];
  /** The leads whose funnel is drawn: a trailing window for the weekly digest, the period itself on demand. */
  window: Period;
  windowWeeks?: number;
  funnel: Funnel;
  medianDays: Partial<Record<FunnelStage, number>>;
  waiting: OwnerCount[];
  trend: WeekTrend[];
}

export interface FunnelDigestOptions {
  windowWeeks?: number;
  trendWeeks?: number;
  /** On demand: the period asked for; its leads make the funnel. */
  period?: { period: Period; previous: Period };
}

export async function funnelDigestModel(
  db: Db,
  provider: Provider,
  workspace: { id: string; timeZone: string; locale: Locale; currency: string },
  now: Date,
  options: FunnelDigestOptions = {},
): Promise<FunnelDigestModel> {
  const windowWeeks = options.windowWeeks ?? DEFAULT_FUNNEL_WINDOW_WEEKS;
  const trendWeeks = options.trendWeeks ?? 12;
  const thisWeek = weekContaining(now, workspace.timeZone);
  const period = options.period?.period ?? thisWeek;
  const previous = options.period?.previous ?? sameSpanLastWeek(thisWeek, now, workspace.timeZone);
  const weeks = trailingWeeks(now, windowWeeks, workspace.timeZone);
  const window = options.period ? period : { start: weeks[0]!.start, end: weeks.at(-1)!.end, label: `${weeks[0]!.label.split('..')[0]}..${weeks.at(-1)!.label.split('..')[1]}` };

  const [activity, previousActivity, lossReasons, reached, medianDays, trend] = await Promise.all([
    periodActivity(db, workspace.id, period),
    periodActivity(db, workspace.id, previous),
    topLossReasons(db, workspace.id, period, 3),
    funnelReached(db, workspace.id, window),
    medianDaysPerStage(db, provider, workspace.id, window),
    weeklyTrend(db, workspace.id, trailingWeeks(now, trendWeeks, workspace.timeZone)),
  ]);
  const funnel = computeFunnel(reached);
  const waitingStage = bottleneckSource(funnel);
  const waiting = waitingStage ? await waitingByOwner(db, workspace.id, waitingStage, 3) : [];
  return {
    kind: options.period ? 'on-demand' : 'weekly',
    locale: workspace.locale,
    currency: workspace.currency,
    period,
    previous,
    activity,
    previousActivity,
    lossReasons,
    window,
    windowWeeks: options.period ? undefined : windowWeeks,
    funnel,
    medianDays,
    waiting,
    trend,
  };
}

/**
 * Friday afternoon's week so far is compared with last week up to the same moment, not
 * with all of last week, which would make every Friday look like a drop.
 */
function sameSpanLastWeek(week: Period, now: Date, timeZone: string): Period {
  const last = previousWeek(week, timeZone);
  const elapsed = Math.min(now.getTime(), week.end.getTime()) - week.start.getTime();
  return { ...last, end: new Date(Math.min(last.end.getTime(), last.start.getTime() + Math.max(0, elapsed))) };
}

/** The stage before the bottleneck: where the leads that do not make it are waiting. */
function bottleneckSource(funnel: Funnel): FunnelStage | undefined {
  if (!funnel.bottleneck) return undefined;
  return FUNNEL_STAGES[FUNNEL_STAGES.indexOf(funnel.bottleneck) - 1];
}

function isEmptyActivity(activity: PeriodActivity): boolean {
  return Object.values(activity.stageEntries).every((n) => n === 0);
}

export function funnelDigestCharts(model: FunnelDigestModel): Chart[] {
  const t = messagesFor(model.locale).digest;
  const charts: Chart[] = [];
  if (model.funnel.acquired > 0) {
    const spec: TopLevelSpec = funnelChartSpec({
      title: t.funnelChartTitle,
      subtitle: t.funnelChartSubtitle(model.funnel.acquired, rangeLabel(model.window.label)),
      steps: model.funnel.steps.map((step) => ({
        label: stageLabel(step.stage, model.locale),
        reached: step.reached,
        annotation:
          step.conversionFromPrevious === undefined
            ? count(step.reached, model.locale)
            : `${count(step.reached, model.locale)} · ${percent(step.conversionFromPrevious)}${step.stage === model.funnel.bottleneck ? ` ↓${percent(step.dropOff!)}` : ''}`,
        bottleneck: step.stage === model.funnel.bottleneck,
      })),
    });
    charts.push({ name: 'funnel', title: t.funnelChartTitle, altText: t.funnelAlt(funnelSummary(model)), spec });
  }
  if (model.trend.some((week) => week.newLeads > 0 || week.won > 0)) {
    const series: [string, string] = [t.trendNew, t.trendWon];
    const weeks = model.trend.map((week) => week.week.label.slice(5, 10));
    charts.push({
      native: () => ({
        type: 'data_visualization',
        title: nativeLabel(t.trendChartTitle(model.trend.length)).slice(0, NATIVE_CHART_LIMITS.title),
        chart: {
          type: 'line',
          series: [
            { name: nativeLabel(series[0]), data: model.trend.map((week, i) => ({ label: weeks[i]!, value: week.newLeads })) },
            { name: nativeLabel(series[1]), data: model.trend.map((week, i) => ({ label: weeks[i]!, value: week.won })) },
          ],
          axis_config: { categories: weeks.slice(-NATIVE_CHART_LIMITS.categories) },
        },
      }),
      name: 'trend',
      title: t.trendChartTitle(model.trend.length),
      altText: t.trendAlt(model.trend.map((week) => t.trendPoint(week.week.label.slice(5, 10), week.newLeads, week.won)).join(', ')),
      spec: trendChartSpec({
        title: t.trendChartTitle(model.trend.length),
        series,
        points: model.trend.flatMap((week) => [
          { week: week.week.label.slice(5, 10), series: series[0], value: week.newLeads },
          { week: week.week.label.slice(5, 10), series: series[1], value: week.won },
        ]),
      }),
    });
  }
  return charts;
}

function funnelSummary(model: FunnelDigestModel): string {
  return model.funnel.steps.map((step) => `${stageLabel(step.stage, model.locale)} ${step.reached}`).join(', ');
}

function keyNumberLines(model: FunnelDigestModel): string[] {
  const t = messagesFor(model.locale).digest;
  const { activity: now, previousActivity: before } = model;
  const mark = (a: number, b: number) => changeMark(change(a, b), t.noComparison);
  const compared = model.kind === 'weekly' ? t.onSamePointLastWeek : t.onPreviousPeriod;
  const lines = [
    `${t.keyNumbers({
      newLeads: count(now.newLeads, model.locale),
      newChange: mark(now.newLeads, before.newLeads),
      won: count(now.wonCount, model.locale),
      wonChange: mark(now.wonCount, before.wonCount),
      revenue: formatMoney(now.revenueMinor, model.currency, model.locale),
      revenueChange: mark(Number(now.revenueMinor), Number(before.revenueMinor)),
      lost: count(now.lostCount, model.locale),
      lostChange: mark(now.lostCount, before.lostCount),
    })} _${compared}_`,
  ];
  const entries = FUNNEL_STAGES.slice(1, -1)
    .map((stage) => `${stageLabel(stage, model.locale)} ${now.stageEntries[stage]} (${mark(now.stageEntries[stage], before.stageEntries[stage])})`)
    .join(' · ');
  lines.push(t.stageEntries(entries));
  if (model.lossReasons.length > 0) {
    lines.push(t.topLossReasons(model.lossReasons.map((reason) => `${escapeInline(lossReasonLabel(reason, model.locale))} (${reason.count})`).join(', ')));
  }
  return lines;
}

function bottleneckLines(model: FunnelDigestModel): string[] {
  const t = messagesFor(model.locale).digest;
  const { funnel } = model;
  if (!funnel.bottleneck) return [];
  const to = funnel.bottleneck;
  const from = bottleneckSource(funnel)!;
  const step = funnel.steps.find((s) => s.stage === to)!;
  const window = model.windowWeeks ? t.windowSummary(model.windowWeeks, funnel.acquired) : t.periodSummary(funnel.acquired);
  const lines = [t.bottleneck(stageLabel(from, model.locale), stageLabel(to, model.locale), percent(step.dropOff!), window)];
  const median = model.medianDays[from];
  if (median !== undefined) lines.push(t.medianInStage(stageLabel(from, model.locale), days(median)));
  if (model.waiting.length > 0) {
    lines.push(t.talkTo(stageLabel(from, model.locale), model.waiting.map((owner) => `${mentionUser(owner.ownerId)} (${owner.count})`).join(', ')));
  }
  return lines;
}

function funnelTable(model: FunnelDigestModel): DataTableBlock {
  const t = messagesFor(model.locale).digest;
  const text = (value: string) => ({ type: 'raw_text' as const, text: value });
  const number = (value: number, shown: string) => ({ type: 'raw_number' as const, value, text: shown });
  const rate = (value: number | undefined) => (value === undefined ? text('–') : number(Number((value * 100).toFixed(1)), percent(value, 1)));
  return {
    type: 'data_table',
    caption: t.tableCaption,
    page_size: FUNNEL_STAGES.length,
    row_header_column_index: 0,
    rows: [
      [t.columnStage, t.columnReached, t.columnShare, t.columnConversion, t.columnDropOff, t.columnMedianDays].map(text),
      ...model.funnel.steps.map((step) => {
        const median = model.medianDays[step.stage];
        return [
          text(stageLabel(step.stage, model.locale)),
          number(step.reached, count(step.reached, model.locale)),
          rate(step.shareOfAcquired),
          rate(step.conversionFromPrevious),
          rate(step.dropOff),
          median === undefined ? text('–') : number(median, days(median)),
        ];
      }),
    ],
  };
}

/** A plain-text rendition of the table, for workspaces that refuse data_table blocks. */
function funnelTableText(model: FunnelDigestModel): string {
  const t = messagesFor(model.locale).digest;
  const rows = model.funnel.steps.map((step) => {
    const parts = [stageLabel(step.stage, model.locale), count(step.reached, model.locale)];
    if (step.conversionFromPrevious !== undefined) parts.push(percent(step.conversionFromPrevious), `↓${percent(step.dropOff!)}`);
    return `• ${parts.join(' · ')}`;
  });
  return `*${t.tableCaption}*\n${rows.join('\n')}`;
}

export function funnelDigestMessage(model: FunnelDigestModel, render: DigestRenderOptions): DigestMessage {
  const t = messagesFor(model.locale).digest;
  const range = rangeLabel(model.period.label);
  const title = model.kind === 'weekly' ? t.weeklyTitle(range) : t.funnelTitle(range);
  const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const blocks: DigestBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title } }];

  const empty = isEmptyActivity(model.activity);
  blocks.push(section(empty ? t.emptyPeriod : keyNumberLines(model).join('\n')));
  const bottleneck = bottleneckLines(model);
  if (bottleneck.length > 0) blocks.push(section(bottleneck.join('\n')));
  if (model.funnel.acquired === 0) blocks.push(section(t.emptyFunnel));

  blocks.push(...chartBlocks(funnelDigestCharts(model), render));
  if (model.funnel.acquired > 0) blocks.push(render.plain ? section(funnelTableText(model)) : funnelTable(model));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.footer }] });

  const summary = empty ? `${title}: ${t.emptyPeriod}` : t.summary(title, model.activity.newLeads, model.activity.wonCount, model.activity.lostCount);
  return { text: summary, blocks };
}
