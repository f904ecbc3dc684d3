import { describe, expect, it } from 'vitest';
import { baseline, goalNumber, goalProgress } from '../../src/domain/goals.js';

const october = { start: new Date('2023-10-01T00:00:00Z'), end: new Date('2023-11-01T00:00:00Z') };
const midMonth = new Date('2023-10-16T12:00:00Z'); // exactly half-way through October

describe('goal progress', () => {
  it('puts the pace of a count on the straight line from 0 to the target', () => {
    const progress = goalProgress('NEW_LEADS', { actual: 200, target: 550 }, october, midMonth);
    expect(progress.pace).toBeCloseTo(275);
    expect(progress.done).toBeCloseTo(200 / 550);
    expect(progress.status).toBe('behind');
  });

  it('is on track within 5% of the pace and ahead beyond it', () => {
    expect(goalProgress('WON_DEALS', { actual: 27, target: 55 }, october, midMonth).status).toBe('on_track');
    expect(goalProgress('REVENUE', { actual: 400_000, target: 600_000 }, october, midMonth).status).toBe('ahead');
    expect(goalProgress('FOLLOW_UPS', { actual: 0, target: 100 }, october, october.start).status).toBe('on_track');
  });

  it('compares a rate with its target, not with a line, and for the sales cycle lower is better', () => {
    const rate = goalProgress('CONVERSION_RATE', { actual: 0.03, target: 0.035 }, october, midMonth);
    expect(rate.pace).toBe(0.035);
    expect(rate.status).toBe('behind');
    expect(goalProgress('SALES_CYCLE_DAYS', { actual: 25, target: 30 }, october, midMonth).status).toBe('ahead');
    expect(goalProgress('SALES_CYCLE_DAYS', { actual: 40, target: 30 }, october, midMonth).status).toBe('behind');
  });

  it('takes the average of the last three months as the baseline (500 leads a month at 3%)', () => {
    expect(baseline([480, 500, 520])).toBe(500);
    expect(baseline([])).toBeUndefined();
  });

  it('keeps a worked-out money figure to the minor unit, other units as computed', () => {
    expect(goalNumber('REVENUE', 140000 / 3)).toBe('46666.67');
    expect(goalNumber('REVENUE', 11500000)).toBe('11500000');
    expect(goalNumber('NEW_LEADS', 140 / 3)).toBe(String(140 / 3));
    expect(goalNumber('CONVERSION_RATE', 0.035)).toBe('0.035');
  });
});
