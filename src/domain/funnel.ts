import { DateTime } from 'luxon';
import type { Stage } from './stages.js';

/** The stages a lead passes on the way to a deal, in order; LOST is an exit, not a step. */
export const FUNNEL_STAGES = ['ACQUIRED', 'CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION', 'WON'] as const satisfies readonly Stage[];
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export type Reached = Record<FunnelStage, number>;

export interface FunnelStep {
  stage: FunnelStage;
  reached: number;
  /** reached / leads acquired in the period. */
  shareOfAcquired: number;
  /** reached(k) / reached(k-1); undefined for the first stage or when nobody reached the one before. */
  conversionFromPrevious?: number;
  /** 1 − conversionFromPrevious (DOMAIN.md "Metrics"). */
  dropOff?: number;
}

export interface Funnel {
  steps: FunnelStep[];
  acquired: number;
  won: number;
  /** won / all leads of the group. */
  conversionRate: number;
  /** The step with the largest drop-off, the earlier one on a tie; undefined without any. */
  bottleneck?: FunnelStage;
}

/** DOMAIN.md: drop-off between consecutive stages = 1 − reached(k+1)/reached(k); the bottleneck is the largest. */
export function computeFunnel(reached: Reached): Funnel {
  const acquired = reached.ACQUIRED;
  const steps: FunnelStep[] = FUNNEL_STAGES.map((stage, index) => {
    const count = reached[stage];
    const step: FunnelStep = { stage, reached: count, shareOfAcquired: acquired > 0 ? count / acquired : 0 };
    const previous = index > 0 ? reached[FUNNEL_STAGES[index - 1]!] : 0;
    if (index > 0 && previous > 0) {
      step.conversionFromPrevious = count / previous;
      step.dropOff = 1 - step.conversionFromPrevious;
    }
    return step;
  });
  let bottleneck: FunnelStep | undefined;
  for (const step of steps) {
    if (step.dropOff !== undefined && step.dropOff > 0 && (!bottleneck || step.dropOff > bottleneck.dropOff!)) bottleneck = step;
  }
  return { steps, acquired, won: reached.WON, conversionRate: acquired > 0 ? reached.WON / acquired : 0, bottleneck: bottleneck?.stage };
}

/** The relative change from `before` to `now`, or undefined when there is nothing to compare with. */
export function change(now: number, before: number): number | undefined {
  if (before === 0) return now === 0 ? 0 : undefined;
  return (now - before) / before;
}

/**
 * Conversion days (DOMAIN.md metrics): wonAt, or lostAt, minus acquiredAt, in whole days
 * of the team's calendar, as a sheet's date subtraction counts them.
 */
export function conversionDays(acquiredAt: Date, closedAt: Date, timeZone: string): number {
  const day = (at: Date) => DateTime.fromJSDate(at, { zone: timeZone }).startOf('day');
  return Math.round(day(closedAt).diff(day(acquiredAt), 'days').days);
}
