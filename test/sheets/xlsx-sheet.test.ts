import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UnreadableSheet } from '../../src/sheets/csv-sheet.js';
import { readSheetFile } from '../../src/sheets/read-sheet.js';
import { cellText, isZipFile, readXlsxSheet } from '../../src/sheets/xlsx-sheet.js';
import { isHeaderRow, parseSheetTime } from '../../src/domain/lead-sheet.js';

/** A workbook as Excel saves one, built in memory with exceljs's ordinary (non-streaming) writer. */
async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('an Excel workbook as a team keeps its tracking sheet', () => {
  it('reads date cells as the wall clock typed, numbers, rich text, formulas by their result, under a title row', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('线索跟踪表');
      sheet.addRow(['销售线索转化跟踪表']);
      sheet.addRow(['线索编号', '线索名称', '获取时间', '成交金额(元)', '备注', '获客成本(元)']);
      // Excel keeps 14:30 as a fraction of a day; exceljs hands the clock over as UTC.
      const typed = sheet.addRow([20231001, { richText: [{ text: '某教育' }, { text: '科技公司', font: { bold: true } }] }, new Date(Date.UTC(2023, 9, 1, 14, 30)), 50000, 'line one\r\nline two', { formula: 'B9*2', result: 1200 }]);
      typed.getCell(3).numFmt = 'yyyy-mm-dd hh:mm';
      sheet.addRow([]);
      sheet.addRow([20231002, '某制造企业', new Date(Date.UTC(2023, 9, 3)), { formula: 'UPPER("seo")', result: 'SEO' }, { text: 'site', hyperlink: 'https://example.com' }]);
      book.addWorksheet('Notes').addRow(['nothing here']);
    });
    expect(isZipFile(bytes)).toBe(true);
    const sheet = await readXlsxSheet(bytes, { isHeader: isHeaderRow });
    expect(sheet.sheetName).toBe('线索跟踪表');
    expect(sheet.sheetNames).toEqual(['线索跟踪表', 'Notes']);
    expect(sheet.headers).toEqual(['线索编号', '线索名称', '获取时间', '成交金额(元)', '备注', '获客成本(元)']);
    expect(sheet.rows).toEqual([
      { line: 3, cells: ['20231001', '某教育科技公司', '2023-10-01 14:30', '50000', 'line one\nline two', '1200'] },
      { line: 5, cells: ['20231002', '某制造企业', '2023-10-03', 'SEO', 'site'] },
    ]);
    // The text is what the sheet's parser reads in the team's zone: 14:30 in Shanghai.
    expect(parseSheetTime(sheet.rows[0]!.cells[2]!, 'Asia/Shanghai')).toEqual({ ok: true, value: new Date('2023-10-01T06:30:00Z') });
  });

  it('rounds a time Excel stored a hair early to its minute', () => {
    expect(cellText(new Date(Date.UTC(2023, 9, 1, 14, 29, 59, 999)))).toBe('2023-10-01 14:30');
    expect(cellText(new Date(Date.UTC(2023, 9, 1, 23, 59, 59, 999)))).toBe('2023-10-02');
  });

  it('reads the sheet asked for by name, and names the sheets there are when it is not there', async () => {
    const bytes = await workbook((book) => {
      book.addWorksheet('Summary').addRow(['total', 2]);
      const leads = book.addWorksheet('Leads');
      leads.addRow(['number', 'name']);
      leads.addRow(['1', 'Acme']);
    });
    expect((await readSheetFile(bytes, { sheet: 'Leads' })).rows).toEqual([{ line: 2, cells: ['1', 'Acme'] }]);
    await expect(readXlsxSheet(bytes, { sheet: 'Leeds' })).rejects.toThrow('the workbook has no sheet "Leeds"; its sheets are: "Summary", "Leads"');
  });

  it('tells a workbook from a CSV by its bytes whatever its name says, and refuses a broken one', async () => {
    const bytes = await workbook((book) => book.addWorksheet('S').addRow(['number', 'name']));
    expect((await readSheetFile(bytes, { fileName: 'download.csv' })).format).toBe('xlsx');
    expect((await readSheetFile(Buffer.from('number,name\n1,Acme\n'), { fileName: 'leads.csv' })).format).toBe('csv');
    await expect(readSheetFile(Buffer.from('number,name\n'), { fileName: 'leads.csv', sheet: 'Leads' })).rejects.toBeInstanceOf(UnreadableSheet);
    await expect(readSheetFile(bytes.subarray(0, 200), { fileName: 'cut.xlsx' })).rejects.toBeInstanceOf(UnreadableSheet);
  });
});
