import { majorUnits, roundToMinorUnits } from './amount.js';
import { elapsedFraction } from './periods.js';

/** The metrics a team sets goals on (DOMAIN.md "Goals"). */
export const GOAL_METRICS = [
  'NEW_LEADS',
  'QUALIFIED_LEADS',
  'WON_DEALS',
  'REVENUE',
  'CONVERSION_RATE',
  'SALES_CYCLE_DAYS',
  'FOLLOW_UPS',
] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];

/**
 * Counts and sums grow through the period, so a straight line from 0 to the target says
 * where they should be today. Rates and averages have no such line: they are compared
 * with the target itself, and for the sales cycle lower is better.
 */
export const METRIC_KIND: Record<GoalMetric, 'cumulative' | 'higher-is-better' | 'lower-is-better'> = {
  NEW_LEADS: 'cumulative',
  QUALIFIED_LEADS: 'cumulative',
  WON_DEALS: 'cumulative',
  REVENUE: 'cumulative',
  FOLLOW_UPS: 'cumulative',
  CONVERSION_RATE: 'higher-is-better',
  SALES_CYCLE_DAYS: 'lower-is-better',
};

/** What a metric counts in: how its numbers are parsed, kept and shown. */
export const METRIC_UNIT: Record<GoalMetric, 'count' | 'money' | 'rate' | 'days'> = {
  NEW_LEADS: 'count',
  QUALIFIED_LEADS: 'count',
  WON_DEALS: 'count',
  REVENUE: 'money',
  FOLLOW_UPS: 'count',
  CONVERSION_RATE: 'rate',
  SALES_CYCLE_DAYS: 'days',
};

/**
 * A goal's target, baseline or result as it is kept (prisma/schema.prisma, Goal): exact
 * decimal text in the metric's unit. Money is in major units to the minor unit (what
 * parseAmount and majorUnits write), a rate a fraction ("0.035"), days and counts as
 * they come. Progress is worked out in numbers; what is shown is formatted from this.
 */
export type GoalNumber = string;

/** A number worked out for a goal (an average, a pace) as a GoalNumber: money to the minor unit. */
export function goalNumber(metric: GoalMetric, value: number): GoalNumber {
  return METRIC_UNIT[metric] === 'money' ? majorUnits(roundToMinorUnits(value)) : String(value);
}

export type GoalStatus = 'ahead' | 'on_track' | 'behind';

export interface GoalProgress {
  actual: number;
  target: number;
  /** actual / target (for lower-is-better, target / actual), 0 when it cannot be computed. */
  done: number;
  /** Where the straight line from 0 to the target is today; the target itself for rates. */
  pace: number;
  status: GoalStatus;
}

/** Within 5 % of the pace counts as on track: a goal is not "behind" by one lead on Monday. */
const TOLERANCE = 0.05;

export function goalProgress(
  metric: GoalMetric,
  values: { actual: number; target: number },
  period: { start: Date; end: Date },
  now: Date,
): GoalProgress {
  const { actual, target } = values;
  const kind = METRIC_KIND[metric];
  if (kind === 'cumulative') {
    const pace = target * elapsedFraction(period, now);
    const done = target > 0 ? actual / target : 0;
    const status: GoalStatus = actual >= pace * (1 + TOLERANCE) && actual > pace ? 'ahead' : actual < pace * (1 - TOLERANCE) ? 'behind' : 'on_track';
    return { actual, target, done, pace, status };
  }
  const ratio = kind === 'higher-is-better' ? (target > 0 ? actual / target : 0) : actual > 0 ? target / actual : 0;
  const status: GoalStatus = ratio >= 1 + TOLERANCE ? 'ahead' : ratio < 1 - TOLERANCE ? 'behind' : 'on_track';
  return { actual, target, done: ratio, pace: target, status };
}

/**
 * What a cumulative goal (new leads, deals, revenue…) still needs per day, from today to
 * its end, to reach its target; undefined for rates and averages, which do not add up
 * by the day, for a goal already reached and for one whose period is over.
 */
export function dailyRunRateNeeded(metric: GoalMetric, progress: Pick<GoalProgress, 'actual' | 'target'>, period: { end: Date }, now: Date): number | undefined {
  if (METRIC_KIND[metric] !== 'cumulative') return undefined;
  const left = progress.target - progress.actual;
  const daysLeft = (period.end.getTime() - now.getTime()) / 86_400_000;
  if (left <= 0 || daysLeft <= 0) return undefined;
  return left / Math.max(daysLeft, 1);
}

/** DOMAIN.md: the baseline is the average of the last 3 complete months. */
export function baseline(monthlyValues: number[]): number | undefined {
  if (monthlyValues.length === 0) return undefined;
  return monthlyValues.reduce((sum, value) => sum + value, 0) / monthlyValues.length;
}

/** Which leads a goal or a number counts: one owner's, one source channel's, or (neither) the team's. */
export interface LeadScope {
  ownerId?: string;
  sourceChannelKey?: string;
}

export type GoalScopeKind = 'TEAM' | 'OWNER' | 'SOURCE_CHANNEL';

/** A goal's scope as the goal table keeps it (prisma/schema.prisma, Goal: scope, scopeValue). */
export interface StoredGoalScope {
  scope: GoalScopeKind;
  scopeValue?: string;
}

/** A goal counts one owner's leads or one channel's, not both: an owner, when given, is the scope. */
export function storedGoalScope(leads: LeadScope): StoredGoalScope {
  if (leads.ownerId) return { scope: 'OWNER', scopeValue: leads.ownerId };
  if (leads.sourceChannelKey) return { scope: 'SOURCE_CHANNEL', scopeValue: leads.sourceChannelKey };
  return { scope: 'TEAM' };
}

/** The leads a stored goal counts; a scope without its value counts the team's. */
export function leadScopeOfGoal(goal: { scope: string; scopeValue?: string | null }): LeadScope {
  if (goal.scope === 'OWNER' && goal.scopeValue) return { ownerId: goal.scopeValue };
  if (goal.scope === 'SOURCE_CHANNEL' && goal.scopeValue) return { sourceChannelKey: goal.scopeValue };
  return {};
}
