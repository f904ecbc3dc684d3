import path from 'node:path';
import { readCsvSheet, UnreadableSheet, type CsvSheet } from './csv-sheet.js';
import { isZipFile, readXlsxSheet, type XlsxSheet } from './xlsx-sheet.js';

/** A sheet file of either kind a team brings: what was read, and how, for the report's first line. */
export type SheetFile = ({ format: 'csv' } & CsvSheet) | ({ format: 'xlsx' } & XlsxSheet);

const XLSX_EXTENSIONS = new Set(['.xlsx', '.xlsm']);

/**
 * Which kind of sheet a file is. The name's extension says, and where it does not (a Slack
 * upload named "export", a download saved as .csv), the first bytes do: a workbook is a
 * zip archive and no CSV starts like one.
 */
export function sheetFormatOf(fileName: string, head: Uint8Array, sheet?: string): SheetFile['format'] {
  const extension = path.extname(fileName).toLowerCase();
  if (XLSX_EXTENSIONS.has(extension) || isZipFile(head)) return 'xlsx';
  if (extension === '.xls') throw new UnreadableSheet('an .xls workbook (Excel 97–2003): save it as .xlsx or CSV first');
  if (sheet !== undefined) throw new UnreadableSheet('a CSV file has one sheet: --sheet is for .xlsx workbooks');
  return 'csv';
}

/** Reads a tracking sheet as CSV or as an Excel workbook, whichever sheetFormatOf finds it is. */
export async function readSheetFile(bytes: Uint8Array, options: { fileName?: string; sheet?: string; isHeader?: (cells: readonly string[]) => boolean; /** A workbook's limit (readXlsxSheet). */ maxUnpackedBytes?: number } = {}): Promise<SheetFile> {
  if (sheetFormatOf(options.fileName ?? '', bytes, options.sheet) === 'xlsx') return { format: 'xlsx', ...(await readXlsxSheet(bytes, options)) };
  return { format: 'csv', ...readCsvSheet(bytes, options) };
}
