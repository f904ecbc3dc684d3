/**
 * Wall-clock time in a named zone with Intl alone, so the page bundle needs no date
 * library: what a date/time control shows, and the instant it means.
 */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function wallClock(date: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(partsFormatter(timeZone).formatToParts(date).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** yyyy-MM-dd of the day the instant falls on in the zone. */
export function isoDay(date: Date, timeZone: string): string {
  const clock = wallClock(date, timeZone);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
}

/** The value of an `<input type="datetime-local">`: yyyy-MM-ddTHH:mm in the zone. */
export function localDateTimeValue(unixSeconds: number, timeZone: string): string {
  const clock = wallClock(new Date(unixSeconds * 1000), timeZone);
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}`;
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const clock = wallClock(new Date(instant), timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const HALF_DAY_MS = 12 * 3_600_000;

/**
 * The instant (unix seconds) a wall-clock yyyy-MM-ddTHH:mm[:ss] means in the zone; undefined
 * for anything else. Around a DST change the zone's offsets before and after are both
 * tried: a time that happens twice is the first of the two, a time skipped over moves
 * forward by the gap, as clocks do.
 */
export function unixSecondsOfLocal(value: string, timeZone: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = zoneOffsetMs(asUtc - HALF_DAY_MS, timeZone);
  const after = zoneOffsetMs(asUtc + HALF_DAY_MS, timeZone);
  const matching = [asUtc - before, asUtc - after].filter((instant) => zoneOffsetMs(instant, timeZone) + instant === asUtc);
  const instant = matching.length > 0 ? Math.min(...matching) : asUtc - before;
  return Math.floor(instant / 1000);
}
