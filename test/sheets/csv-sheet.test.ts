import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { isHeaderRow } from '../../src/domain/lead-sheet.js';
import { openCsvSheet, readCsvSheet, sheetEncoding, UnreadableSheet, type CsvSheetFile } from '../../src/sheets/csv-sheet.js';
import { thrownBy } from '../domain/thrown.js';

const SHEET = '线索编号,线索名称,备注\r\n20231001,某教育科技公司,"第一行\n第二行"\r\n\r\n20231002,某制造企业,\r\n';

describe('a CSV file as Excel saves it', () => {
  it('is read the same in UTF-8, UTF-8 with a BOM, GB18030 and UTF-16 with a BOM', () => {
    const files = {
      'utf-8': Buffer.from(SHEET),
      bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SHEET)]),
      gb18030: iconv.encode(SHEET, 'gb18030'),
      'utf-16le': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SHEET, 'utf-16le')]),
    };
    for (const [kind, bytes] of Object.entries(files)) {
      const sheet = readCsvSheet(bytes);
      expect(sheet.encoding, kind).toBe(kind === 'bom' ? 'utf-8' : kind);
      expect(sheet.headers).toEqual(['线索编号', '线索名称', '备注']);
      // Lines as the file has them: the quoted cell spans two, the blank line counts.
      expect(sheet.rows).toEqual([
        { line: 2, cells: ['20231001', '某教育科技公司', '第一行\n第二行'] },
        { line: 5, cells: ['20231002', '某制造企业', ''] },
      ]);
    }
  });

  it('finds the header row under a title the team put above it, and the separator despite the title', () => {
    const sheet = readCsvSheet(Buffer.from('2023年10月 线索转化跟踪表\n\n线索编号\t线索名称\t获取时间\n20231001\t某教育科技公司\t2023-10-01\n'), { isHeader: isHeaderRow });
    expect(sheet).toMatchObject({ delimiter: '\t', headers: ['线索编号', '线索名称', '获取时间'], rows: [{ line: 4, cells: ['20231001', '某教育科技公司', '2023-10-01'] }] });
    // Without a recognizable header row the first row stands, so the report can show what was found.
    expect(readCsvSheet(Buffer.from('a,b\n1,2\n'), { isHeader: isHeaderRow }).headers).toEqual(['a', 'b']);
  });

  it('takes GBK for GBK even when the sheet is a few short names', () => {
    expect(sheetEncoding(iconv.encode('编号,名称\n1,李雷', 'gbk')).encoding).toBe('gb18030');
    expect(sheetEncoding(Buffer.from('number,name\n1,Acme')).encoding).toBe('utf-8');
  });

  it('refuses a file it cannot parse, or an empty one', () => {
    expect(thrownBy(() => readCsvSheet(Buffer.from('number,name\n1,"unclosed\n')))).toBeInstanceOf(UnreadableSheet);
    expect(thrownBy(() => readCsvSheet(Buffer.from('')))).toBeInstanceOf(UnreadableSheet);
  });
});

describe('a CSV file read a chunk at a time', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'leadops-csv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const saved = (name: string, bytes: Buffer) => {
    writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  };
  const rowsOf = async (sheet: CsvSheetFile) => {
    const rows = [];
    for await (const row of sheet.rows()) rows.push(row);
    return rows;
  };

  it('reads what readCsvSheet reads, line numbers and all, in every encoding, and again on a second pass', async () => {
    const titled = '2023年10月 线索转化跟踪表\r\n\r\n' + SHEET + '20231003,,,"多出来的"\r\n';
    const files = {
      'utf-8': Buffer.from(titled),
      bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(titled)]),
      gb18030: iconv.encode(titled, 'gb18030'),
      'utf-16le': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(titled, 'utf-16le')]),
    };
    for (const [kind, bytes] of Object.entries(files)) {
      const whole = readCsvSheet(bytes, { isHeader: isHeaderRow });
      const sheet = await openCsvSheet(saved(`${kind}.csv`, bytes), { isHeader: isHeaderRow });
      expect({ kind, encoding: sheet.encoding, delimiter: sheet.delimiter, headers: sheet.headers }).toEqual({ kind, encoding: whole.encoding, delimiter: whole.delimiter, headers: whole.headers });
      expect(await rowsOf(sheet)).toEqual(whole.rows);
      expect(await rowsOf(sheet)).toEqual(whole.rows);
      expect(sheet.rowCount).toBe(3);
      expect([...sheet.columnsWithValues].sort()).toEqual([0, 1, 2, 3]);
    }
  });

  it('reads a sheet of many chunks as readCsvSheet does, and tells how much of the file it has read', async () => {
    const lines = ['线索编号,线索名称,备注'];
    for (let i = 0; i < 30_000; i++) lines.push(`${20_230_000 + i},公司${i},"备注${i}\r\n第二行"`);
    const bytes = iconv.encode(lines.join('\r\n'), 'gb18030');
    const sheet = await openCsvSheet(saved('big.csv', bytes), { isHeader: isHeaderRow });
    const read: number[] = [];
    const rows = [];
    for await (const row of sheet.rows((bytesRead) => read.push(bytesRead))) rows.push(row);
    expect(rows).toEqual(readCsvSheet(bytes, { isHeader: isHeaderRow }).rows);
    expect(rows.at(-1)).toEqual({ line: 60_000, cells: ['20259999', '公司29999', '备注29999\n第二行'] });
    expect(read.length).toBeGreaterThan(1);
    expect(read.at(-1)).toBe(bytes.length);
  });

  it('refuses a file that does not parse to its end before giving a row, or an empty one', async () => {
    await expect(openCsvSheet(saved('unclosed.csv', Buffer.from(`number,name\n${'1,Acme\n'.repeat(5000)}2,"unclosed\n`)))).rejects.toBeInstanceOf(UnreadableSheet);
    await expect(openCsvSheet(saved('empty.csv', Buffer.from('')))).rejects.toBeInstanceOf(UnreadableSheet);
  });
});
