/**
 * How sure a rate is, given how few leads it rests on. The Wilson score interval is a
 * closed formula (Wilson 1927), so it is written out here rather than taken from a
 * statistics package: unlike the textbook p ± z·√(p(1−p)/n) it stays inside 0..1 and
 * does not collapse to a point at 0 or n successes, which small tiers often have.
 */

/** The standard normal's 97.5% quantile: a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** The Wilson interval of `successes` out of `trials`; none of nothing. */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): Interval | undefined {
  if (!Number.isInteger(trials) || trials <= 0) return undefined;
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) throw new RangeError(`${successes} successes of ${trials} trials`);
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // The exact bounds are 0 at 0 successes and 1 at all of them; floating point lands a hair off.
  return { low: successes === 0 ? 0 : centre - half, high: successes === trials ? 1 : centre + half };
}
