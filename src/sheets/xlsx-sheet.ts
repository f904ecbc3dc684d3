import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { UnreadableSheet, type SheetRow } from './csv-sheet.js';

export interface XlsxSheet {
  /** The worksheet read: the first one, or the one asked for by name. */
  sheetName: string;
  sheetNames: string[];
  headers: string[];
  rows: SheetRow[];
}

/** How far down a sheet its header row is looked for, as readCsvSheet does. */
const HEADER_SEARCH_ROWS = 5;

/** Every .xlsx (and .xlsm, .docx…) is a zip archive: its first bytes are a zip's local file header. */
export function isZipFile(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * A worksheet of an Excel workbook as a header and rows of text cells, the shape
 * readCsvSheet gives, so one importer reads both. exceljs's streaming reader parses the
 * sheet row by row from the zip instead of building the whole workbook's object model,
 * which for a sheet of 100k rows is gigabytes. A row's line is its row number in Excel.
 */
export async function readXlsxSheet(input: Uint8Array | string, options: { sheet?: string; isHeader?: (cells: readonly string[]) => boolean } = {}): Promise<XlsxSheet> {
  const stream = typeof input === 'string' ? input : Readable.from([Buffer.from(input.buffer, input.byteOffset, input.byteLength)]);
  // Styles are what tell a date cell from a number: without them 2023-10-01 reads as 45200.
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const sheetNames: string[] = [];
  let chosen: { name: string; rows: SheetRow[] } | undefined;
  try {
    for await (const worksheet of workbook) {
      const name = (worksheet as unknown as { name: string }).name;
      sheetNames.push(name);
      if (chosen || (options.sheet !== undefined && name !== options.sheet)) continue;
      const rows: SheetRow[] = [];
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        // exceljs counts cells from 1, as Excel does: index 0 is always empty.
        const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, index) => cellText(values[index + 1]));
        if (cells.every((cell) => !cell.trim())) continue;
        rows.push({ line: row.number, cells });
      }
      chosen = { name, rows };
    }
  } catch (error) {
    throw new UnreadableSheet(`not an Excel workbook we can read (${(error as Error).message})`);
  }
  if (!chosen) throw new UnreadableSheet(options.sheet !== undefined ? `the workbook has no sheet "${options.sheet}"; its sheets are: ${sheetNames.map((name) => `"${name}"`).join(', ')}` : 'the workbook has no sheet');
  if (chosen.rows.length === 0) throw new UnreadableSheet(`the sheet "${chosen.name}" is empty`);
  const headerIndex = Math.max(0, chosen.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((row) => options.isHeader?.(row.cells) ?? true));
  return { sheetName: chosen.name, sheetNames, headers: chosen.rows[headerIndex]!.cells.map((cell) => cell.trim()), rows: chosen.rows.slice(headerIndex + 1) };
}

/**
 * A cell as the text the sheet's parsers read (src/domain/lead-sheet.ts). A date cell
 * holds a wall clock with no zone (exceljs gives it as that clock in UTC): written as
 * `yyyy-MM-dd HH:mm`, it is read in the team's zone like a typed date. Excel keeps times
 * as fractions of a day, so 14:30 may come back as 14:29:59.999: rounded to the minute.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n');
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : wallClock(value);
  if (typeof value === 'object') {
    const cell = value as { richText?: Array<{ text: string }>; formula?: string; sharedFormula?: string; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(cell.richText)) return cell.richText.map((run) => run.text).join('').replace(/\r\n?/g, '\n');
    if ('result' in cell || cell.formula !== undefined || cell.sharedFormula !== undefined) return cellText(cell.result);
    if ('text' in cell) return cellText(cell.text);
    if (cell.error !== undefined) return cell.error;
  }
  return String(value);
}

function wallClock(date: Date): string {
  const minute = new Date(Math.round(date.getTime() / 60_000) * 60_000);
  const two = (part: number) => String(part).padStart(2, '0');
  const day = `${minute.getUTCFullYear()}-${two(minute.getUTCMonth() + 1)}-${two(minute.getUTCDate())}`;
  return minute.getUTCHours() === 0 && minute.getUTCMinutes() === 0 ? day : `${day} ${two(minute.getUTCHours())}:${two(minute.getUTCMinutes())}`;
}
