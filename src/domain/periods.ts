import { DateTime } from 'luxon';
import { teamDate } from './team-time.js';

/** A stretch of time in the team's zone: [start, end). */
export interface Period {
  start: Date;
  end: Date;
  /** The days it covers, as periodLabel writes them; periodDays reads them back. */
  label: string;
}

/** The first and last day a period covers in the team's zone (yyyy-MM-dd), the last one inclusive. */
export interface PeriodDays {
  first: string;
  last: string;
}

/**
 * "2026-11-16..2026-11-22": how a period is named everywhere, in the run ledger's keys,
 * file names and `/lead funnel 2026-11-01..2026-11-30` alike.
 */
export function periodLabel(days: PeriodDays): string {
  return `${days.first}..${days.last}`;
}

export function periodDays(period: Pick<Period, 'label'>): PeriodDays {
  const [first, last] = period.label.split('..') as [string, string];
  return { first, last };
}

/** [start, end) named by its days in the team's zone; `end` is exclusive, so the last day is the one before it. */
export function periodBetween(start: Date, end: Date, timeZone: string): Period {
  return { start, end, label: periodLabel({ first: teamDate(start, timeZone), last: teamDate(new Date(end.getTime() - 1), timeZone) }) };
}

function period(start: DateTime, end: DateTime): Period {
  return { start: start.toJSDate(), end: end.toJSDate(), label: periodLabel({ first: start.toISODate()!, last: end.minus({ days: 1 }).toISODate()! }) };
}

/** Weeks run Monday to Sunday (ISO weeks), in the team's zone. */
export function weekContaining(at: Date, timeZone: string): Period {
  const start = DateTime.fromJSDate(at, { zone: timeZone }).startOf('week');
  return period(start, start.plus({ weeks: 1 }));
}

export function monthContaining(at: Date, timeZone: string): Period {
  const start = DateTime.fromJSDate(at, { zone: timeZone }).startOf('month');
  return period(start, start.plus({ months: 1 }));
}

export function quarterContaining(at: Date, timeZone: string): Period {
  const start = DateTime.fromJSDate(at, { zone: timeZone }).startOf('quarter');
  return period(start, start.plus({ quarters: 1 }));
}

export function previousWeek(week: Period, timeZone: string): Period {
  return weekContaining(DateTime.fromJSDate(week.start, { zone: timeZone }).minus({ days: 1 }).toJSDate(), timeZone);
}

/** The `count` weeks that end with the week containing `at`, oldest first. */
export function trailingWeeks(at: Date, count: number, timeZone: string): Period[] {
  const last = DateTime.fromJSDate(at, { zone: timeZone }).startOf('week');
  return Array.from({ length: count }, (_, i) => {
    const start = last.minus({ weeks: count - 1 - i });
    return period(start, start.plus({ weeks: 1 }));
  });
}

/** The `count` complete months before the month containing `at`, oldest first (a goal's baseline). */
export function completeMonthsBefore(at: Date, count: number, timeZone: string): Period[] {
  const thisMonth = DateTime.fromJSDate(at, { zone: timeZone }).startOf('month');
  return Array.from({ length: count }, (_, i) => {
    const start = thisMonth.minus({ months: count - i });
    return period(start, start.plus({ months: 1 }));
  });
}

/** Days between two dates given as yyyy-MM-dd, inclusive, in the team's zone; undefined if malformed or reversed. */
export function dayRange(from: string, to: string, timeZone: string): Period | undefined {
  const start = DateTime.fromISO(from, { zone: timeZone });
  const last = DateTime.fromISO(to, { zone: timeZone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || !start.isValid || !last.isValid || last < start) return undefined;
  return period(start.startOf('day'), last.startOf('day').plus({ days: 1 }));
}

export type NamedPeriod = 'this-week' | 'last-week' | 'this-month' | 'last-month' | 'this-quarter';

/** `this-week`, `last-week`, `this-month`, `last-month`, `this-quarter` or `YYYY-MM-DD..YYYY-MM-DD`. */
export function parsePeriod(text: string, now: Date, timeZone: string): Period | undefined {
  const value = text.trim().toLowerCase();
  switch (value) {
    case 'this-week':
    case '本周':
      return weekContaining(now, timeZone);
    case 'last-week':
    case '上周':
      return previousWeek(weekContaining(now, timeZone), timeZone);
    case 'this-month':
    case '本月':
      return monthContaining(now, timeZone);
    case 'last-month':
    case '上月':
      return monthContaining(DateTime.fromJSDate(now, { zone: timeZone }).minus({ months: 1 }).toJSDate(), timeZone);
    case 'this-quarter':
    case '本季度':
      return quarterContaining(now, timeZone);
  }
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  return range ? dayRange(range[1]!, range[2]!, timeZone) : undefined;
}

/** How far through a period `at` is, from 0 at its start to 1 at its end. */
export function elapsedFraction(span: { start: Date; end: Date }, at: Date): number {
  const total = span.end.getTime() - span.start.getTime();
  if (total <= 0) return 1;
  return Math.min(1, Math.max(0, (at.getTime() - span.start.getTime()) / total));
}
