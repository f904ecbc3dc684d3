import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsvSheet, sheetEncoding, UnreadableSheet } from '../../src/sheets/csv-sheet.js';
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

  it('takes GBK for GBK even when the sheet is a few short names', () => {
    expect(sheetEncoding(iconv.encode('编号,名称\n1,李雷', 'gbk')).encoding).toBe('gb18030');
    expect(sheetEncoding(Buffer.from('number,name\n1,Acme')).encoding).toBe('utf-8');
  });

  it('refuses a file it cannot parse, or an empty one', () => {
    expect(thrownBy(() => readCsvSheet(Buffer.from('number,name\n1,"unclosed\n')))).toBeInstanceOf(UnreadableSheet);
    expect(thrownBy(() => readCsvSheet(Buffer.from('')))).toBeInstanceOf(UnreadableSheet);
  });
});
