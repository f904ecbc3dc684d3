import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { sheetDelimiter } from '../domain/lead-sheet.js';

export type SheetEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface SheetRow {
  /** The file's line the row starts on (the header is line 1), as an editor or Excel shows it when no cell spans lines. */
  line: number;
  cells: string[];
}

export interface CsvSheet {
  encoding: SheetEncoding;
  delimiter: ',' | ';' | '\t';
  headers: string[];
  rows: SheetRow[];
}

/** The file is not a sheet we can read: an unclosed quote, no header line. */
export class UnreadableSheet extends Error {
  readonly code = 'unreadable_sheet';
}

/**
 * Which encoding a sheet is in. A BOM says so outright (Excel's "CSV UTF-8" and "Unicode
 * text"). Without one, strict UTF-8 decides: GBK/GB18030 text of real Chinese words is
 * almost never valid UTF-8, so a clean decode is UTF-8 and a failed one is what Chinese
 * Excel saves by default. That is exact where a statistical guess (chardet) on a short
 * sheet of a few names mistakes GBK for Big5 or Shift_JIS.
 */
export function sheetEncoding(bytes: Uint8Array): { encoding: SheetEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

/** How far down a sheet its header row is looked for. */
const HEADER_SEARCH_ROWS = 5;

/** A CSV, semicolon or tab separated sheet, in any encoding sheetEncoding knows, as a header and rows of text cells. */
export function readCsvSheet(bytes: Uint8Array, options: { isHeader?: (cells: readonly string[]) => boolean } = {}): CsvSheet {
  const { encoding, bomLength } = sheetEncoding(bytes);
  const text = iconv.decode(Buffer.from(bytes.subarray(bomLength)), encoding);
  // A few lines, not only the first: a title row above the headers ("线索跟踪表") may have no separator at all.
  const delimiter = sheetDelimiter(text.split(/\r?\n/, HEADER_SEARCH_ROWS).join('\n'));
  // csv-parse counts its offsets in UTF-8 bytes, so it reads bytes we can slice by those offsets.
  const utf8 = Buffer.from(text, 'utf8');
  let records: Array<{ record: string[]; info: { bytes: number } }>;
  try {
    records = parse(utf8, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    throw new UnreadableSheet((error as Error).message);
  }
  if (records.length === 0) throw new UnreadableSheet('the file is empty');
  // Sheets often carry a title or a note above the headers; the header row is the first the caller recognizes.
  const headerIndex = Math.max(0, records.slice(0, HEADER_SEARCH_ROWS).findIndex((record) => options.isHeader?.(record.record) ?? true));
  const header = records[headerIndex]!;
  const body = records.slice(headerIndex + 1);
  const rows: SheetRow[] = [];
  // Lines are counted from where each record starts: csv-parse's own line count takes a
  // CRLF inside a quoted cell for two lines.
  let offset = header.info.bytes;
  let line = 1 + lineBreaks(utf8.toString('utf8', 0, offset));
  for (const { record, info } of body) {
    const raw = utf8.toString('utf8', offset, info.bytes);
    const start = line + lineBreaks(/^(?:[ \t]*(?:\r\n|\n|\r))*/.exec(raw)![0]);
    line += lineBreaks(raw);
    offset = info.bytes;
    if (record.every((cell) => !cell.trim())) continue;
    // A line break typed in a cell is one \n wherever the file was saved, as Slack and the database keep it.
    rows.push({ line: start, cells: record.map((cell) => cell.replace(/\r\n?/g, '\n')) });
  }
  return { encoding, delimiter, headers: header.record.map((cell) => cell.trim()), rows };
}

function lineBreaks(text: string): number {
  return text.match(/\r\n|\n|\r/g)?.length ?? 0;
}
