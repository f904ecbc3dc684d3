import type { TopLevelSpec } from 'vega-lite';
import { funnelChartSpec } from '../charts/funnel-chart.js';
import { trendChartSpec } from '../charts/trend-chart.js';
import { countOpenActionItems, openActionItems } from '../store/action-items.js';
import { measureActionItems, type ActionItemMeasure } from './action-progress.js';
import type { ConversionByTier } from '../domain/scoring.js';
import { scoringReport, scoringRulesIn } from '../store/scoring.js';
import { computeFunnel, FUNNEL_STAGES, type Funnel, type FunnelStage } from '../domain/funnel.js';
import { periodBetween, periodDays, previousWeek, trailingWeeks, weekContaining, type Period } from '../domain/periods.js';
import { STAGE_LABELS } from '../domain/stages.js';
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
import type { Chart } from './charts.js';
import { count, percent, rangeLabel } from './format.js';
import { channelReportModel, type ChannelReportModel } from './channel-report.js';

/**
 * The Friday digest for managers (and `/lead funnel` on demand): what happened in the
 * period with its change on the period before, and the funnel of a window of leads with
 * its bottleneck named. Its message is src/slack/blocks/funnel-digest.ts.
 */

/** A quarter of weeks: long enough for B2B cycles to show in the funnel, short enough to be this season's. */
export const DEFAULT_FUNNEL_WINDOW_WEEKS = 13;

/** The weekly digest names this many open action items, soonest due first; the rest are a count. */
export const DIGEST_ACTION_ITEMS = 5;

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
  /** The trend's last week is still under way: its point is the week so far, not a collapse. */
  trendSoFar: boolean;
  /** The weekly digest: the open action items of the alignment meeting, soonest due first, and how many there are. */
  actionItems?: { items: Array<{ id: number; title: string; ownerId: string; dueAt: Date }>; total: number; measures: ActionItemMeasure[] };
  /** The team's zone, for the action items' days. */
  timeZone: string;
  /** When the digest reports as of. */
  asOf: Date;
  /** Where the money works for the funnel's leads, by channel (seed 004 table 2); its section shows once a cost is recorded. */
  channels: ChannelReportModel;
  /** The weekly digest: conversion by score tier, so the team sees whether the score predicts anything. */
  scoring?: ConversionByTier;
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
  const window = options.period ? period : periodBetween(weeks[0]!.start, weeks.at(-1)!.end, workspace.timeZone);

  const trendPeriods = trailingWeeks(now, trendWeeks, workspace.timeZone);
  const [activity, previousActivity, lossReasons, reached, medianDays, trend, channels] = await Promise.all([
    periodActivity(db, workspace.id, period),
    periodActivity(db, workspace.id, previous),
    topLossReasons(db, workspace.id, period, 3),
    funnelReached(db, workspace.id, window),
    medianDaysPerStage(db, provider, workspace.id, window),
    weeklyTrend(db, workspace.id, trendPeriods),
    // By channel, no owner names are needed.
    channelReportModel({ db, provider }, workspace, window, 'channel', async () => new Map()),
  ]);
  const funnel = computeFunnel(reached);
  const actionItems = options.period
    ? undefined
    : await Promise.all([openActionItems(db, workspace.id, DIGEST_ACTION_ITEMS), countOpenActionItems(db, workspace.id), measureActionItems(db, workspace, now)]).then(([items, total, measures]) => ({ items, total, measures }));
  // Shown once some lead has a score: a team that has none yet would read three empty tiers.
  const scoring = options.period ? undefined : await scoringReport(db, workspace.id, await scoringRulesIn(db, workspace.id));
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
    trendSoFar: now < trendPeriods.at(-1)!.end,
    ...(actionItems && actionItems.total > 0 ? { actionItems } : {}),
    timeZone: workspace.timeZone,
    asOf: now,
    channels,
    ...(scoring && scoring.tiers.some((tier) => tier.leads > 0) ? { scoring } : {}),
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
export function bottleneckSource(funnel: Funnel): FunnelStage | undefined {
  if (!funnel.bottleneck) return undefined;
  return FUNNEL_STAGES[FUNNEL_STAGES.indexOf(funnel.bottleneck) - 1];
}

export function isEmptyActivity(activity: PeriodActivity): boolean {
  return Object.values(activity.stageEntries).every((n) => n === 0);
}

function stageName(stage: FunnelStage, model: FunnelDigestModel): string {
  return STAGE_LABELS[stage][model.locale];
}

/** The trend's two series and its weeks, each named by its Monday (MM-dd): for the image and Slack's native chart alike. */
export function trendChartData(model: FunnelDigestModel): { title: string; series: [string, string]; weeks: string[] } {
  const t = messagesFor(model.locale).digest;
  const weeks = model.trend.map((week, i) => {
    const monday = periodDays(week.week).first.slice(5);
    return model.trendSoFar && i === model.trend.length - 1 ? t.trendSoFar(monday) : monday;
  });
  return { title: t.trendChartTitle(model.trend.length), series: [t.trendNew, t.trendWon], weeks };
}

export function funnelDigestCharts(model: FunnelDigestModel): Chart[] {
  const t = messagesFor(model.locale).digest;
  const charts: Chart[] = [];
  if (model.funnel.acquired > 0) {
    const spec: TopLevelSpec = funnelChartSpec({
      title: t.funnelChartTitle,
      subtitle: t.funnelChartSubtitle(model.funnel.acquired, rangeLabel(model.window)),
      steps: model.funnel.steps.map((step) => ({
        label: stageName(step.stage, model),
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
    const { title, series, weeks } = trendChartData(model);
    charts.push({
      name: 'trend',
      title,
      altText: t.trendAlt(model.trend.map((week, i) => t.trendPoint(weeks[i]!, week.newLeads, week.won)).join(', ')),
      spec: trendChartSpec({
        title,
        series,
        points: model.trend.flatMap((week, i) => [
          { week: weeks[i]!, series: series[0], value: week.newLeads },
          { week: weeks[i]!, series: series[1], value: week.won },
        ]),
        soFarWeek: model.trendSoFar ? weeks.at(-1) : undefined,
        soFarTag: t.trendSoFarTag,
      }),
    });
  }
  return charts;
}

function funnelSummary(model: FunnelDigestModel): string {
  return model.funnel.steps.map((step) => `${stageName(step.stage, model)} ${step.reached}`).join(', ');
}
