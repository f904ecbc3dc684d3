import { IANAZone } from 'luxon';
import { majorUnits } from './amount.js';
import type { CustomerType } from './lead-fields.js';
import { COMPUTED_COLUMNS, FORMULA_START, SHEET_COLUMNS, TIMESTAMP_COLUMNS, type SheetColumn } from './lead-sheet.js';
import { STAGE_LABELS, type Stage, type StageTimestampField } from './stages.js';
import { KNOWN_LOSS_REASONS, knownTag } from './tags.js';

/**
 * The tracking sheet written back out (issue 17 "take everything out"): the inverse of
 * lead-sheet.ts, so that what `leadops export` writes, `leadops import` reads as the same
 * leads. Every column of SHEET_COLUMNS in its order under the header the importer knows,
 * then the columns leadops computes, which an import recognizes and leaves alone.
 */

export type SheetLanguage = 'zh' | 'en';

export type ComputedColumn = (typeof COMPUTED_COLUMNS)[number]['column'];
export type ExportColumn = SheetColumn | ComputedColumn;

export const EXPORT_COLUMNS: readonly ExportColumn[] = [...SHEET_COLUMNS.map((definition) => definition.column), ...COMPUTED_COLUMNS.map((definition) => definition.column)];

const TIME_COLUMNS: ReadonlySet<ExportColumn> = new Set(TIMESTAMP_COLUMNS);
const MONEY_COLUMNS: ReadonlySet<ExportColumn> = new Set(['dealAmount', 'acquisitionCost']);

/** The exported sheet's columns: headers in the chosen language, spelled as the importer reads them, and what a workbook formats as times or money. */
export function exportColumns(language: SheetLanguage): Array<{ header: string; format?: 'time' | 'money' }> {
  return [...SHEET_COLUMNS, ...COMPUTED_COLUMNS].map((definition) => {
    const format = TIME_COLUMNS.has(definition.column) ? 'time' : MONEY_COLUMNS.has(definition.column) ? 'money' : undefined;
    return { header: definition[language], ...(format ? { format } : {}) };
  });
}

/** A lead as the export reads it from the store. */
export interface LeadToExport {
  number: string;
  name: string;
  sourceChannel: string | null;
  campaign: string | null;
  contentAsset: string | null;
  acquiredAt: Date;
  ownerId: string;
  customerType: CustomerType | null;
  industry: string | null;
  contactedAt: Date | null;
  discoveryAt: Date | null;
  proposalAt: Date | null;
  negotiationAt: Date | null;
  wonAt: Date | null;
  lostAt: Date | null;
  stage: Stage;
  /** Loss reason tags: a known one is written in the sheet's language, another as first written. */
  lossReasons: ReadonlyArray<{ key: string; label: string }>;
  dealAmountMinor: bigint | null;
  acquisitionCostMinor: bigint | null;
  notes: string | null;
  score: number | null;
}

/**
 * A cell of the exported sheet. Text is written as is; a number as a number (an amount
 * in major units, exact as text); a time as its wall clock in the team's zone, which a
 * CSV writes as `yyyy-MM-dd HH:mm` and a workbook as a date cell.
 */
export type ExportCell = { kind: 'text'; text: string } | { kind: 'number'; value: number; text: string } | { kind: 'time'; text: string; wallClock: Date } | undefined;

/** A lone dash or slash is how a sheet says "none": the importer reads it so, and the export writes nothing. */
const NONE = /^[-—–/]$/;

