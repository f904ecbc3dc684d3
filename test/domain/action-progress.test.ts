import { describe, expect, it } from 'vitest';
import { isMeasurableMetric, judgeProgress, metricDirectionOf, ratePercent } from '../../src/domain/action-progress.js';

describe('an action item’s weekly progress', () => {
  it('drop-off and loss share are better lower, a channel’s conversion higher', () => {
    expect(metricDirectionOf('dropoff:CONTACTED')).toBe('at_most');
    expect(metricDirectionOf('loss:budget')).toBe('at_most');
    expect(metricDirectionOf('channel:douyin')).toBe('at_least');
    expect(metricDirectionOf('revenue')).toBeUndefined();
  });

  it('measures only what the flags count: no drop-off out of Won, no unknown kind', () => {
    expect(isMeasurableMetric('dropoff:NEGOTIATION')).toBe(true);
    expect(isMeasurableMetric('dropoff:WON')).toBe(false);
    expect(isMeasurableMetric('dropoff:LOST')).toBe(false);
    expect(isMeasurableMetric('mood:good')).toBe(false);
  });

  it('a rate is a percent of those counted, and none when nobody was', () => {
    expect(ratePercent({ hits: 8, total: 20 })).toBe(40);
    expect(ratePercent({ hits: 0, total: 0 })).toBeUndefined();
    expect(ratePercent(undefined)).toBeUndefined();
  });

  const dropoff = { direction: 'at_most' as const, targetPercent: 25, baselinePercent: 60 };
  it.each([
    [{ ...dropoff, ratePercent: 20, pastDue: false }, 'reached'],
    [{ ...dropoff, ratePercent: 25.04, pastDue: false }, 'reached'],
    [{ ...dropoff, ratePercent: 20, pastDue: true }, 'reached'],
    [{ ...dropoff, ratePercent: 40, pastDue: false }, 'moving'],
    [{ ...dropoff, ratePercent: 60, pastDue: false }, 'stalled'],
    [{ ...dropoff, ratePercent: 70, pastDue: false }, 'stalled'],
    [{ ...dropoff, ratePercent: 40, pastDue: true }, 'overdue'],
    [{ ...dropoff, pastDue: false }, 'no_data'],
    [{ ...dropoff, pastDue: true }, 'overdue'],
    [{ direction: 'at_least' as const, targetPercent: 10, baselinePercent: 4, ratePercent: 6, pastDue: false }, 'moving'],
    [{ direction: 'at_least' as const, targetPercent: 10, baselinePercent: 4, ratePercent: 12, pastDue: false }, 'reached'],
    [{ direction: 'at_least' as const, targetPercent: 10, baselinePercent: 4, ratePercent: 3, pastDue: false }, 'stalled'],
    [{ direction: 'at_least' as const, ratePercent: 6, pastDue: false }, 'stalled'],
  ])('%o is %s', (input, expected) => {
    expect(judgeProgress(input)).toBe(expected);
  });
});
