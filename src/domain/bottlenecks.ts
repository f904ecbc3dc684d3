import { binomialDistribution, cumulativeStdNormalProbability } from 'simple-statistics';
import { FUNNEL_STAGES, type FunnelStage } from './funnel.js';

/**
 * Bottleneck flags (DOMAIN.md "Alignment"): the last complete week against the team's own
 * baseline, the 8 weeks before it. The first complaint about CRM bots in Slack is noise,
 * so a flag needs both a material change (FLAG_RULES.margin) and one unlikely to be chance.
 */

/** How many of `total` leads did the thing a rate counts. */
export interface Count {
  hits: number;
  total: number;
}

/** The change a manager would act on, in percentage points, unless the team sets its own (`/lead config`). */
export const DEFAULT_FLAG_MARGIN_POINTS = 10;
/** A margin beyond these would flag every wobble, or nothing at all. */
export const FLAG_MARGIN_RANGE = { min: 1, max: 50 } as const;

export const FLAG_RULES = {
  /** The default margin as a share. */
  margin: DEFAULT_FLAG_MARGIN_POINTS / 100,
  /** A flag must be unlikely to be chance at 95% (two-sided). */
  confidence: 0.95,
  /**
   * The normal approximation behind the z-test holds only when each of the week's two
   * outcomes is expected at least this often; below it (3 of 5) no flag, whatever the margin.
   */
  minExpected: 5,
  /** The weeks of the baseline before the week judged. */
  baselineWeeks: 8,
  /** Leads named under a finding. */
  leadsShown: 10,
} as const;

/**
 * What a finding is about. The rates are defined over leads whose fate was decided in
 * the week, so a week just ended and a baseline week long past are judged alike (a
 * cohort of last week's entrants has not had time to move on yet, and would always look
 * worse):
 * - dropoff:S — of the leads that left stage S in the week (moved on, or were lost while
 *   in S), the share that was lost (DOMAIN.md: drop-off = 1 − reached(k+1)/reached(k)).
 * - channel:C — of the leads of source channel C that reached Discovery in the week or
 *   were lost before it, the share that reached it: conversion to Discovery, where a lead
 *   becomes an opportunity (003), because conversion to Won takes months and could not
 *   move in a week.
 * - loss:R — of the leads lost in the week, the share that gave reason R.
 * - owner:U — how many of owner U's leads were overdue as the week ended, against the
 *   weeks before: a count, not a share. Each week's count is a snapshot the Monday run
 *   keeps (the past's overdue lists cannot be rebuilt), encoded as { hits: count, total: 1 }
 *   for a week with a snapshot and { 0, 0 } for one without, so a series' sums read as
 *   "overdue over weeks counted" and its rate as overdue a week.
 */
export type FindingKind = 'dropoff' | 'channel' | 'loss' | 'owner';

/** Which way is bad: drop-off, a loss reason's share and an owner's overdue rising, a channel's conversion falling. */
const WORSE: Record<FindingKind, 1 | -1> = { dropoff: 1, channel: -1, loss: 1, owner: 1 };

/**
 * An owner's overdue count is flagged when it at least doubled on the weeks before and rose
 * by a few leads (2 → 4 is doubled, and nothing a manager would act on), with enough weeks
 * of snapshots to know what is usual.
 */
export const OWNER_RULES = { factor: 2, minRise: 3, minBaselineWeeks: 4 } as const;

/** Stages a lead leaves towards the next one: every funnel stage but Won. */
export const LEFT_STAGES = FUNNEL_STAGES.slice(0, -1) as Exclude<FunnelStage, 'WON'>[];

/** The funnel stage a lead leaving `stage` moves on to: a drop-off is between the two. */
export function stageAfter(stage: (typeof LEFT_STAGES)[number]): FunnelStage {
  return FUNNEL_STAGES[FUNNEL_STAGES.indexOf(stage) + 1]!;
}

/** One subject's counts, week by week, oldest first: the baseline weeks, then the week judged. */
export interface WeeklySeries {
  kind: FindingKind;
  /** The stage, channel tag key or loss-reason tag key. */
  subject: string;
  weeks: Count[];
}

export interface Finding {
  /** Stable across weeks: `dropoff:CONTACTED`, `channel:douyin`, `loss:budget`. */
  key: string;
  kind: FindingKind;
  subject: string;
  week: Count & { rate: number };
  baseline: Count & { rate: number };
  /** Two-sided p-value of the two-proportion z-test. */
  pValue: number;
  /** 'strong' below 1%: said differently to the manager. */
  strength: 'clear' | 'strong';
  /** The rate of each week, oldest first, for the chart; null where nobody was counted. */
  weeklyRates: Array<number | null>;
}

export function findingKey(kind: FindingKind, subject: string): string {
  return `${kind}:${subject}`;
}

export function parseFindingKey(key: string): { kind: FindingKind; subject: string } | undefined {
  const match = /^(dropoff|channel|loss|owner):(.+)$/.exec(key);
  return match ? { kind: match[1] as FindingKind, subject: match[2]! } : undefined;
}

