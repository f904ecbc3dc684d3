import { statSync } from 'node:fs';
import path from 'node:path/posix';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
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

/** A worksheet opened for import: its header read, its rows read from the file when asked, as many times as asked. */
export interface XlsxSheetFile {
  sheetName: string;
  sheetNames: string[];
  headers: string[];
  /** Reads the rows under the header afresh from the file, one at a time: a sheet of a million rows is never held. */
  rows(): AsyncIterable<SheetRow>;
  /** The sheet's rows under the header as its row tags count them, blank ones among them: for a progress bar, before any row is read. */
  countRows(): Promise<number>;
  /** Where a workbook file's sheet is, as plain data: xlsxRows(source) reads its rows anywhere, a worker thread too. */
  source?: XlsxSource;
}

export interface XlsxSource {
  file: string;
  size: number;
  sheet: string;
  /** The header's row: the rows read are those below it. */
  headerLine: number;
}

type Input = Uint8Array | string;
interface SheetOptions {
  sheet?: string;
  isHeader?: (cells: readonly string[]) => boolean;
  /**
   * How many bytes the parts read may unpack to, by the zip's own count (yauzl holds each
   * part to it as it inflates): a small upload may be a zip bomb, and a sheet read whole
   * would be held whole. Unlimited where not given (a file on the operator's own disk).
   */
  maxUnpackedBytes?: number;
}

/**
 * A worksheet of an Excel workbook as a header and rows of text cells, the shape
 * readCsvSheet gives, so one importer reads both. A row's line is its row number in Excel.
 */
export async function readXlsxSheet(input: Input, options: SheetOptions = {}): Promise<XlsxSheet> {
  const sheet = await openXlsxSheet(input, options);
  const rows: SheetRow[] = [];
  for await (const row of sheet.rows()) rows.push(row);
  return { sheetName: sheet.sheetName, sheetNames: sheet.sheetNames, headers: sheet.headers, rows };
}

/**
 * Opens a workbook's sheet (the first, or the one asked for by name) and reads its header.
 *
 * The workbook is opened by its zip's central directory (yauzl) and its parts are read as
 * XML events (saxes), the sheet streamed row by row. exceljs's streaming reader, used
 * before, walks the zip front to back and lost the parts after the sheets every few
 * hundred workbooks (its unzip stream says it has ended while entries are still queued),
 * and a sheet it had parked in a temp file could then fail to open with an error that
 * ended the process. Its ordinary reader builds the whole workbook's object model,
 * gigabytes for a sheet of 100k rows. The shared strings are held while the sheet is
 * read: a cell of text is an index into them.
 */
export async function openXlsxSheet(input: Input, options: SheetOptions = {}): Promise<XlsxSheetFile> {
  const { sheetNames, chosen } = await openWorkbook(input, options.sheet, options.maxUnpackedBytes);
  if (!chosen) throw new UnreadableSheet(options.sheet !== undefined ? `the workbook has no sheet "${options.sheet}"; its sheets are: ${sheetNames.map((name) => `"${name}"`).join(', ')}` : 'the workbook has no sheet');
  const top: SheetRow[] = [];
  for await (const row of sheetPart(input, chosen, (zip, part) => sheetRows(zip, part, chosen.reading))) if (top.push(row) === HEADER_SEARCH_ROWS) break;
  if (top.length === 0) throw new UnreadableSheet(`the sheet "${chosen.name}" is empty`);
  const header = top[Math.max(0, top.findIndex((row) => options.isHeader?.(row.cells) ?? true))]!;
  return {
    sheetName: chosen.name,
    sheetNames,
    headers: header.cells.map((cell) => cell.trim()),
    rows: () => rowsBelow(input, chosen, header.line),
    async countRows() {
      let tags = 0;
      for await (const count of sheetPart(input, chosen, rowTagCounts)) tags += count;
      return Math.max(0, tags - header.line);
    },
    ...(typeof input === 'string' ? { source: { file: input, size: statSync(input).size, sheet: chosen.name, headerLine: header.line } } : {}),
  };
}

/** The rows under a workbook file's header, its sheet found again from plain data (on a thread of their own, for one). */
export async function* xlsxRows(source: XlsxSource): AsyncGenerator<SheetRow> {
  const { chosen } = await openWorkbook(source.file, source.sheet);
  if (!chosen) throw new UnreadableSheet(`the workbook has no sheet "${source.sheet}"`);
  yield* rowsBelow(source.file, chosen, source.headerLine);
}

