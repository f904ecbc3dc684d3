import { DateTime } from 'luxon';
import { minorUnits, parseAmount } from './amount.js';
import { InvalidAmount } from './errors.js';
import type { FieldName } from './fields.js';
import type { CustomerType, NewLeadDraft } from './lead-fields.js';
import { parseLeadNumber } from './lead-number.js';
import type { StageTimestampField } from './stages.js';
import { parseLossReasonList, type NormalizedTag } from './tags.js';

/**
 * The lead-conversion tracking sheet of seed 004 (table 1, DOMAIN.md "Fields of a lead")
 * as teams keep it in Excel: its columns in both languages, and its cells as people type
 * them. The importer reads a sheet through this table; the export will write it.
 */
export const SHEET_COLUMNS = [
  { column: 'number', zh: '线索编号', en: 'number', aliases: ['lead number', 'lead no', 'no', '编号'] },
  { column: 'name', zh: '线索名称', en: 'name', aliases: ['lead name', 'lead', 'company', '客户名称', '名称'] },
  { column: 'sourceChannel', zh: '来源渠道', en: 'source', aliases: ['source channel', 'channel', '渠道', '来源'] },
  { column: 'campaign', zh: '推广策略', en: 'campaign', aliases: [] },
  { column: 'contentAsset', zh: '内容素材', en: 'content', aliases: ['content asset', 'asset'] },
  { column: 'acquiredAt', zh: '获取时间', en: 'acquired at', aliases: ['acquired', '线索获取时间'] },
  { column: 'owner', zh: '负责人', en: 'owner', aliases: ['rep', 'sales rep', '销售'] },
  { column: 'customerType', zh: '客户类型', en: 'customer type', aliases: ['type'] },
  { column: 'industry', zh: '客户行业', en: 'industry', aliases: ['行业'] },
  { column: 'contactedAt', zh: '初次接触时间', en: 'contacted at', aliases: ['contacted', '初步接触时间'] },
  { column: 'discoveryAt', zh: '需求确认时间', en: 'discovery at', aliases: ['discovery', '需求挖掘时间'] },
  { column: 'proposalAt', zh: '方案提交时间', en: 'proposal at', aliases: ['proposal', '方案呈现时间'] },
  { column: 'negotiationAt', zh: '商务谈判时间', en: 'negotiation at', aliases: ['negotiation'] },
  { column: 'wonAt', zh: '成交时间', en: 'won at', aliases: ['won', 'closed won at'] },
  { column: 'lostAt', zh: '流失时间', en: 'lost at', aliases: ['lost'] },
  { column: 'lossReasons', zh: '流失原因', en: 'loss reasons', aliases: ['loss reason', 'lost reason', 'lost reasons'] },
  { column: 'dealAmount', zh: '成交金额', en: 'deal amount', aliases: ['amount', 'deal value', '金额'] },
  { column: 'acquisitionCost', zh: '获客成本', en: 'acquisition cost', aliases: ['cost', 'cac'] },
  { column: 'conversionDays', zh: '转化时长', en: 'conversion days', aliases: ['days to convert', '转化天数'] },
  { column: 'notes', zh: '备注', en: 'notes', aliases: ['note', 'remarks', 'comment', 'comments'] },
] as const;

export type SheetColumn = (typeof SHEET_COLUMNS)[number]['column'];

/** Columns leadops computes from the others: the export writes them to be read; an import knows them and leaves them alone. */
export const COMPUTED_COLUMNS = [
  { column: 'stage', zh: '阶段', en: 'stage' },
  { column: 'score', zh: '线索评分', en: 'score' },
] as const;

const COMPUTED_HEADERS = new Set(COMPUTED_COLUMNS.flatMap((definition) => [definition.zh, definition.en].map(headerKey)));

/** Without these a row cannot become a lead, nor be found again on the next import (issue 17). */
export const REQUIRED_COLUMNS: readonly SheetColumn[] = ['number', 'name'];

/**
 * A header as a key: full-width brackets and letters to ASCII (NFKC), units and remarks in
 * brackets dropped (`成交金额（元）`, `流失原因(未成交)`), case, spaces, `_` and `-` ignored, so
 * `Acquired At`, `acquired_at` and `acquiredAt` are one header.
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/[([【].*?[)\]】]/g, '')
    .replace(/[\s_\-:：]+/g, '')
    .toLowerCase();
}

const HEADER_INDEX = new Map<string, SheetColumn>(
  SHEET_COLUMNS.flatMap((definition) => [definition.column, definition.zh, definition.en, ...definition.aliases].map((name) => [headerKey(name), definition.column] as const)),
);

export interface HeaderMatch {
  /** The sheet's column index of each column it has. */
  columns: Partial<Record<SheetColumn, number>>;
  /** Headers that name no column of the sheet, as written: reported, never silently dropped. */
  unknown: string[];
  /** Headers naming a column an earlier header already took: the first one wins. */
  repeated: string[];
  missing: SheetColumn[];
}