/**
 * The two-proportion z-test. The week and the baseline are two independent binomial
 * samples: each lead decided in the week either dropped or not, as did each of the
 * baseline's, and the question is whether both come from the same rate. Under that
 * null hypothesis the pooled rate estimates it, and the difference of the two rates over
 * its standard error is standard normal, which is what the p-value reads. The baseline
 * is pooled over its 8 weeks (all their leads, not the mean of weekly rates), so a quiet
 * week weighs what it holds. simple-statistics reads Φ from its table, z to two decimals
 * up to 3.09, so a p-value under 0.002 comes back as 0.002: ample for a 5% decision.
 */
export function twoProportionPValue(week: Count, baseline: Count): number {
  const pooled = (week.hits + baseline.hits) / (week.total + baseline.total);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / week.total + 1 / baseline.total));
  if (!(standardError > 0)) return 1;
  const z = (week.hits / week.total - baseline.hits / baseline.total) / standardError;
  return Math.min(1, 2 * (1 - cumulativeStdNormalProbability(Math.abs(z))));
}

/** Whether the counts are large enough for the normal approximation the test rests on. */
function enoughToJudge(week: Count, baseline: Count): boolean {
  if (week.total === 0 || baseline.total === 0) return false;
  const pooled = (week.hits + baseline.hits) / (week.total + baseline.total);
  return Math.min(week.total * pooled, week.total * (1 - pooled), baseline.total * pooled, baseline.total * (1 - pooled)) >= FLAG_RULES.minExpected;
}

const sum = (counts: Count[]): Count => counts.reduce((total, count) => ({ hits: total.hits + count.hits, total: total.total + count.total }), { hits: 0, total: 0 });

/**
 * The test on an owner's counts. Were the week like the n before it, each of the T overdue
 * leads counted over all n + 1 weeks would fall in this week with chance 1/(n + 1): the
 * week's count is then binomial, and the p-value is the chance of a count at least this
 * high, doubled to read as the two-sided tests above do. Overdue leads linger from one
 * week into the next, so the counts are not independent draws: the doubling and the
 * minimum rise keep this test from flagging the slow drift that lingering makes.
 */
export function countRisePValue(weekCount: number, baseline: Count): number {
  const trials = weekCount + baseline.hits;
  if (trials === 0) return 1;
  const probabilities = binomialDistribution(trials, 1 / (baseline.total + 1)) ?? [];
  // simple-statistics stops the list once the rest is negligible: what is left off counts as 0.
  const below = probabilities.slice(0, weekCount).reduce((sum, probability) => sum + probability, 0);
  return Math.min(1, 2 * Math.max(0, 1 - below));
}

function judgeOwnerSeries(series: WeeklySeries, week: Count): Finding | undefined {
  const counted = series.weeks.slice(0, -1).filter((count) => count.total > 0);
  if (week.total === 0 || counted.length < OWNER_RULES.minBaselineWeeks) return undefined;
  const baseline = sum(counted);
  const usual = baseline.hits / baseline.total;
  if (week.hits < OWNER_RULES.factor * usual || week.hits - usual < OWNER_RULES.minRise) return undefined;
  const pValue = countRisePValue(week.hits, baseline);
  if (pValue >= 1 - FLAG_RULES.confidence) return undefined;
  return {
    key: findingKey(series.kind, series.subject),
    kind: series.kind,
    subject: series.subject,
    week: { ...week, rate: week.hits },
    baseline: { ...baseline, rate: usual },
    pValue,
    strength: pValue < 0.01 ? 'strong' : 'clear',
    weeklyRates: series.weeks.map((count) => (count.total > 0 ? count.hits : null)),
  };
}

/** The finding a series raises, if its last week is materially and credibly worse than the weeks before. */
export function judgeSeries(series: WeeklySeries, rules: { margin: number } = FLAG_RULES): Finding | undefined {
  const week = series.weeks.at(-1);
  if (!week) return undefined;
  if (series.kind === 'owner') return judgeOwnerSeries(series, week);
  const baseline = sum(series.weeks.slice(0, -1));
  if (!enoughToJudge(week, baseline)) return undefined;
  const weekRate = week.hits / week.total;
  const baselineRate = baseline.hits / baseline.total;
  // A small tolerance: 34% vs 24% is the 10-point margin, though the floats differ in the 17th digit.
  if (WORSE[series.kind] * (weekRate - baselineRate) < rules.margin - 1e-9) return undefined;
  const pValue = twoProportionPValue(week, baseline);
  if (pValue >= 1 - FLAG_RULES.confidence) return undefined;
  return {
    key: findingKey(series.kind, series.subject),
    kind: series.kind,
    subject: series.subject,
    week: { ...week, rate: weekRate },
    baseline: { ...baseline, rate: baselineRate },
    pValue,
    strength: pValue < 0.01 ? 'strong' : 'clear',
    weeklyRates: series.weeks.map((count) => (count.total > 0 ? count.hits / count.total : null)),
  };
}

/** Every finding of a week, worst first (the smallest p-value). */
export function findBottlenecks(series: WeeklySeries[], rules?: { margin: number }): Finding[] {
  return series
    .map((one) => judgeSeries(one, rules))
    .filter((finding): finding is Finding => finding !== undefined)
    .sort((a, b) => a.pValue - b.pValue || a.key.localeCompare(b.key));
}
