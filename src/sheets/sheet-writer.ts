import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { csvCellText, type ExportCell } from '../domain/lead-sheet-export.js';

/** A column of a sheet to write: its header, and how a workbook shows its cells. */
export interface SheetColumnOut {
  header: string;
  format?: 'time' | 'money';
  width?: number;
}

/**
 * Writes a sheet as CSV, row by row as the pages come: csv-stringify quotes what needs
 * quoting, and the stream's backpressure keeps a slow reader from filling memory. UTF-8
 * with a BOM, since without one Excel opens UTF-8 as the system's code page and 中文
 * comes out garbled. `end: false` leaves `out` open (stdout).
 */
export async function writeCsvSheet(columns: readonly SheetColumnOut[], pages: AsyncIterable<ExportCell[][]>, out: Writable, options: { end?: boolean } = {}): Promise<void> {
  async function* records() {
    yield columns.map((column) => column.header);
    for await (const page of pages) for (const row of page) yield row.map(csvCellText);
  }
  await pipeline(Readable.from(records()), stringify({ bom: true, record_delimiter: 'windows' }), out, { end: options.end ?? true });
}

const FORMATS = { time: 'yyyy-mm-dd hh:mm', money: '#,##0.00' } as const;

/**
 * Writes a sheet as an .xlsx workbook with exceljs's streaming writer: each row is
 * committed to the zip as it is added, so the workbook is never held whole. Times are
 * date cells (their wall clock in the team's zone, as Excel keeps dates, without a zone),
 * amounts and counts are numbers. The workbook ends `out`.
 */
export async function writeXlsxSheet(columns: readonly SheetColumnOut[], pages: AsyncIterable<ExportCell[][]>, out: Writable, options: { sheetName: string }): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const worksheet = workbook.addWorksheet(options.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = columns.map((column) => ({ width: column.width ?? (column.format === 'time' ? 17 : 14), ...(column.format ? { style: { numFmt: FORMATS[column.format] } } : {}) }));
  worksheet.addRow(columns.map((column) => column.header)).commit();
  for await (const page of pages) {
    for (const row of page) worksheet.addRow(row.map(xlsxValue)).commit();
    await zipCaughtUp(worksheet);
  }
  worksheet.commit();
  await workbook.commit();
}

/**
 * exceljs's streaming writer hands each committed row's XML to the zip at once and ignores
 * backpressure (its StreamBuf "won't" return false), so rows made faster than deflate
 * packs them pile up in memory: 1.1 GB for a million leads. Waiting for the zip entry's
 * stream to drain after each page keeps it to a page.
 */
async function zipCaughtUp(worksheet: ExcelJS.Worksheet): Promise<void> {
  // The entry is readable-stream 2's PassThrough (archiver's), which has no writableNeedDrain: its state says it.
  const entry = (worksheet as unknown as { stream?: { pipes?: Array<Writable & { _writableState?: { needDrain?: boolean } }> } }).stream?.pipes?.[0];
  if (entry?._writableState?.needDrain) await once(entry, 'drain');
}

function xlsxValue(cell: ExportCell): string | number | Date | null {
  if (cell === undefined) return null;
  if (cell.kind === 'time') return cell.wallClock;
  if (cell.kind === 'number') return cell.value;
  return cell.text;
}