export function matchHeaders(headers: readonly string[]): HeaderMatch {
  const columns: HeaderMatch['columns'] = {};
  const unknown: string[] = [];
  const repeated: string[] = [];
  headers.forEach((header, index) => {
    if (!header.trim() || COMPUTED_HEADERS.has(headerKey(header))) return;
    const column = HEADER_INDEX.get(headerKey(header));
    if (!column) unknown.push(header);
    else if (columns[column] !== undefined) repeated.push(header);
    else columns[column] = index;
  });
  return { columns, unknown, repeated, missing: REQUIRED_COLUMNS.filter((column) => columns[column] === undefined) };
}

/** The column a lead's field comes from, to name the cell when checkNewLead refuses the field. */
export const FIELD_COLUMNS: Partial<Record<FieldName, SheetColumn>> = {
  leadName: 'name',
  sourceChannel: 'sourceChannel',
  campaign: 'campaign',
  contentAsset: 'contentAsset',
  customerType: 'customerType',
  industry: 'industry',
  owner: 'owner',
  acquiredAt: 'acquiredAt',
  leadNotes: 'notes',
  lossReason: 'lossReasons',
};

/**
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (and tab or
 * carriage return lead there too): OWASP's "CSV injection". The export puts a quote in
 * front, which makes it text in Excel, LibreOffice and Google Sheets; the import strips it.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** The text a neutralized cell stands for: `'=1+1` is `=1+1`. */
export function unneutralizedText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** The export writes an owner as `李雷 (U0LILEI)`, a name to read and the id to match. */
const NAMED_USER_ID = /^.*?[(（<]\s*([UW][A-Z0-9]{2,20})\s*[)）>]$/;

/** The owner a cell names: the Slack user id in brackets after a name, or the cell as written. */
export function sheetOwner(text: string | undefined): string | undefined {
  return text === undefined ? undefined : (NAMED_USER_ID.exec(text)?.[1] ?? text);
}

/** A cell read: its value, none (empty or a lone dash), or unreadable. */
export type CellRead<T> = { ok: true; value: T | undefined } | { ok: false };

const NONE = /^[-—–/]?$/;

function none<T>(): CellRead<T> {
  return { ok: true, value: undefined };
}

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in); 2958465 is 9999-12-31. */
const EXCEL_EPOCH = { year: 1899, month: 12, day: 30 };
const EXCEL_LAST_SERIAL = 2_958_465;

/**
 * A time as a sheet holds it, read as a wall clock in the team's zone, to the minute:
 * `2023-10-01 14:30`, `2023/10/1`, `2023.10.1`, `2023年10月1日 14时30分`, `10/1/2023` (month
 * first, as Excel writes en-US dates; a first number above 12 is the day), and Excel's
 * serial days (`45200.6`) when a cell was exported unformatted.
 */
export function parseSheetTime(text: string, timeZone: string): CellRead<Date> {
  const cell = text.normalize('NFKC').trim();
  if (NONE.test(cell)) return none();
  const at = (year: number, month: number, day: number, hour = 0, minute = 0): CellRead<Date> => {
    const value = wallClock(year, month, day, hour, minute, timeZone);
    return value ? { ok: true, value } : { ok: false };
  };
  const numbers = (match: RegExpExecArray) => match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/.exec(cell);
  if (match) {
    const [year, month, day, hour, minute] = numbers(match);
    return at(year!, month!, day!, hour, minute);
  }
  match = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?:\s*(\d{1,2})[:时点](\d{1,2})?分?)?$/.exec(cell);
  if (match) {
    const [year, month, day, hour, minute] = numbers(match);
    return at(year!, month!, day!, hour, minute ?? 0);
  }
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?)?$/.exec(cell);
  if (match) {
    const [first, second, year, hour, minute] = numbers(match);
    const [month, day] = first! > 12 ? [second!, first!] : [first!, second!];
    return at(year!, month, day, hour, minute);
  }
  if (/^\d+(?:\.\d+)?$/.test(cell)) {
    const serial = Number(cell);
    if (serial < 1 || serial > EXCEL_LAST_SERIAL) return { ok: false };
    const days = Math.floor(serial);
    const minutes = Math.round((serial - days) * 24 * 60);
    const time = DateTime.fromObject(EXCEL_EPOCH, { zone: timeZone }).plus({ days, minutes });
    return { ok: true, value: time.toJSDate() };
  }
  return { ok: false };
}

