import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/digests/format.js';

describe('formatMoney: every amount shown, in the workspace currency', () => {
  it.each(['en', 'zh'] as const)('CNY is ¥ in %s too, with the cents only where there are any', (locale) => {
    expect(formatMoney(12000000n, 'CNY', locale)).toBe('¥120,000');
    expect(formatMoney(8800050n, 'CNY', locale)).toBe('¥88,000.50');
    expect(formatMoney(99999999999999n, 'CNY', locale)).toBe('¥999,999,999,999.99');
    expect(formatMoney(0n, 'CNY', locale)).toBe('¥0');
  });

  it('shows other currencies by their narrow symbol', () => {
    expect(formatMoney(123456n, 'USD', 'en')).toBe('$1,234.56');
    expect(formatMoney(100n, 'EUR', 'zh')).toBe('€1');
  });

  it('formats the exact amount, not a float of it: 2^53 + 1 fen', () => {
    expect(formatMoney(9007199254740993n, 'CNY', 'en')).toBe('¥90,071,992,547,409.93');
  });
});