interface ChosenSheet {
  name: string;
  path: string;
  reading: CellReading;
}

/** The workbook's sheet names, and the sheet asked for (the first where none is) with what reading its cells takes. */
async function openWorkbook(input: Input, sheetName: string | undefined, maxUnpackedBytes = Number.POSITIVE_INFINITY): Promise<{ sheetNames: string[]; chosen?: ChosenSheet }> {
  return unreadableUnlessRead(async () => {
    const zip = await openZip(input);
    try {
      const parts = await zipEntries(zip);
      const workbookPath = (await officeDocumentOf(zip, parts)) ?? 'xl/workbook.xml';
      const workbook = await readWorkbook(zip, parts, workbookPath);
      const sheetNames = workbook.sheets.map((candidate) => candidate.name);
      const sheet = sheetName === undefined ? workbook.sheets[0] : workbook.sheets.find((candidate) => candidate.name === sheetName);
      if (!sheet) return { sheetNames };
      const relationships = await readRelationships(zip, parts, workbookPath);
      const sheetPath = relationships.find((relationship) => relationship.id === sheet.relationshipId)?.target;
      if (sheetPath === undefined || !parts.has(sheetPath)) throw new Error(`the sheet "${sheet.name}" is not in the file`);
      const partOfType = (type: string) => relationships.find((relationship) => relationship.type.endsWith(`/${type}`))?.target;
      const read = [workbookPath, sheetPath, partOfType('sharedStrings') ?? 'xl/sharedStrings.xml', partOfType('styles') ?? 'xl/styles.xml'];
      const unpacked = read.reduce((total, name) => total + (parts.get(name)?.uncompressedSize ?? 0), 0);
      if (unpacked > maxUnpackedBytes) throw new UnreadableSheet(`the workbook unpacks to ${megabytes(unpacked)} MB, over the ${megabytes(maxUnpackedBytes)} MB read here; save it as CSV, or import it with \`leadops import\` where the bot runs`);
      const reading: CellReading = { strings: await readSharedStrings(zip, parts, partOfType('sharedStrings')), dateStyles: await readDateStyles(zip, parts, partOfType('styles')), date1904: workbook.date1904 };
      return { sheetNames, chosen: { name: sheet.name, path: sheetPath, reading } };
    } finally {
      zip.close();
    }
  });
}

function megabytes(bytes: number): string {
  return String(Math.ceil(bytes / (1024 * 1024)));
}

async function* rowsBelow(input: Input, chosen: ChosenSheet, headerLine: number): AsyncGenerator<SheetRow> {
  for await (const row of sheetPart(input, chosen, (zip, part) => sheetRows(zip, part, chosen.reading))) if (row.line > headerLine) yield row;
}

/** The sheet's part, opened afresh: a file's descriptor is held only while its rows are read. */
async function* sheetPart<T>(input: Input, chosen: ChosenSheet, read: (zip: yauzl.ZipFile, part: yauzl.Entry) => AsyncIterable<T>): AsyncGenerator<T> {
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await openZip(input);
    const part = (await zipEntries(zip)).get(chosen.path);
    if (!part) throw new Error(`the sheet "${chosen.name}" is not in the file`);
    yield* read(zip, part);
  } catch (error) {
    throw unreadable(error);
  } finally {
    zip?.close();
  }
}

/** A workbook that cannot be read is an UnreadableSheet, whatever the zip or XML reader threw. */
async function unreadableUnlessRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw unreadable(error);
  }
}

function unreadable(error: unknown): UnreadableSheet {
  return error instanceof UnreadableSheet ? error : new UnreadableSheet(`not an Excel workbook we can read (${(error as Error).message})`);
}

function openZip(input: Input): Promise<yauzl.ZipFile> {
  return typeof input === 'string'
    ? yauzl.openPromise(input, { lazyEntries: true, autoClose: false })
    : yauzl.fromBufferPromise(Buffer.from(input.buffer, input.byteOffset, input.byteLength), { lazyEntries: true, autoClose: false });
}

type Parts = Map<string, yauzl.Entry>;