/** A zone's offset in each wall-clock hour a sheet has used (ms to subtract from the wall time as if UTC). */
const HOUR_OFFSETS = new Map<string, number>();
const HOUR_OFFSETS_KEPT = 100_000;

/**
 * A wall-clock time in a zone, or undefined where there is no such day or time. A sheet
 * of 100 000 rows has only some thousand distinct hours, and luxon's zone arithmetic is
 * most of the time of reading a row: so luxon says each hour's offset once. Within an
 * hour a zone changes its clocks in, the hour's start places every minute as luxon
 * would (test/domain/lead-sheet.test.ts checks each quarter hour of such days).
 */
function wallClock(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(wall).getUTCDate() !== day || year < 1000) {
    const time = DateTime.fromObject({ year, month, day, hour, minute }, { zone: timeZone });
    return time.isValid ? time.toJSDate() : undefined;
  }
  const key = `${timeZone}|${year}-${month}-${day}T${hour}`;
  let offset = HOUR_OFFSETS.get(key);
  if (offset === undefined) {
    const start = DateTime.fromObject({ year, month, day, hour }, { zone: timeZone });
    if (!start.isValid) return undefined;
    offset = Date.UTC(year, month - 1, day, hour) - start.toMillis();
    if (HOUR_OFFSETS.size >= HOUR_OFFSETS_KEPT) HOUR_OFFSETS.clear();
    HOUR_OFFSETS.set(key, offset);
  }
  return new Date(wall - offset);
}

/** An amount as parseAmount reads it (`50,000`, `¥50,000`, `5万`, `5.5万元`), in minor units. */
export function parseSheetAmount(text: string): CellRead<bigint> {
  if (NONE.test(text.normalize('NFKC').trim())) return none();
  try {
    return { ok: true, value: minorUnits(parseAmount(text)) };
  } catch (error) {
    if (!(error instanceof InvalidAmount)) throw error;
    return { ok: false };
  }
}

const CUSTOMER_TYPE_WORDS: Record<string, CustomerType> = {
  企业客户: 'ENTERPRISE',
  企业: 'ENTERPRISE',
  公司: 'ENTERPRISE',
  enterprise: 'ENTERPRISE',
  company: 'ENTERPRISE',
  business: 'ENTERPRISE',
  b2b: 'ENTERPRISE',
  个人客户: 'INDIVIDUAL',
  个人: 'INDIVIDUAL',
  individual: 'INDIVIDUAL',
  person: 'INDIVIDUAL',
  personal: 'INDIVIDUAL',
  b2c: 'INDIVIDUAL',
};

export function parseCustomerType(text: string): CellRead<CustomerType> {
  const cell = text.normalize('NFKC').trim();
  if (NONE.test(cell)) return none();
  const type = CUSTOMER_TYPE_WORDS[cell.toLowerCase()];
  return type ? { ok: true, value: type } : { ok: false };
}

export const TIMESTAMP_COLUMNS = ['acquiredAt', 'contactedAt', 'discoveryAt', 'proposalAt', 'negotiationAt', 'wonAt', 'lostAt'] as const satisfies readonly (SheetColumn & StageTimestampField)[];

/**
 * A sheet writes its times to the minute (parseSheetTime reads no seconds, export writes
 * none), while a lead moved in Slack keeps the second it moved. Where the lead's time is in
 * the minute the sheet gives, the sheet says that time: a re-import of the team's own
 * export changes nothing, instead of rounding every time down and journaling each lead.
 */
export function sheetTimesAsKept<T extends Partial<Record<(typeof TIMESTAMP_COLUMNS)[number], Date | null>>>(sheet: T, kept: Partial<Record<(typeof TIMESTAMP_COLUMNS)[number], Date | null>>): T {
  let asKept: T | undefined;
  for (const field of TIMESTAMP_COLUMNS) {
    const written = sheet[field];
    const stored = kept[field];
    if (!(written instanceof Date) || !(stored instanceof Date) || written.getTime() === stored.getTime()) continue;
    if (Math.floor(stored.getTime() / 60_000) * 60_000 !== written.getTime()) continue;
    asKept ??= { ...sheet };
    asKept[field] = stored as T[typeof field];
  }
  return asKept ?? sheet;
}

/** Why a cell of a row was refused; the command line and Slack each say it in words. */
export type CellProblemReason = 'required' | 'unreadable_number' | 'unreadable_time' | 'in_future' | 'unreadable_amount' | 'unknown_customer_type';

export interface CellProblem {
  column: SheetColumn;
  value: string;
  reason: CellProblemReason;
}

