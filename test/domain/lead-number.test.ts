import { describe, expect, it } from 'vitest';
import { InvalidLeadNumber } from '../../src/domain/errors.js';
import {
  acquisitionDay,
  closestLeadNumbers,
  editDistance,
  formatLeadNumber,
  parseLeadNumber,
} from '../../src/domain/lead-number.js';
import { thrownBy } from './thrown.js';

describe('acquisitionDay: 年月日 in the team’s time zone', () => {
  it('a lead collected at 01:00 on 1 October in Shanghai is a 20231001 lead, though it is still 30 September in UTC', () => {
    const at = new Date('2023-09-30T17:00:00Z');
    expect(acquisitionDay(at, 'Asia/Shanghai')).toBe('20231001');
    expect(acquisitionDay(at, 'UTC')).toBe('20230930');
  });

  it('the Shanghai day turns at 16:00 UTC', () => {
    expect(acquisitionDay(new Date('2023-09-30T15:59:59.999Z'), 'Asia/Shanghai')).toBe('20230930');
    expect(acquisitionDay(new Date('2023-09-30T16:00:00Z'), 'Asia/Shanghai')).toBe('20231001');
  });

  it('a team in California is still on the previous day when Shanghai has moved on', () => {
    expect(acquisitionDay(new Date('2023-10-01T06:59:00Z'), 'America/Los_Angeles')).toBe('20230930');
    expect(acquisitionDay(new Date('2023-10-01T07:00:00Z'), 'America/Los_Angeles')).toBe('20231001');
  });

  it('pads single-digit months and days', () => {
    expect(acquisitionDay(new Date('2024-01-05T02:00:00Z'), 'Asia/Shanghai')).toBe('20240105');
  });

  it('a lead collected on New Year’s Eve night in Shanghai belongs to the new year', () => {
    expect(acquisitionDay(new Date('2023-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('20240101');
  });
});

describe('formatLeadNumber: 年月日 + 序号', () => {
  it('the first lead of the day is 001', () => {
    expect(formatLeadNumber('20231001', 1)).toBe('20231001001');
  });

  it('pads the sequence to three digits', () => {
    expect(formatLeadNumber('20231001', 42)).toBe('20231001042');
    expect(formatLeadNumber('20231001', 999)).toBe('20231001999');
  });

  it('a 1000th lead of one busy trade-show day simply gets four digits', () => {
    expect(formatLeadNumber('20231001', 1000)).toBe('202310011000');
    expect(formatLeadNumber('20231001', 1234)).toBe('202310011234');
  });
});

describe('parseLeadNumber: what a rep types after /lead advance', () => {
  it('takes a full number as the bot made it', () => {
    expect(parseLeadNumber('20231001001')).toBe('20231001001');
  });

  it('takes the shorter numbers of an imported sheet, and any other digit string', () => {
    expect(parseLeadNumber('20231001')).toBe('20231001');
    expect(parseLeadNumber('2023')).toBe('2023');
    expect(parseLeadNumber('7')).toBe('7');
    expect(parseLeadNumber('0042')).toBe('0042');
  });

  it('drops a leading # and surrounding spaces', () => {
    expect(parseLeadNumber('#20231001')).toBe('20231001');
    expect(parseLeadNumber('  20231001001 ')).toBe('20231001001');
  });

  it('takes full-width digits and a full-width ＃ from a Chinese input method', () => {
    expect(parseLeadNumber('２０２３１００１００１')).toBe('20231001001');
    expect(parseLeadNumber('＃２０２３１００１')).toBe('20231001');
  });

  it.each(['abc', '2023100a', 'A20231001', '', '   ', '#', '##20231001', '2023-10-01', '20231001 002', '-1', '1.5', '9'.repeat(33)])(
    'refuses %j as not a lead number, quoting what was typed',
    (input) => {
      const error = thrownBy(() => parseLeadNumber(input));
      expect(error).toBeInstanceOf(InvalidLeadNumber);
      expect(error).toMatchObject({ code: 'invalid_lead_number', input });
    },
  );

  it('accepts numbers up to 32 digits long', () => {
    expect(parseLeadNumber('9'.repeat(32))).toBe('9'.repeat(32));
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('20231001', '20231001')).toBe(0);
    expect(editDistance('2023100', '20231001')).toBe(1);
    expect(editDistance('20231001', '20231002')).toBe(1);
  });

  it('counts swapped digits as two edits', () => {
    expect(editDistance('20231001', '20231010')).toBe(2);
  });
});

describe('closestLeadNumbers: “did you mean …?”', () => {
  const existing = ['20230930', '20231001', '20231001001', '20221001', '20231002', '20231010'];

  it('a rep drops a digit of 20231001 and is offered 20231001 first', () => {
    const suggestions = closestLeadNumbers('2023100', existing);
    expect(suggestions[0]).toBe('20231001');
    expect(suggestions).toEqual(['20231001', '20231002', '20231010']);
  });

  it('puts closer numbers first, and equally close ones in number order', () => {
    expect(closestLeadNumbers('2023100', existing, 10)).toEqual(['20231001', '20231002', '20231010', '20221001']);
    expect(closestLeadNumbers('20231001', existing, 10)).toEqual(['20231001', '20221001', '20231002', '20231010']);
  });

  it('orders equally close numbers by number, whatever order the database returned them in', () => {
    expect(closestLeadNumbers('2023100', ['20231010', '20231002', '20231001'])).toEqual(['20231001', '20231002', '20231010']);
  });

  it('offers at most `limit` numbers, three by default', () => {
    expect(closestLeadNumbers('2023100', existing, 1)).toEqual(['20231001']);
    expect(closestLeadNumbers('2023100', existing)).toHaveLength(3);
  });

  it('does not suggest numbers too far from what was typed', () => {
    expect(closestLeadNumbers('2023100', existing, 10)).not.toContain('20231001001');
    expect(closestLeadNumbers('2023100', existing, 10)).not.toContain('20230930');
    expect(closestLeadNumbers('99999999', existing)).toEqual([]);
  });

  it('tolerates more edits for longer numbers (a quarter of the length, at least two)', () => {
    // Three edits apart: too far for an 8-digit number, close enough for a 10-digit one.
    expect(editDistance('20231001', '20231001001')).toBe(3);
    expect(closestLeadNumbers('20231001', existing, 10)).not.toContain('20231001001');
    expect(editDistance('2023100100', '20221001')).toBe(3);
    expect(closestLeadNumbers('2023100100', existing, 10)).toContain('20221001');
  });

  it('works on any iterable and with no numbers at all', () => {
    expect(closestLeadNumbers('2023100', new Set(['20231001', '55555555']))).toEqual(['20231001']);
    expect(closestLeadNumbers('2023100', [])).toEqual([]);
  });
});
