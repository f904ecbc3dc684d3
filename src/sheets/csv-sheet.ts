import { once } from 'node:events';
import { createReadStream, statSync, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
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
    records = parseSync(utf8, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
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

/** A sheet read from its file a chunk at a time: what readCsvSheet gives, without the rows held in memory. */
export interface CsvSheetFile {
  encoding: SheetEncoding;
  delimiter: ',' | ';' | '\t';
  headers: string[];
  /** Rows under the header, counted by the pass that checked the whole file parses. */
  rowCount: number;
  /** Columns (0-based) where some row has a value: the report names those under no header. */
  columnsWithValues: ReadonlySet<number>;
  /** The rows, read afresh from the file each time; `onBytes` hears how much of the file is read. */
  rows(onBytes?: (read: number, size: number) => void): AsyncIterable<SheetRow>;
  /** Where and how the rows are read, as plain data: csvRows(source) reads them anywhere, a worker thread too. */
  source: CsvSource;
}

/** A CSV sheet's file as openCsvSheet found it: enough to read its rows again without looking at the file first. */
export interface CsvSource {
  file: string;
  size: number;
  encoding: SheetEncoding;
  bomLength: number;
  delimiter: ',' | ';' | '\t';
  /** Records above the first row: the header and whatever title stands above it. */
  skip: number;
}

/** The rows under a CSV sheet's header, read from its file a chunk at a time. */
export async function* csvRows(source: CsvSource, onBytes?: (read: number, size: number) => void): AsyncGenerator<SheetRow> {
  let index = 0;
  for await (const { record, line } of lineRecords(source.file, source.encoding, source.bomLength, source.delimiter, source.size, onBytes)) {
    if (index++ < source.skip) continue;
    if (record.every((cell) => !cell.trim())) continue;
    yield { line, cells: record.map((cell) => cell.replace(/\r\n?/g, '\n')) };
  }
}

const CHUNK_BYTES = 1 << 20;

/**
 * readCsvSheet for a sheet too big to hold: the same encoding, separator, header and line
 * rules, in memory flat in the file's size. The file is read through once on opening, to
 * know its encoding (strict UTF-8 over all of it, as sheetEncoding decides), that it
 * parses to the end (so an unclosed quote on the last line refuses the file before any
 * row is written) and how many rows it has; then once more for each pass over the rows.
 */
export async function openCsvSheet(file: string, options: { isHeader?: (cells: readonly string[]) => boolean } = {}): Promise<CsvSheetFile> {
  const { size } = statSync(file);
  const { encoding, bomLength } = await fileEncoding(file);
  let firstText = '';
  for await (const text of decodedText(file, encoding, bomLength, 64 * 1024)) {
    firstText += text;
    if (firstText.split(/\r?\n/).length > HEADER_SEARCH_ROWS || firstText.length >= 64 * 1024) break;
  }
  const delimiter = sheetDelimiter(firstText.split(/\r?\n/, HEADER_SEARCH_ROWS).join('\n'));
  const records = (onBytes?: (read: number, size: number) => void) => lineRecords(file, encoding, bomLength, delimiter, size, onBytes);

  // The first pass: the header, that every record parses, how many rows, where values are.
  const early: string[][] = [];
  let rowCount = 0;
  const columnsWithValues = new Set<number>();
  const countRow = (record: string[]) => {
    if (record.every((cell) => !cell.trim())) return;
    rowCount++;
    record.forEach((cell, index) => {
      if (cell.trim()) columnsWithValues.add(index);
    });
  };
  for await (const { record } of records()) {
    // The header is among the first few records; whatever comes after them is a row.
    if (early.length < HEADER_SEARCH_ROWS) early.push(record);
    else countRow(record);
  }
  if (early.length === 0) throw new UnreadableSheet('the file is empty');
  // Sheets often carry a title or a note above the headers; without a recognizable header row the first row stands.
  const headerIndex = Math.max(0, early.findIndex((record) => options.isHeader?.(record) ?? true));
  for (const record of early.slice(headerIndex + 1)) countRow(record);
  const source: CsvSource = { file, size, encoding, bomLength, delimiter, skip: headerIndex + 1 };
  return {
    encoding,
    delimiter,
    headers: early[headerIndex]!.map((cell) => cell.trim()),
    rowCount,
    columnsWithValues,
    rows: (onBytes) => csvRows(source, onBytes),
    source,
  };
}

/** sheetEncoding over a whole file without holding it: a BOM, or whether all of it is strict UTF-8. */
async function fileEncoding(file: string): Promise<{ encoding: SheetEncoding; bomLength: number }> {
  const head = Buffer.alloc(3);
  const handle = await open(file, 'r');
  try {
    await handle.read(head, 0, 3, 0);
  } finally {
    await handle.close();
  }
  const bom = sheetEncoding(head);
  if (bom.bomLength > 0) return bom;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

async function* decodedText(file: string, encoding: SheetEncoding, bomLength: number, highWaterMark = CHUNK_BYTES, read?: ReadStream): AsyncGenerator<string> {
  const stream = read ?? createReadStream(file, { start: bomLength, highWaterMark });
  const decoder = iconv.getDecoder(encoding);
  try {
    for await (const chunk of stream) {
      const text = decoder.write(chunk as Buffer);
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    stream.destroy();
  }
}

/**
 * Every record of the file with the line it starts on, counted as readCsvSheet counts
 * them: from the bytes between one record's end and the next's, which csv-parse reports
 * (its own line count takes a CRLF inside a quoted cell for two lines).
 */
async function* lineRecords(
  file: string,
  encoding: SheetEncoding,
  bomLength: number,
  delimiter: string,
  size: number,
  onBytes?: (read: number, size: number) => void,
): AsyncGenerator<{ record: string[]; line: number }> {
  const read = createReadStream(file, { start: bomLength, highWaterMark: CHUNK_BYTES });
  const parser = parse({ delimiter, info: true, relax_column_count: true, skip_empty_lines: true });
  // The UTF-8 bytes csv-parse has been given and no record has ended in yet.
  let pending = Buffer.alloc(0);
  let base = 0;
  let line = 1;
  const feeding = (async () => {
    for await (const text of decodedText(file, encoding, bomLength, CHUNK_BYTES, read)) {
      const bytes = Buffer.from(text, 'utf8');
      pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
      if (!parser.write(bytes)) await once(parser, 'drain');
      onBytes?.(read.bytesRead + bomLength, size);
    }
    parser.end();
  })();
  feeding.catch((error: unknown) => parser.destroy(error as Error));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      const raw = pending.toString('utf8', 0, info.bytes - base);
      const start = line + lineBreaks(/^(?:[ \t]*(?:\r\n|\n|\r))*/.exec(raw)![0]);
      line += lineBreaks(raw);
      pending = pending.subarray(info.bytes - base);
      base = info.bytes;
      yield { record, line: start };
    }
    await feeding;
  } catch (error) {
    throw error instanceof UnreadableSheet ? error : new UnreadableSheet((error as Error).message);
  } finally {
    read.destroy();
  }
}
