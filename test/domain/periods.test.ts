import { describe, expect, it } from 'vitest';
import { completeMonthsBefore, dayRange, elapsedFraction, parsePeriod, previousWeek, trailingWeeks, weekContaining } from '../../src/domain/periods.js';

const SHANGHAI = 'Asia/Shanghai';

describe('periods in the team\'s time zone', () => {
  it('runs a week Monday to Sunday in the team\'s zone', () => {
    // Sunday 2023-10-08 23:30 in Shanghai is still the week of Monday 2 October.
    const week = weekContaining(new Date('2023-10-08T15:30:00Z'), SHANGHAI);
    expect(week.start.toISOString()).toBe('2023-10-01T16:00:00.000Z');
    expect(week.end.toISOString()).toBe('2023-10-08T16:00:00.000Z');
    expect(week.label).toBe('2023-10-02..2023-10-08');
    // Half an hour later it is Monday there: the next week.
    expect(weekContaining(new Date('2023-10-08T16:30:00Z'), SHANGHAI).label).toBe('2023-10-09..2023-10-15');
  });

  it('steps back a week and lists trailing weeks oldest first', () => {
    const week = weekContaining(new Date('2023-10-05T00:00:00Z'), 'UTC');
    expect(previousWeek(week, 'UTC').label).toBe('2023-09-25..2023-10-01');
    const weeks = trailingWeeks(new Date('2023-10-05T00:00:00Z'), 13, 'UTC');
    expect(weeks).toHaveLength(13);
    expect(weeks.at(-1)!.label).toBe('2023-10-02..2023-10-08');
    expect(weeks[0]!.label).toBe('2023-07-10..2023-07-16');
  });

  it('keeps weeks whole across a daylight-saving change', () => {
    const week = weekContaining(new Date('2023-03-28T12:00:00Z'), 'Europe/Berlin');
    expect(week.label).toBe('2023-03-27..2023-04-02');
    expect(previousWeek(week, 'Europe/Berlin').end.getTime() - previousWeek(week, 'Europe/Berlin').start.getTime()).toBe((7 * 24 - 1) * 3600_000);
  });

  it('reads named periods and explicit ranges, and refuses nonsense', () => {
    const now = new Date('2023-10-05T04:00:00Z');
    expect(parsePeriod('this-week', now, SHANGHAI)?.label).toBe('2023-10-02..2023-10-08');
    expect(parsePeriod('last-week', now, SHANGHAI)?.label).toBe('2023-09-25..2023-10-01');
    expect(parsePeriod('本月', now, SHANGHAI)?.label).toBe('2023-10-01..2023-10-31');
    expect(parsePeriod('last-month', now, SHANGHAI)?.label).toBe('2023-09-01..2023-09-30');
    expect(parsePeriod('this-quarter', now, SHANGHAI)?.label).toBe('2023-10-01..2023-12-31');
    expect(parsePeriod('2023-09-01..2023-09-15', now, SHANGHAI)?.label).toBe('2023-09-01..2023-09-15');
    expect(parsePeriod('2023-09-15..2023-09-01', now, SHANGHAI)).toBeUndefined();
    expect(parsePeriod('2023-02-30..2023-03-01', now, SHANGHAI)).toBeUndefined();
    expect(parsePeriod('yesterday', now, SHANGHAI)).toBeUndefined();
    expect(dayRange('2023-9-1', '2023-09-02', SHANGHAI)).toBeUndefined();
  });

  it('gives the last three complete months for a goal\'s baseline', () => {
    expect(completeMonthsBefore(new Date('2023-10-15T00:00:00Z'), 3, 'UTC').map((month) => month.label)).toEqual([
      '2023-07-01..2023-07-31',
      '2023-08-01..2023-08-31',
      '2023-09-01..2023-09-30',
    ]);
  });

  it('measures how far through a period a moment is', () => {
    const span = { start: new Date('2023-10-01T00:00:00Z'), end: new Date('2023-10-11T00:00:00Z') };
    expect(elapsedFraction(span, new Date('2023-10-06T00:00:00Z'))).toBeCloseTo(0.5);
    expect(elapsedFraction(span, new Date('2023-09-01T00:00:00Z'))).toBe(0);
    expect(elapsedFraction(span, new Date('2023-12-01T00:00:00Z'))).toBe(1);
  });
});
