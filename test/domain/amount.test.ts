import { describe, expect, it } from 'vitest';
import { majorUnits, MAX_AMOUNT, minorUnits, parseAmount } from '../../src/domain/amount.js';
import { InvalidAmount } from '../../src/domain/errors.js';
import { thrownBy } from './thrown.js';

describe('parseAmount: the deal amount a rep types when a lead is won', () => {
  it('plain digits', () => {
    expect(parseAmount('120000')).toBe('120000');
    expect(parseAmount(' 120000 ')).toBe('120000');
    expect(parseAmount('0')).toBe('0');
  });

  it('thousands separators and cents', () => {
    expect(parseAmount('120,000')).toBe('120000');
    expect(parseAmount('120,000.50')).toBe('120000.5');
    expect(parseAmount('1,234,567.8')).toBe('1234567.8');
  });

  it('a currency sign in front or 元 behind', () => {
    expect(parseAmount('¥120000')).toBe('120000');
    expect(parseAmount('$120,000')).toBe('120000');
    expect(parseAmount('120000元')).toBe('120000');
    expect(parseAmount('¥120000元')).toBe('120000');
  });

  it('万 counts ten thousands: 12万 is 120000, 1.5万 is 15000', () => {
    expect(parseAmount('12万')).toBe('120000');
    expect(parseAmount('1.5万')).toBe('15000');
    expect(parseAmount('0.5万')).toBe('5000');
    expect(parseAmount('1.2345万')).toBe('12345');
    expect(parseAmount('12万元')).toBe('120000');
    expect(parseAmount('12 万')).toBe('120000');
  });

  it('w is short for 万, in either case', () => {
    expect(parseAmount('12w')).toBe('120000');
    expect(parseAmount('1.5W')).toBe('15000');
  });

  it('k counts thousands', () => {
    expect(parseAmount('120k')).toBe('120000');
    expect(parseAmount('120K')).toBe('120000');
    expect(parseAmount('12.5k')).toBe('12500');
    expect(parseAmount('1.2345k')).toBe('1234.5');
  });

  it('full-width digits, comma and yen sign from a Chinese input method', () => {
    expect(parseAmount('１２００００')).toBe('120000');
    expect(parseAmount('１２万')).toBe('120000');
    expect(parseAmount('￥１２０，０００')).toBe('120000');
  });

  it('drops leading zeros and the trailing zeros of the fraction, which change nothing', () => {
    expect(parseAmount('007')).toBe('7');
    expect(parseAmount('00.5')).toBe('0.5');
    expect(parseAmount('0.01')).toBe('0.01');
    expect(parseAmount('10.100')).toBe('10.1');
  });

  it('takes amounts up to 10^12 (1万亿), to the cent and exactly', () => {
    expect(MAX_AMOUNT).toBe(10n ** 12n);
    expect(parseAmount('999999999999.99')).toBe('999999999999.99');
    expect(minorUnits(parseAmount('999999999999.99'))).toBe(99999999999999n);
    expect(parseAmount('1000000000000')).toBe('1000000000000');
    expect(parseAmount('100000000万')).toBe('1000000000000');
  });

  it.each(['12345678901234.5678', '1000000000000.01', '1000000000001', '100000001万', '1000000001k', '9'.repeat(19)])(
    'refuses %j as above the limit, before any question of precision',
    (input) => {
      expect(thrownBy(() => parseAmount(input))).toMatchObject({ code: 'invalid_amount', input, problem: 'too_large' });
    },
  );

  it('counts decimal places after the unit has moved the point: 1.23456万 is 12345.6', () => {
    expect(parseAmount('1.23456万')).toBe('12345.6');
    expect(parseAmount('1.23456k')).toBe('1234.56');
    expect(parseAmount('12万')).toBe('120000');
  });

  it.each(['10.123', '0.001', '1.2345678万', '1.23456', '1.234567k'])('refuses %j, finer than a cent', (input) => {
    expect(thrownBy(() => parseAmount(input))).toMatchObject({ code: 'invalid_amount', input, problem: 'too_precise' });
  });

  it.each(['abc', '-5', '', '   ', '¥', '万', '1.5.5', '12万5', '1e6', '.5', '5.', '12 345', '120m', '+5', 'NaN'])(
    'refuses %j, quoting what was typed',
    (input) => {
      const error = thrownBy(() => parseAmount(input));
      expect(error).toBeInstanceOf(InvalidAmount);
      expect(error).toMatchObject({ code: 'invalid_amount', input, problem: 'not_a_number' });
    },
  );
});

describe('minor units: what the database keeps', () => {
  it('converts exact decimal text both ways, beyond what a float holds', () => {
    expect(minorUnits('120000')).toBe(12000000n);
    expect(minorUnits('88000.5')).toBe(8800050n);
    expect(minorUnits('0.01')).toBe(1n);
    expect(majorUnits(8800050n)).toBe('88000.5');
    expect(majorUnits(12000000n)).toBe('120000');
    expect(majorUnits(0n)).toBe('0');
    expect(majorUnits(-150n)).toBe('-1.5');
    // 2^53 + 1 minor units: a float would round it to an even number.
    expect(majorUnits(9007199254740993n)).toBe('90071992547409.93');
  });

  it('refuses text finer than a minor unit rather than rounding it away', () => {
    expect(() => minorUnits('1.005')).toThrow();
  });
});
