import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnreadableSheet } from '../../src/sheets/csv-sheet.js';
import { readSheetFile } from '../../src/sheets/read-sheet.js';
import { isDateFormatCode, isZipFile, openXlsxSheet, readXlsxSheet, serialDate, StringTable, wallClock, xlsxRows } from '../../src/sheets/xlsx-sheet.js';
import { isHeaderRow, parseSheetTime } from '../../src/domain/lead-sheet.js';

/** A workbook as Excel saves one, built in memory with exceljs's ordinary (non-streaming) writer. */
async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('an Excel workbook as a team keeps its tracking sheet', () => {
  it('reads the first of several sheets every time, a workbook after another', async () => {
    // exceljs's streaming reader, used before, lost the workbook's last parts every few
    // hundred workbooks ("reading 'sheets'"), and could end the process with an unhandled
    // error from a sheet it had parked in a temp file. A bot reads workbook after workbook.
    const bytes = await workbook((book) => {
      book.addWorksheet('线索跟踪表').addRow(['线索编号', '线索名称']);
      book.getWorksheet('线索跟踪表')!.addRow([20231001, '某教育科技公司']);
      book.addWorksheet('Notes').addRow(['nothing here']);
    });
    const failures: string[] = [];
    for (let read = 0; read < 600; read += 1) {
      await readXlsxSheet(bytes).then(
        (sheet) => { if (sheet.rows.length !== 1) failures.push(`read ${read}: ${sheet.rows.length} rows`); },
        (error: Error) => failures.push(`read ${read}: ${error.message}`),
      );
    }
    expect(failures).toEqual([]);
  });

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

  it('reads a workbook as other tools write it: prefixed XML, inline and phonetic text, booleans, errors, ISO dates, the 1904 system', async () => {
    // Written part by part as WPS, LibreOffice and older Excel builds do, the workbook last.
    const zip = new JSZip();
    const main = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/book.xml"/></Relationships>');
    zip.file('xl/_rels/book.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="sheets/first.xml"/><Relationship Id="s2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/><Relationship Id="s3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>');
    zip.file('xl/strings.xml', `\uFEFF<?xml version="1.0"?><x:sst ${main}><x:si><x:t>线索编号</x:t></x:si><x:si><x:r><x:t>线索</x:t></x:r><x:r><x:t>名称</x:t></x:r><x:rPh sb="0" eb="2"><x:t>せんさく</x:t></x:rPh></x:si><x:si><x:t><![CDATA[A&B <Co>]]></x:t></x:si></x:sst>`);
    zip.file('xl/styles.xml', `<?xml version="1.0"?><x:styleSheet ${main}><x:numFmts count="1"><x:numFmt numFmtId="180" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></x:numFmts><x:cellStyleXfs count="1"><x:xf numFmtId="180"/></x:cellStyleXfs><x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="180"/><x:xf numFmtId="4"/></x:cellXfs></x:styleSheet>`);
    zip.file('xl/sheets/first.xml', `<?xml version="1.0"?><x:worksheet ${main}><x:sheetData>
      <x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>获取时间</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>备注</x:t></x:is></x:c></x:row>
      <x:row r="3"><x:c r="A3"><x:v>20231001</x:v></x:c><x:c r="B3" t="s"><x:v>2</x:v></x:c><x:c r="C3" s="1"><x:v>43738</x:v></x:c><x:c r="E3" t="b"><x:v>1</x:v></x:c><x:c r="F3" t="e"><x:v>#N/A</x:v></x:c></x:row>
      <x:row r="4"><x:c r="A4" s="2"><x:v>20231002</x:v></x:c><x:c r="C4" t="d"><x:v>2023-10-03T14:30:00</x:v></x:c><x:c r="D4" t="str"><x:f>A1&amp;"x"</x:f><x:v>line one&#13;&#10;line two</x:v></x:c></x:row>
      <x:row r="5"><x:c r="A5" t="s"/><x:c r="B5"><x:v></x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`);
    zip.file('xl/book.xml', `<?xml version="1.0"?><x:workbook ${main}><x:workbookPr date1904="1"/><x:sheets><x:sheet name="跟踪表" sheetId="7" r:id="s1"/></x:sheets></x:workbook>`);
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });

    const sheet = await readXlsxSheet(bytes);
    expect(sheet.sheetNames).toEqual(['跟踪表']);
    expect(sheet.headers).toEqual(['线索编号', '线索名称', '获取时间', '备注']);
    expect(sheet.rows).toEqual([
      // 43738 in the 1904 system is 2023-10-01, shown in a 年月日 format.
      { line: 3, cells: ['20231001', 'A&B <Co>', '2023-10-01', '', 'TRUE', '#N/A'] },
      { line: 4, cells: ['20231002', '', '2023-10-03 14:30', 'line one\nline two'] },
    ]);
    // Four <x:row> tags, the header's among them: three under it, the blank one counted.
    expect(await (await openXlsxSheet(bytes)).countRows()).toBe(3);
  });

  it('streams a big sheet from its file: read twice alike, from plain data alike, its rows counted before they are read', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'leadops-xlsx-')), 'big.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
    const sheet = book.addWorksheet('线索跟踪表');
    sheet.addRow(['销售线索转化跟踪表']).commit();
    sheet.addRow(['线索编号', '线索名称', '获取时间']).commit();
    for (let index = 0; index < 20_000; index += 1) {
      const row = sheet.addRow([20230000000 + index, `客户${index}`, new Date(Date.UTC(2023, 0, 1) + index * 60_000), index === 7 ? 'a note without a header' : null]);
      row.getCell(3).numFmt = 'yyyy-mm-dd hh:mm';
      row.commit();
    }
    sheet.commit();
    await book.commit();

    const opened = await openXlsxSheet(file, { isHeader: isHeaderRow });
    expect(opened.headers).toEqual(['线索编号', '线索名称', '获取时间']);
    // The sheet's XML is megabytes, read in many chunks: no row tag is lost between two.
    expect(await opened.countRows()).toBe(20_000);
    const read = async () => {
      const rows = [];
      for await (const row of opened.rows()) rows.push(row);
      return rows;
    };
    const first = await read();
    expect(first).toHaveLength(20_000);
    expect(first[0]).toEqual({ line: 3, cells: ['20230000000', '客户0', '2023-01-01'] });
    expect(first[19_999]).toEqual({ line: 20_002, cells: ['20230019999', '客户19999', '2023-01-14 21:19'] });
    expect(await read()).toEqual(first);
    // From plain data, as a thread of its own reads it.
    expect(opened.source).toMatchObject({ file, sheet: '线索跟踪表', headerLine: 2 });
    const fromSource = [];
    for await (const row of xlsxRows(opened.source!)) fromSource.push(row);
    expect(fromSource).toEqual(first);
  });

  it('keeps a workbook\'s shared strings as their bytes, every one given back as it was, past many times its first room', () => {
    const table = new StringTable();
    const texts = Array.from({ length: 5000 }, (_, index) => (index % 3 === 0 ? `教育客户${index}号有限公司` : index % 3 === 1 ? '' : `Acme ${index} 🚀 Ltd`));
    for (const text of texts) table.push(text);
    expect(table.size).toBe(5000);
    expect(texts.every((text, index) => table.get(index) === text)).toBe(true);
    for (const missing of [-1, 5000, 1.5, Number.NaN]) expect(table.get(missing)).toBeUndefined();
  });

  it('refuses a workbook that unpacks to more than it may, by the zip\'s own count, before reading its sheet', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('线索跟踪表');
      sheet.addRow(['线索编号', '线索名称']);
      for (let index = 0; index < 20_000; index += 1) sheet.addRow([20230000000 + index, '同一家公司']);
    });
    // A few hundred KB of zip, megabytes of XML: what a zip bomb is, in small.
    expect(bytes.length).toBeLessThan(1024 * 1024);
    await expect(readXlsxSheet(bytes, { maxUnpackedBytes: 1024 * 1024 })).rejects.toThrow(/^the workbook unpacks to \d+ MB, over the 1 MB read here; save it as CSV, or import it with `leadops import` where the bot runs$/);
    await expect(readXlsxSheet(bytes, { maxUnpackedBytes: 1024 * 1024 })).rejects.toBeInstanceOf(UnreadableSheet);
    expect((await readXlsxSheet(bytes, { maxUnpackedBytes: 64 * 1024 * 1024 })).rows).toHaveLength(20_000);
  });

  it('rounds a time Excel stored a hair early to its minute', () => {
    expect(wallClock(new Date(Date.UTC(2023, 9, 1, 14, 29, 59, 999)))).toBe('2023-10-01 14:30');
    expect(wallClock(new Date(Date.UTC(2023, 9, 1, 23, 59, 59, 999)))).toBe('2023-10-02');
    // 45200.604166… is 14:30 on 2023-10-01 as Excel stores it, a float a hair short.
    expect(wallClock(serialDate(45200 + (14.5 / 24) - 1e-9))).toBe('2023-10-01 14:30');
  });

  it('counts serial days as Excel does, in the 1900 system (with its 29 February 1900) and the 1904 one', () => {
    expect(wallClock(serialDate(1))).toBe('1900-01-01');
    expect(wallClock(serialDate(59))).toBe('1900-02-28');
    expect(wallClock(serialDate(61))).toBe('1900-03-01');
    expect(wallClock(serialDate(45200))).toBe('2023-10-01');
    expect(wallClock(serialDate(0, true))).toBe('1904-01-01');
    expect(wallClock(serialDate(43738, true))).toBe('2023-10-01');
  });

  it('tells a date format from a number format by its code, quoted text and [colours] aside', () => {
    for (const code of ['yyyy-mm-dd hh:mm', 'yyyy"年"m"月"d"日"', '[$-804]yyyy/m/d', 'm/d/yy;@', '[h]:mm:ss', 'hh:mm AM/PM', 'dd-mmm']) expect(isDateFormatCode(code), code).toBe(true);
    for (const code of ['General', '#,##0.00', '"¥"#,##0;[Red]-"¥"#,##0', '0.00E+00', '@', '#,##0 "days"', '[$¥-804]#,##0.00', '0%', '_(* #,##0_)']) expect(isDateFormatCode(code), code).toBe(false);
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
