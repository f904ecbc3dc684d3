import { describe, expect, it } from 'vitest';
import { checkedBatches, FirstLines } from '../../src/app/import-rows.js';

describe('the lines a sheet first gave each lead number on', () => {
  it('remembers each number\'s first line, past many times its first room, runs and scattered numbers alike', () => {
    const lines = new FirstLines();
    const numbers: string[] = [];
    for (let index = 0; index < 20_000; index++) numbers.push(String(20231001000 + index));
    // Scattered numbers, and numbers the size lead numbers reach (15 digits).
    for (let index = 0; index < 20_000; index++) numbers.push(String(100_000_000_000_000 + ((index * 7_919_993) % 899_999_999_999_999)));
    numbers.forEach((number, index) => lines.set(number, index + 2));
    expect(numbers.every((number, index) => lines.get(number) === index + 2)).toBe(true);
    expect(lines.get('20231000999')).toBeUndefined();
    expect(lines.get('1')).toBeUndefined();
  });

  it('tells 0012 from 12, and keeps numbers too long for a double (16 to 32 digits) apart', () => {
    const lines = new FirstLines();
    lines.set('12', 2);
    lines.set('0012', 3);
    lines.set('0', 4);
    lines.set('9007199254740993', 5);
    lines.set('9007199254740992', 6);
    lines.set('12345678901234567890123456789012', 7);
    expect(['12', '0012', '0', '9007199254740993', '9007199254740992', '12345678901234567890123456789012', '012'].map((number) => lines.get(number))).toEqual([2, 3, 4, 5, 6, 7, undefined]);
  });
});

describe('values a sheet has under no header', () => {
  it('are found in blank header cells and past the header\'s end, each batch telling its own', async () => {
    const setup = { columns: { number: 0, name: 2, acquiredAt: 3 }, headers: ['线索编号', '', '线索名称', '获取时间'], timeZone: 'Asia/Shanghai', now: new Date('2026-03-02T01:00:00Z'), callerId: 'U0BOSS', owners: { candidates: [], mapping: [], idsAsWritten: true } };
    const rows = [
      { line: 2, cells: ['1', '', 'Acme', '2026-01-05'] },
      { line: 3, cells: ['2', ' ', 'Globex', '2026-01-05', '', 'a note'] },
      { line: 4, cells: ['3', 'x', 'Initech', '2026-01-05'] },
    ];
    const batches = [];
    for await (const batch of checkedBatches(rows, setup, { batchRows: 2 })) batches.push(batch.unnamedColumns);
    expect(batches).toEqual([[5], [1]]);
  });
});