/** A row of the sheet as a lead's parts, every cell read but nothing yet checked against the rules of a lead. */
export interface SheetLead {
  number: string;
  draft: NewLeadDraft & { acquiredAt?: Date };
  /** The owner as the sheet names them: a Slack user id, or a person's name to look up. */
  owner?: string;
  timestamps: Partial<Record<StageTimestampField, Date>>;
  lossReasons: NormalizedTag[];
  dealAmountMinor?: bigint;
  acquisitionCostMinor?: bigint;
  /** The sheet's own conversion days, as written: leadops computes them, and only compares. */
  conversionDays?: string;
}

/** A clock a minute ahead of ours is still "now" (as checkNewLead allows). */
const CLOCK_SKEW_MS = 60_000;

export type SheetRowRead = { ok: true; lead: SheetLead } | { ok: false; number?: string; problems: CellProblem[] };

/** Reads one row's cells by the header match; every unreadable cell is reported, not only the first. */
export function readSheetRow(cells: readonly string[], columns: HeaderMatch['columns'], context: { timeZone: string; now: Date }): SheetRowRead {
  const { timeZone } = context;
  const problems: CellProblem[] = [];
  const cellOf = (column: SheetColumn): string => {
    const index = columns[column];
    return index === undefined ? '' : unneutralizedText((cells[index] ?? '').trim());
  };
  const text = (column: SheetColumn): string | undefined => {
    const cell = cellOf(column);
    return NONE.test(cell.normalize('NFKC')) ? undefined : cell;
  };
  const read = <T>(column: SheetColumn, parse: (cell: string) => CellRead<T>, reason: CellProblemReason): T | undefined => {
    const result = parse(cellOf(column));
    if (result.ok) return result.value;
    problems.push({ column, value: cellOf(column), reason });
    return undefined;
  };

  let number = '';
  const numberCell = cellOf('number');
  if (!numberCell) problems.push({ column: 'number', value: '', reason: 'required' });
  else {
    try {
      number = parseLeadNumber(numberCell);
    } catch {
      problems.push({ column: 'number', value: numberCell, reason: 'unreadable_number' });
    }
  }
  const timestamps: SheetLead['timestamps'] = {};
  for (const column of TIMESTAMP_COLUMNS) {
    const at = read(column, (cell) => parseSheetTime(cell, timeZone), 'unreadable_time');
    if (at && at.getTime() > context.now.getTime() + CLOCK_SKEW_MS) problems.push({ column, value: cellOf(column), reason: 'in_future' });
    else if (at) timestamps[column] = at;
  }
  // Funnels and digests count a lead in the period it was acquired: an import's "now" would misplace it.
  if (!timestamps.acquiredAt && !problems.some((problem) => problem.column === 'acquiredAt')) problems.push({ column: 'acquiredAt', value: '', reason: 'required' });
  const customerType = read('customerType', parseCustomerType, 'unknown_customer_type');
  const dealAmountMinor = read('dealAmount', parseSheetAmount, 'unreadable_amount');
  const acquisitionCostMinor = read('acquisitionCost', parseSheetAmount, 'unreadable_amount');
  if (problems.length > 0) return { ok: false, ...(number ? { number } : {}), problems };

  return {
    ok: true,
    lead: {
      number,
      draft: {
        name: text('name'),
        sourceChannel: text('sourceChannel'),
        campaign: text('campaign'),
        contentAsset: text('contentAsset'),
        customerType,
        industry: text('industry'),
        acquiredAt: timestamps.acquiredAt,
        notes: text('notes'),
      },
      owner: sheetOwner(text('owner')),
      timestamps,
      lossReasons: parseLossReasonList(text('lossReasons') ?? ''),
      dealAmountMinor,
      acquisitionCostMinor,
      conversionDays: text('conversionDays'),
    },
  };
}

/** Of the columns (from 0) a sheet has values in, those without a header, counted from 1 as a spreadsheet counts them. */
export function unnamedColumnsOf(headers: readonly string[], columnsWithValues: Iterable<number>): number[] {
  return [...columnsWithValues].filter((index) => !headers[index]?.trim()).map((index) => index + 1).sort((a, b) => a - b);
}

/** Whether a row is the sheet's header: it names every required column. */
export function isHeaderRow(cells: readonly string[]): boolean {
  return matchHeaders(cells).missing.length === 0;
}

/** Sheets are saved with commas, semicolons (Excel where the decimal mark is a comma) or tabs: the first lines show which. */
export function sheetDelimiter(firstLines: string): ',' | ';' | '\t' {
  const outsideQuotes = firstLines.replace(/"[^"]*"/g, '');
  const counts = ([',', ';', '\t'] as const).map((delimiter) => ({ delimiter, count: outsideQuotes.split(delimiter).length - 1 }));
  const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
  return best.count > 0 ? best.delimiter : ',';
}
