import { isWholeAmount, majorUnits, MINOR_DIGITS } from '../domain/amount.js';
import { DateTime } from 'luxon';
import { periodDays, type Period } from '../domain/periods.js';
import type { Locale } from '../i18n/messages.js';

/**
 * How numbers read to people, for Slack messages and digests alike: this module imports
 * nothing of either, so both can use it.
 */

const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', zh: 'zh-CN' };

export function percent(value: number, digits = 0): string {
  return `${(value * 100).toFixed(digits)}%`;
}

export function count(value: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale]).format(value);
}

/**
 * Every amount of money shown: the workspace's currency symbol (the narrow one, so CNY
 * is ¥ in English too, not CN¥) and the exact amount, with its minor unit only where
 * there is one (¥120,000, ¥88,000.50). Intl formats the decimal text, not a float.
 */
export function formatMoney(minor: bigint, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: isWholeAmount(minor) ? 0 : MINOR_DIGITS,
    maximumFractionDigits: MINOR_DIGITS,
  }).format(majorUnits(minor) as Intl.StringNumericLiteral);
}

export function days(value: number): string {
  return value.toFixed(1);
}

/** ▲12% / ▼8% / ±0% against the previous period, or `new` where it had none. */
export function changeMark(ratio: number | undefined, newWord: string): string {
  if (ratio === undefined) return newWord;
  if (Math.abs(ratio) < 0.005) return '±0%';
  return `${ratio > 0 ? '▲' : '▼'}${percent(Math.abs(ratio))}`;
}

/** "2023-10-02 – 10-08": a period's days that repeats only what changed. */
export function rangeLabel(period: Pick<Period, 'label'>): string {
  const { first, last } = periodDays(period);
  if (first === last) return first;
  return first.slice(0, 4) === last.slice(0, 4) ? `${first} – ${last.slice(5)}` : `${first} – ${last}`;
}

/** A calendar month as people name it: "November 2026" / "2026年11月", or without the year "November" / "11月". */
export function monthLabel(start: Date, timeZone: string, locale: Locale, withYear = true): string {
  const at = DateTime.fromJSDate(start, { zone: timeZone });
  if (locale === 'zh') return withYear ? `${at.year}年${at.month}月` : `${at.month}月`;
  return at.setLocale(INTL_LOCALE.en).toFormat(withYear ? 'LLLL yyyy' : 'LLLL');
}
