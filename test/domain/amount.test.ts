import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/domain/amount.js';
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
    expect(parseAmount('120,000.50')).toBe('120000.50');
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

  it('drops leading zeros but keeps the fraction exactly as typed', () => {
    expect(parseAmount('007')).toBe('7');
    expect(parseAmount('00.5')).toBe('0.5');
    expect(parseAmount('0.0001')).toBe('0.0001');
  });

  it('takes up to 18 digits, no more', () => {
    expect(parseAmount('9'.repeat(18))).toBe('9'.repeat(18));
    expect(() => parseAmount('9'.repeat(19))).toThrow(InvalidAmount);
    expect(() => parseAmount('99999999999999999万')).toThrow(InvalidAmount);
  });

  it.each(['abc', '-5', '', '   ', '¥', '万', '1.5.5', '12万5', '1e6', '1.23456', '.5', '5.', '12 345', '120m', '+5', 'NaN'])(
    'refuses %j, quoting what was typed',
    (input) => {
      const error = thrownBy(() => parseAmount(input));
      expect(error).toBeInstanceOf(InvalidAmount);
      expect(error).toMatchObject({ code: 'invalid_amount', input });
    },
  );
});