async function zipEntries(zip: yauzl.ZipFile): Promise<Parts> {
  const parts: Parts = new Map();
  for await (const entry of zip.eachEntry()) parts.set(entry.fileName.replace(/\\/g, '/').replace(/^\//, ''), entry);
  return parts;
}

/** A part's own XML elements, by local name: `<x:c>` and `<c>` are the same cell. */
interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  text?(text: string): void;
  close?(name: string): void;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Reads a part's XML into the handlers, pausing after each chunk of the file so the caller can take what they gathered. */
async function* xmlChunks(zip: yauzl.ZipFile, part: yauzl.Entry, handlers: XmlHandlers): AsyncGenerator<void> {
  const parser = new SaxesParser();
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag: SaxesTagPlain) => {
      const attributes: Record<string, string> = {};
      for (const name in tag.attributes) attributes[localName(name)] = tag.attributes[name]!;
      open(localName(tag.name), attributes);
    });
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  const stream: Readable = await zip.openReadStreamPromise(part);
  stream.setEncoding('utf8');
  try {
    let first = true;
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(first ? chunk.replace(/^\uFEFF/, '') : chunk);
      first = false;
      yield;
    }
    parser.close();
  } finally {
    stream.destroy();
  }
}

async function readXml(zip: yauzl.ZipFile, part: yauzl.Entry, handlers: XmlHandlers): Promise<void> {
  for await (const _chunk of xmlChunks(zip, part, handlers)) void _chunk;
}

/** Where the package says its workbook is (`_rels/.rels`), for the rare file that does not keep it at xl/workbook.xml. */
async function officeDocumentOf(zip: yauzl.ZipFile, parts: Parts): Promise<string | undefined> {
  const rels = parts.get('_rels/.rels');
  if (!rels) return undefined;
  let target: string | undefined;
  await readXml(zip, rels, {
    open(name, attributes) {
      if (name === 'Relationship' && attributes.Type?.endsWith('/officeDocument') && attributes.Target) target = resolvePart('', attributes.Target);
    },
  });
  return target;
}

function resolvePart(fromDirectory: string, target: string): string {
  return target.startsWith('/') ? target.slice(1) : path.normalize(path.join(fromDirectory, target));
}

async function readWorkbook(zip: yauzl.ZipFile, parts: Parts, workbookPath: string): Promise<{ sheets: Array<{ name: string; relationshipId: string }>; date1904: boolean }> {
  const part = parts.get(workbookPath);
  if (!part) throw new Error(`it has no ${workbookPath}`);
  const sheets: Array<{ name: string; relationshipId: string }> = [];
  let date1904 = false;
  await readXml(zip, part, {
    open(name, attributes) {
      // The relationship id is r:id; its prefix is whatever the file binds the namespace to.
      if (name === 'sheet' && attributes.name !== undefined && attributes.id !== undefined) sheets.push({ name: attributes.name, relationshipId: attributes.id });
      else if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
    },
  });
  return { sheets, date1904 };
}

/** The workbook's relationships (xl/_rels/workbook.xml.rels): which part is each sheet, its shared strings, its styles. */
async function readRelationships(zip: yauzl.ZipFile, parts: Parts, workbookPath: string): Promise<Array<{ id: string; type: string; target: string }>> {
  const directory = path.dirname(workbookPath);
  const relationships: Array<{ id: string; type: string; target: string }> = [];
  const part = parts.get(path.join(directory, '_rels', `${path.basename(workbookPath)}.rels`));
  if (!part) return relationships;
  await readXml(zip, part, {
    open(name, attributes) {
      if (name === 'Relationship' && attributes.Id !== undefined && attributes.Target !== undefined && attributes.TargetMode !== 'External') {
        relationships.push({ id: attributes.Id, type: attributes.Type ?? '', target: resolvePart(directory, attributes.Target) });
      }
    },
  });
  return relationships;
}

/**
 * The workbook's shared strings, in order: a cell of type "s" holds an index into them.
 * A string is its `<t>` runs joined, without the phonetic guides (`<rPh>`) Excel keeps
 * beside East Asian text.
 */
async function readSharedStrings(zip: yauzl.ZipFile, parts: Parts, stringsPath: string | undefined): Promise<StringTable> {
  const part = parts.get(stringsPath ?? 'xl/sharedStrings.xml');
  const strings = new StringTable();
  if (!part) return strings;
  let current = '';
  let inText = false;
  let inPhonetic = false;
  await readXml(zip, part, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't') inText = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    text(text) {
      if (inText) current += text;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') strings.push(current);
    },
  });
  return strings;
}

/**
 * Strings kept as UTF-8 in one buffer outside the JavaScript heap. A sheet of a million
 * rows has a million distinct names: as JavaScript strings (each a slice that keeps the
 * XML chunk it was cut from alive) they took 257 MB of heap; here they take their bytes.
 */
