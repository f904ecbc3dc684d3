import type { Locale } from '../i18n/messages.js';

export function percent(value: number, digits = 0): string {
  return `${(value * 100).toFixed(digits)}%`;
}

export function count(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US').format(value);
}

export function money(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 0 }).format(value);
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

/** "2023-10-02 – 10-08": a range label that repeats only what changed. */
export function rangeLabel(label: string): string {
  const [from, to] = label.split('..') as [string, string];
  if (from === to) return from;
  return from.slice(0, 4) === to.slice(0, 4) ? `${from} – ${to.slice(5)}` : `${from} – ${to}`;
}
