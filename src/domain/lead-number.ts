import { DateTime } from 'luxon';
import { InvalidLeadNumber } from './errors.js';

/** "年月日+序号" (DOMAIN.md): acquisition day in the team's zone, then a daily sequence. */
export function acquisitionDay(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('yyyyLLdd');
}

/** Three digits as in 20231001001; a 1000th lead of one day simply gets four. */
export function formatLeadNumber(day: string, sequence: number): string {
  return `${day}${String(sequence).padStart(3, '0')}`;
}

/** Imported sheets carry shorter numbers too (20231001), so any digit string is a number. */
export function parseLeadNumber(input: string): string {
  const number = input.normalize('NFKC').trim().replace(/^#/, '');
  if (!/^\d{1,32}$/.test(number)) throw new InvalidLeadNumber(input);
  return number;
}

export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The existing numbers closest to a mistyped one, for "did you mean 20231001?". */
export function closestLeadNumbers(wanted: string, candidates: Iterable<string>, limit = 3): string[] {
  const maxDistance = Math.max(2, Math.ceil(wanted.length / 4));
  return [...candidates]
    .map((number) => ({ number, distance: editDistance(wanted, number) }))
    .filter(({ distance }) => distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.number.localeCompare(b.number))
    .slice(0, limit)
    .map(({ number }) => number);
}