export class StringTable {
  #bytes = Buffer.allocUnsafe(1 << 16);
  #used = 0;
  #ends = new Uint32Array(1 << 10);
  #count = 0;

  get size(): number {
    return this.#count;
  }

  push(text: string): void {
    const needed = this.#used + Buffer.byteLength(text);
    if (needed > this.#bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.#bytes.length * 2));
      this.#bytes.copy(grown, 0, 0, this.#used);
      this.#bytes = grown;
    }
    this.#used += this.#bytes.write(text, this.#used);
    if (this.#count === this.#ends.length) {
      const grown = new Uint32Array(this.#ends.length * 2);
      grown.set(this.#ends);
      this.#ends = grown;
    }
    this.#ends[this.#count++] = this.#used;
  }

  /** The string at an index, or undefined where there is none (an index a broken file made up). */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#count) return undefined;
    return this.#bytes.toString('utf8', index === 0 ? 0 : this.#ends[index - 1], this.#ends[index]);
  }
}

/**
 * Which cell styles show a date: only its style tells a date cell from a number, or
 * 2023-10-01 reads as 45200. A style is the index of an `<xf>` in `<cellXfs>`; its
 * number format is one of Excel's built-in date formats or a format code with date parts.
 */
async function readDateStyles(zip: yauzl.ZipFile, parts: Parts, stylesPath: string | undefined): Promise<Set<number>> {
  const part = parts.get(stylesPath ?? 'xl/styles.xml');
  const dateStyles = new Set<number>();
  if (!part) return dateStyles;
  const customDateFormats = new Set<number>();
  let inCellFormats = false;
  let styleIndex = 0;
  await readXml(zip, part, {
    open(name, attributes) {
      if (name === 'numFmt' && isDateFormatCode(attributes.formatCode ?? '')) customDateFormats.add(Number(attributes.numFmtId));
      else if (name === 'cellXfs') inCellFormats = true;
      else if (name === 'xf' && inCellFormats) {
        const formatId = Number(attributes.numFmtId ?? 0);
        if (BUILT_IN_DATE_FORMATS.has(formatId) || customDateFormats.has(formatId)) dateStyles.add(styleIndex);
        styleIndex += 1;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellFormats = false;
    },
  });
  return dateStyles;
}

/** ECMA-376's built-in number formats that show a date or a time, the CJK ones (27–36, 50–58) among them. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A format code shows a date when, its quoted text, escapes, fills and [colours] aside, it has date or time parts: `yyyy"年"m"月"d"日"`, `hh:mm`. */
export function isDateFormatCode(code: string): boolean {
  const section = code.split(';')[0] ?? '';
  const parts = section.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/[_*]./g, '').replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  return /[dmyhs]/i.test(parts);
}

interface CellReading {
  strings: StringTable;
  dateStyles: ReadonlySet<number>;
  date1904: boolean;
}

/** The sheet's rows that have any text, each as its cells' text from column A on, as the file is read. */
async function* sheetRows(zip: yauzl.ZipFile, part: yauzl.Entry, reading: CellReading): AsyncGenerator<SheetRow> {
  const ready: SheetRow[] = [];
  let rowNumber = 0;
  let cells: string[] = [];
  let column = -1;
  let type = 'n';
  let style = 0;
  let value = '';
  let inlineText = '';
  let inValue = false;
  let inInlineText = false;
  let inPhonetic = false;
  const handlers: XmlHandlers = {
    open(name, attributes) {
      if (name === 'c') {
        column = attributes.r !== undefined ? columnIndexOf(attributes.r) : column + 1;
        type = attributes.t ?? 'n';
        style = Number(attributes.s ?? 0);
        value = '';
        inlineText = '';
      } else if (name === 'v') inValue = true;
      else if (name === 't') inInlineText = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 'row') {
        rowNumber = attributes.r !== undefined ? Number(attributes.r) : rowNumber + 1;
        cells = [];
        column = -1;
      }
    },
    text(text) {
      if (inValue) value += text;
      else if (inInlineText) inlineText += text;
    },
    close(name) {
      if (name === 'v') inValue = false;
      else if (name === 't') inInlineText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'c') {
        const text = cellText(type, value, inlineText, style, reading);
        if (text) {
          while (cells.length < column) cells.push('');
          cells[column] = text;
        }
      } else if (name === 'row' && cells.some((cell) => cell.trim())) ready.push({ line: rowNumber, cells });
    },
  };
  for await (const _chunk of xmlChunks(zip, part, handlers)) {
    yield* ready;
    ready.length = 0;
  }
}

