import { DateTime } from 'luxon';

/** Midnight of the team's current day: follow-ups are due on days, in the team's zone. */
export function startOfTeamDay(at: Date, timeZone: string): Date {
  return DateTime.fromJSDate(at, { zone: timeZone }).startOf('day').toJSDate();
}

/** The team's day `at` falls on, as yyyy-MM-dd: what a daily digest is named and keyed by. */
export function teamDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
}

/** A `YYYY-MM-DD` from a date picker as midnight of that day in the team's zone. */
export function teamDayFromIso(isoDate: string, timeZone: string): Date | undefined {
  const day = DateTime.fromISO(isoDate, { zone: timeZone });
  return day.isValid && /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? day.startOf('day').toJSDate() : undefined;
}