/** Text no spreadsheet runs as a formula (see FORMULA_START); lead-sheet.ts unneutralizedText reads it back. */
export function neutralizedText(text: string): string {
  if (NONE.test(text.trim())) return '';
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The owner as the sheet names them: the name a person recognizes, with the Slack user id
 * the importer matches (`李雷 (U0LILEI)`); the id alone when the bot knows no name.
 */
export function ownerCell(ownerId: string, name: string | undefined): string {
  const shown = name?.trim();
  return shown && shown !== ownerId ? `${shown} (${ownerId})` : ownerId;
}

const CUSTOMER_TYPE_WORDS: Record<SheetLanguage, Record<CustomerType, string>> = {
  zh: { ENTERPRISE: '企业客户', INDIVIDUAL: '个人客户' },
  en: { ENTERPRISE: 'enterprise', INDIVIDUAL: 'individual' },
};

/** Loss reasons joined as the sheet's 004 example writes them (预算不足/决策链长), which the importer splits on. */
export const LOSS_REASON_SEPARATOR = '/';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Zones change their offset on a quarter hour (every transition since 1970 does), so one offset serves each quarter hour. */
const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, Map<number, number>>();

/**
 * The wall clock of `at` in `timeZone`, as a Date whose UTC fields are that clock (how
 * Excel keeps a date, without a zone). A sheet of a million leads has seven times each:
 * a luxon DateTime apiece is most of an export's time, a cached offset is a map lookup.
 */
export function wallClockOf(at: Date, timeZone: string): Date {
  let offsets = offsetCache.get(timeZone);
  if (!offsets || offsets.size > 100_000) offsetCache.set(timeZone, (offsets = new Map()));
  const bucket = Math.floor(at.getTime() / QUARTER_HOUR_MS);
  let offset = offsets.get(bucket);
  if (offset === undefined) offsets.set(bucket, (offset = IANAZone.create(timeZone).offset(bucket * QUARTER_HOUR_MS)));
  // To the minute, as the sheet keeps times (DOMAIN.md: acquiredAt to the minute).
  return new Date(Math.floor((at.getTime() + offset * MINUTE_MS) / MINUTE_MS) * MINUTE_MS);
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** `yyyy-MM-dd HH:mm`, as the importer's parseSheetTime reads it back. */
function wallClockText(clock: Date): string {
  return `${clock.getUTCFullYear()}-${two(clock.getUTCMonth() + 1)}-${two(clock.getUTCDate())} ${two(clock.getUTCHours())}:${two(clock.getUTCMinutes())}`;
}

/** DOMAIN.md's conversion days (funnel.ts conversionDays): calendar days in the team's zone from acquired to closed, here from the wall clocks already at hand. */
function daysBetween(acquired: Date, closed: Date): number {
  return Math.floor(closed.getTime() / DAY_MS) - Math.floor(acquired.getTime() / DAY_MS);
}

export function exportRow(lead: LeadToExport, context: { timeZone: string; language: SheetLanguage; ownerName?: string; /** The lead waits in the pool, owned by no one: its owner cell is empty, as a sheet says so. */ unowned?: boolean }): ExportCell[] {
  const { timeZone, language } = context;
  const text = (value: string | null | undefined): ExportCell => {
    const written = value ? neutralizedText(value) : '';
    return written ? { kind: 'text', text: written } : undefined;
  };
  const time = (at: Date | null): ExportCell => {
    if (!at) return undefined;
    const wallClock = wallClockOf(at, timeZone);
    return { kind: 'time', text: wallClockText(wallClock), wallClock };
  };
  const money = (minor: bigint | null): ExportCell => {
    if (minor === null) return undefined;
    const written = majorUnits(minor);
    return { kind: 'number', value: Number(written), text: written };
  };
  const count = (value: number | null): ExportCell => (value === null ? undefined : { kind: 'number', value, text: String(value) });
  const closedAt = lead.wonAt ?? lead.lostAt;
  const timestamps: Record<(typeof TIMESTAMP_COLUMNS)[number], Date | null> = {
    acquiredAt: lead.acquiredAt,
    contactedAt: lead.contactedAt,
    discoveryAt: lead.discoveryAt,
    proposalAt: lead.proposalAt,
    negotiationAt: lead.negotiationAt,
    wonAt: lead.wonAt,
    lostAt: lead.lostAt,
  } satisfies Record<StageTimestampField & SheetColumn, Date | null>;
  const cells: Record<ExportColumn, ExportCell> = {
    number: { kind: 'text', text: lead.number },
    name: text(lead.name),
    sourceChannel: text(lead.sourceChannel),
    campaign: text(lead.campaign),
    contentAsset: text(lead.contentAsset),
    owner: context.unowned ? undefined : text(ownerCell(lead.ownerId, context.ownerName)),
    customerType: lead.customerType ? { kind: 'text', text: CUSTOMER_TYPE_WORDS[language][lead.customerType] } : undefined,
    industry: text(lead.industry),
    lossReasons: text(lead.lossReasons.map((tag) => knownTag(tag.key, KNOWN_LOSS_REASONS)?.[language] ?? tag.label).join(LOSS_REASON_SEPARATOR)),
    dealAmount: money(lead.dealAmountMinor),
    acquisitionCost: money(lead.acquisitionCostMinor),
    conversionDays: closedAt ? count(daysBetween(wallClockOf(lead.acquiredAt, timeZone), wallClockOf(closedAt, timeZone))) : undefined,
    notes: text(lead.notes),
    stage: { kind: 'text', text: STAGE_LABELS[lead.stage][language] },
    score: count(lead.score),
    ...Object.fromEntries(TIMESTAMP_COLUMNS.map((column) => [column, time(timestamps[column])])),
  } as Record<ExportColumn, ExportCell>;
  return EXPORT_COLUMNS.map((column) => cells[column]);
}

/** A cell as CSV text: numbers never neutralized (a negative number stays a number), none as empty. */
export function csvCellText(cell: ExportCell): string {
  return cell === undefined ? '' : cell.text;
}
