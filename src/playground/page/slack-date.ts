import { INTL_LOCALE, type RenderContext } from './context.js';
import { isoDay } from './zoned-time.js';

type DateContext = Pick<RenderContext, 'timeZone' | 'locale' | 'now'>;

const DAY_MS = 86_400_000;

function format(date: Date, context: DateContext, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[context.locale], { timeZone: context.timeZone, ...options }).format(date);
}

/** Slack writes English dates with ordinals: "February 18th, 2014". */
function ordinal(day: number): string {
  const tens = day % 100;
  if (tens >= 11 && tens <= 13) return `${day}th`;
  return `${day}${{ 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th'}`;
}

function longDate(date: Date, context: DateContext, withWeekday: boolean): string {
  if (context.locale === 'zh') return format(date, context, { year: 'numeric', month: 'long', day: 'numeric', ...(withWeekday ? { weekday: 'long' } : {}) });
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: context.timeZone, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  const text = `${part('month')} ${ordinal(Number(part('day')))}, ${part('year')}`;
  return withWeekday ? `${part('weekday')}, ${text}` : text;
}

/** "today", "yesterday" or "tomorrow" in the reader's zone; undefined for other days. */
function prettyDay(date: Date, context: DateContext): string | undefined {
  const days = Math.round((Date.parse(isoDay(date, context.timeZone)) - Date.parse(isoDay(context.now(), context.timeZone))) / DAY_MS);
  if (Math.abs(days) > 1) return undefined;
  return new Intl.RelativeTimeFormat(INTL_LOCALE[context.locale], { numeric: 'auto' }).format(days, 'day');
}

const AGO_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * DAY_MS],
  ['month', 30 * DAY_MS],
  ['week', 7 * DAY_MS],
  ['day', DAY_MS],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

function ago(date: Date, context: DateContext): string {
  const elapsed = date.getTime() - context.now().getTime();
  const [unit, size] = AGO_UNITS.find(([, ms]) => Math.abs(elapsed) >= ms) ?? ['second', 1000];
  return new Intl.RelativeTimeFormat(INTL_LOCALE[context.locale], { numeric: 'auto' }).format(Math.round(elapsed / size), unit);
}

const TOKENS: Record<string, (date: Date, context: DateContext) => string> = {
  date_num: (date, context) => isoDay(date, context.timeZone),
  date: (date, context) => longDate(date, context, false),
  date_short: (date, context) => format(date, context, { year: 'numeric', month: 'short', day: 'numeric' }),
  date_long: (date, context) => longDate(date, context, true),
  date_pretty: (date, context) => prettyDay(date, context) ?? longDate(date, context, false),
  date_short_pretty: (date, context) => prettyDay(date, context) ?? TOKENS.date_short!(date, context),
  date_long_pretty: (date, context) => prettyDay(date, context) ?? longDate(date, context, true),
  day_divider_pretty: (date, context) => prettyDay(date, context) ?? longDate(date, context, true),
  time: (date, context) => format(date, context, { hour: 'numeric', minute: '2-digit' }),
  time_secs: (date, context) => format(date, context, { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
  ago,
};

/**
 * A `<!date^…>` / rich text date in the reader's zone and language, as plain text; undefined
 * when Slack would show the fallback instead (a bad timestamp or an unknown {token}).
 */
export function formatSlackDate(unixSeconds: number | undefined, template: string, context: DateContext): string | undefined {
  if (unixSeconds === undefined || !Number.isFinite(unixSeconds)) return undefined;
  const date = new Date(unixSeconds * 1000);
  if (Number.isNaN(date.getTime())) return undefined;
  let unknown = false;
  const text = template.replace(/\{([a-z_]+)\}/g, (whole, token: string) => {
    const render = TOKENS[token];
    if (!render) {
      unknown = true;
      return whole;
    }
    return render(date, context);
  });
  return unknown ? undefined : text;
}