/**
 * How many row tags a sheet's XML has, counted in its bytes rather than parsed: XML
 * escapes every `<` of a cell's text, so a `<row` is always a tag. Yields a count per chunk.
 */
async function* rowTagCounts(zip: yauzl.ZipFile, part: yauzl.Entry): AsyncGenerator<number> {
  const stream: Readable = await zip.openReadStreamPromise(part);
  try {
    let tag: Buffer | undefined;
    let carried = Buffer.alloc(0);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const bytes = carried.length > 0 ? Buffer.concat([carried, chunk]) : chunk;
      // The sheet's own prefix (`<x:row`), as its sheetData tag shows it.
      tag ??= Buffer.from(`<${/<([A-Za-z_][\w.-]*:)?sheetData[\s>/]/.exec(bytes.toString('latin1'))?.[1] ?? ''}row`, 'latin1');
      let count = 0;
      let at = bytes.indexOf(tag);
      let searched = 0;
      while (at !== -1 && at + tag.length < bytes.length) {
        const next = bytes[at + tag.length];
        if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) count += 1;
        searched = at + 1;
        at = bytes.indexOf(tag, searched);
      }
      // A tag cut by the chunk's end is counted with the next chunk.
      carried = Buffer.from(bytes.subarray(Math.max(searched, bytes.length - tag.length)));
      yield count;
    }
  } finally {
    stream.destroy();
  }
}

/** `AB12` → 27: the column of a cell reference, counted from 0. */
function columnIndexOf(reference: string): number {
  let column = 0;
  for (const character of reference) {
    const code = character.charCodeAt(0);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column - 1;
}

/**
 * A cell as the text the sheet's parsers read (src/domain/lead-sheet.ts): a formula by
 * its cached result, a boolean as TRUE/FALSE, an error as Excel shows it (#N/A). A date
 * cell holds a wall clock with no zone: written as `yyyy-MM-dd HH:mm`, it is read in the
 * team's zone like a typed date.
 */
function cellText(type: string, value: string, inlineText: string, style: number, reading: CellReading): string {
  switch (type) {
    case 's':
      // An empty index is an empty cell, not the first string (Number('') is 0).
      return value.trim() === '' ? '' : lineBreaks(reading.strings.get(Number(value)) ?? '');
    case 'inlineStr':
      return lineBreaks(inlineText);
    case 'str':
    case 'e':
      return lineBreaks(value);
    case 'b':
      return value === '' ? '' : value === '1' || value === 'true' ? 'TRUE' : 'FALSE';
    case 'd': {
      // An ISO date without a zone is a wall clock, as a serial date is.
      const date = new Date(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
      return Number.isNaN(date.getTime()) ? value : wallClock(date);
    }
    default: {
      if (value.trim() === '') return '';
      const number = Number(value);
      if (!Number.isFinite(number)) return value;
      return reading.dateStyles.has(style) ? wallClock(serialDate(number, reading.date1904)) : String(number);
    }
  }
}

function lineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

const DAY_MS = 86_400_000;

/**
 * Excel's serial day as the wall clock it shows, kept in a Date's UTC fields. In the 1900
 * system day 1 is 1900-01-01 and day 60 is the 29 February 1900 that Lotus believed in, so
 * days after it count from 1899-12-30; the 1904 system counts from 1904-01-01.
 */
export function serialDate(serial: number, date1904 = false): Date {
  if (date1904) return new Date(Date.UTC(1904, 0, 1) + serial * DAY_MS);
  return new Date(Date.UTC(1899, 11, serial < 60 ? 31 : 30) + serial * DAY_MS);
}

/** Excel keeps times as fractions of a day, so 14:30 may come back as 14:29:59.999: rounded to the minute. */
export function wallClock(date: Date): string {
  const minute = new Date(Math.round(date.getTime() / 60_000) * 60_000);
  const two = (part: number) => String(part).padStart(2, '0');
  const day = `${minute.getUTCFullYear()}-${two(minute.getUTCMonth() + 1)}-${two(minute.getUTCDate())}`;
  return minute.getUTCHours() === 0 && minute.getUTCMinutes() === 0 ? day : `${day} ${two(minute.getUTCHours())}:${two(minute.getUTCMinutes())}`;
}
