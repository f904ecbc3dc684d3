import { describe, expect, it } from 'vitest';
import { wilsonInterval, Z_95 } from '../../src/domain/proportions.js';

/**
 * Wilson 95% intervals against values worked by hand from the formula
 * (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.96, and checked against
 * published tables (0 of 10: 0 to 0.2775; 5 of 10: 0.2366 to 0.7634).
 */
describe('wilsonInterval', () => {
  it.each([
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [8, 10, 0.4902, 0.9433],
    [10, 10, 0.7225, 1],
    [20, 100, 0.1334, 0.2888],
    [1, 2, 0.0945, 0.9055],
  ])('%i of %i lies in %f..%f', (won, leads, low, high) => {
    const interval = wilsonInterval(won, leads)!;
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('is exact at the ends and has none for no leads', () => {
    expect(wilsonInterval(0, 3)!.low).toBe(0);
    expect(wilsonInterval(3, 3)!.high).toBe(1);
    expect(wilsonInterval(0, 0)).toBeUndefined();
    expect(() => wilsonInterval(4, 3)).toThrow(RangeError);
  });

  it('narrows with more leads at the same rate', () => {
    const few = wilsonInterval(2, 10)!;
    const many = wilsonInterval(200, 1000)!;
    expect(many.high - many.low).toBeLessThan(few.high - few.low);
    expect(Z_95).toBeCloseTo(1.96, 2);
  });
});
