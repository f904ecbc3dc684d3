import { describe, expect, it } from 'vitest';
import { decimalPlaces, shiftDecimal } from '../../src/domain/decimal.js';

describe('shiftDecimal: moving the point of decimal text, exactly', () => {
  it.each([
    ['1.5', 4, '15000'],
    ['1.23456', 4, '12345.6'],
    ['3.5', -2, '0.035'],
    ['5', -3, '0.005'],
    ['12.5', 2, '1250'],
    ['0.125', 2, '12.5'],
    ['007.50', 0, '7.5'],
    ['0', 3, '0'],
  ] as const)('%s × 10^%i is %s', (decimal, places, shifted) => {
    expect(shiftDecimal(decimal, places)).toBe(shifted);
  });

  it('refuses what is not plain decimal text', () => {
    for (const text of ['', '-1', '1e5', '.5', '1.']) expect(() => shiftDecimal(text, 0)).toThrow();
  });

  it('counts the places after the point', () => {
    expect(decimalPlaces('12345.6')).toBe(1);
    expect(decimalPlaces('120000')).toBe(0);
  });
});
