import { decimalPlaces, shiftDecimal } from './decimal.js';
import { InvalidAmount } from './errors.js';

/**
 * Money is kept as whole minor units, hundredths (fen, cents), in every currency: the
 * databases store and sum integers exactly, where a decimal column is a float on SQLite.
 */
export const MINOR_DIGITS = 2;
const MINOR_PER_MAJOR = 10n ** BigInt(MINOR_DIGITS);

/**
 * The most an amount can be, in major units: 1万亿, far beyond any deal, so a longer
 * number is a typo. At 10^14 minor units one amount is still exact as a JavaScript
 * number (2^53 ≈ 9·10^15, what charts take), and the database's 64-bit SUM holds
 * tens of thousands of them.
 */
export const MAX_AMOUNT = 10n ** 12n;

/** Places a unit word moves the point: 万 (and its pinyin initial w) is 10^4, k is 10^3. */
const UNIT_PLACES: Record<string, number> = { 万: 4, w: 4, k: 3 };

/**
 * Deal amounts as reps type them: `120000`, `120,000.50`, `¥120000`, `12万` (ten
 * thousands), `120k`. Returns exact decimal text in major units, at most MAX_AMOUNT and
 * to the minor unit (`1.23456万` is 12345.6, `10.123` is refused), which minorUnits()
 * turns into what the database keeps.
 */
export function parseAmount(input: string): string {
  const text = input.normalize('NFKC').trim().replace(/^[¥$]|元$/g, '').replace(/,/g, '').trim();
  const match = /^(\d+(?:\.\d+)?)\s*(万|w|k)?$/i.exec(text);
  if (!match) throw new InvalidAmount(input, 'not_a_number');
  const [, digits = '', unit = ''] = match;
  const amount = shiftDecimal(digits, UNIT_PLACES[unit.toLowerCase()] ?? 0);
  const [whole = '0', fraction] = amount.split('.');
  if (BigInt(whole) > MAX_AMOUNT || (BigInt(whole) === MAX_AMOUNT && fraction)) throw new InvalidAmount(input, 'too_large');
  if (decimalPlaces(amount) > MINOR_DIGITS) throw new InvalidAmount(input, 'too_precise');
  return amount;
}

/** Decimal text in major units, to the minor unit at most (what parseAmount returns), as minor units. */
export function minorUnits(amount: string): bigint {
  if (decimalPlaces(shiftDecimal(amount, 0)) > MINOR_DIGITS) throw new Error(`${amount} is finer than a minor unit`);
  return BigInt(shiftDecimal(amount, MINOR_DIGITS));
}

/** Minor units as exact decimal text in major units: 8800050n → "88000.5". */
export function majorUnits(minor: bigint): string {
  const sign = minor < 0n ? '-' : '';
  return `${sign}${shiftDecimal((minor < 0n ? -minor : minor).toString(), -MINOR_DIGITS)}`;
}

/** A computed money figure (an average, a pace) to the nearest minor unit. */
export function roundToMinorUnits(major: number): bigint {
  return BigInt(Math.round(major * Number(MINOR_PER_MAJOR)));
}

/** Whether an amount has no minor part: ¥120,000 is shown without .00. */
export function isWholeAmount(minor: bigint): boolean {
  return minor % MINOR_PER_MAJOR === 0n;
}
