import { LEFT_STAGES, parseFindingKey, type Count, type FindingKind } from './bottlenecks.js';

/**
 * How an action item's metric goes (seed 004 step 6: "the tracking metric decides whether
 * the action worked"). The metrics the bot can measure are the ones its flags judge, by
 * the same definitions and the same weekly counts (bottlenecks.ts), so an item made from
 * a flag is measured exactly as the flag was raised.
 */

/** Which way is better: drop-off and a loss reason's share down, a channel's conversion up. */
export type MetricDirection = 'at_most' | 'at_least';

export const METRIC_DIRECTION: Record<FindingKind, MetricDirection> = { dropoff: 'at_most', channel: 'at_least', loss: 'at_most', owner: 'at_most' };

/**
 * Each Monday's word on an open item:
 * - reached: the week's rate meets the target;
 * - overdue: past its due day and not reached;
 * - moving: better than when the item was made (its baseline), not there yet;
 * - stalled: no better than the baseline;
 * - no_data: nobody was counted in the week (no lead left the stage, none of the channel was decided).
 */
export type ActionProgress = 'reached' | 'overdue' | 'moving' | 'stalled' | 'no_data';

/** A metric the bot can measure: a known finding key whose stage, if any, is one a lead leaves. */
export function isMeasurableMetric(key: string): boolean {
  const parsed = parseFindingKey(key);
  // An owner's overdue is a count, not a rate an item's target in percent could be set on.
  if (!parsed || parsed.kind === 'owner') return false;
  return parsed.kind !== 'dropoff' || (LEFT_STAGES as readonly string[]).includes(parsed.subject);
}

export function metricDirectionOf(key: string): MetricDirection | undefined {
  const parsed = parseFindingKey(key);
  return parsed ? METRIC_DIRECTION[parsed.kind] : undefined;
}

/** The week's count as a percent, or undefined when nobody was counted. */
export function ratePercent(count: Count | undefined): number | undefined {
  return count && count.total > 0 ? (100 * count.hits) / count.total : undefined;
}

/** Rates are shown to whole percents: 25.0% and 24.96% read alike, so they count alike. */
const TOLERANCE = 0.05;

export function judgeProgress(input: { direction: MetricDirection; ratePercent?: number; targetPercent?: number; baselinePercent?: number; pastDue: boolean }): ActionProgress {
  const { direction, ratePercent: rate, targetPercent: target, baselinePercent: baseline } = input;
  const better = (a: number, b: number) => (direction === 'at_most' ? a < b - TOLERANCE : a > b + TOLERANCE);
  const meets = (a: number, b: number) => (direction === 'at_most' ? a <= b + TOLERANCE : a >= b - TOLERANCE);
  if (rate !== undefined && target !== undefined && meets(rate, target)) return 'reached';
  if (input.pastDue) return 'overdue';
  if (rate === undefined) return 'no_data';
  return baseline !== undefined && better(rate, baseline) ? 'moving' : 'stalled';
}
