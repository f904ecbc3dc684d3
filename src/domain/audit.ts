/**
 * The manager's weekly spot-check (seed 004: "the manager spot-checks 10% weekly"): which
 * of the week's changed leads to look at. The draw is the caller's: a random source is
 * passed in, so a test (or a second look at the same sample) can name its seed.
 */

/** The share of the week's changed leads a spot-check covers, and the fewest it looks at. */
export const AUDIT_SHARE = 0.1;
export const AUDIT_MIN_LEADS = 5;

/** 10% rounded up, at least 5, never more than there are. */
export function auditSampleSize(total: number): number {
  return Math.min(total, Math.max(AUDIT_MIN_LEADS, Math.ceil(total * AUDIT_SHARE)));
}

/** `size` of `items`, each equally likely, drawn with `random` (values in [0, 1)): a partial Fisher–Yates shuffle. */
export function sampleOf<T>(items: readonly T[], size: number, random: () => number): T[] {
  const pool = [...items];
  const take = Math.min(size, pool.length);
  for (let index = 0; index < take; index++) {
    const pick = index + Math.floor(random() * (pool.length - index));
    [pool[index], pool[pick]] = [pool[pick]!, pool[index]!];
  }
  return pool.slice(0, take);
}

/** A small seeded generator (mulberry32): the same seed, the same draws. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
