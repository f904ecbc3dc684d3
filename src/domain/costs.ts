import { DateTime } from 'luxon';
import { minorUnits, parseAmount } from './amount.js';
import { LeadopsError, MissingArgument } from './errors.js';
import { monthContaining, type Period } from './periods.js';
import { normalizeSourceChannel, normalizeTagText, type NormalizedTag } from './tags.js';

/**
 * Marketing spend (DOMAIN.md "Metrics": cost per lead, CAC, ROI need a cost). A manager
 * records what a source channel or a campaign cost in a month; a month may get several
 * entries (the fair's booth, then its travel), and they add up.
 */

/** What a cost is for: a source channel (by its tag key, as leads are grouped) or a campaign (推广策略). */
export type CostTarget = { kind: 'channel'; channel: NormalizedTag } | { kind: 'campaign'; campaign: string };

/** The longest campaign name a cost names: as long as a lead's campaign field may be. */
export const MAX_CAMPAIGN_LENGTH = 200;

/** `campaign:` (or 推广: / 活动:) before a name marks a campaign; anything else names a source channel. */
const CAMPAIGN_PREFIX = /^(?:campaign|推广策略|推广|活动)\s*[:：]\s*/iu;

export class InvalidCostTarget extends LeadopsError {
  readonly code = 'invalid_cost_target';
  constructor(readonly input: string) {
    super(`not a channel or campaign: ${input}`);
  }
}

/** A month written so that it names no month (`/lead cost 抖音 5000 someday`). */
export class UnreadableMonth extends LeadopsError {
  readonly code = 'unreadable_month';
  constructor(readonly input: string) {
    super(`not a month: ${input}`);
  }
}

/** Spend of zero or less: a free channel is one with no cost recorded, not a cost of 0 (its ROI would be infinite). */
export class CostNotPositive extends LeadopsError {
  readonly code = 'cost_not_positive';
  constructor(readonly input: string) {
    super(`a cost must be more than 0: ${input}`);
  }
}

export function parseCostTarget(text: string): CostTarget {
  const trimmed = text.normalize('NFKC').trim().replace(/^["“「]|["”」]$/gu, '').trim();
  const campaign = CAMPAIGN_PREFIX.exec(trimmed);
  if (campaign) {
    const name = trimmed.slice(campaign[0].length).replace(/^["“「]|["”」]$/gu, '').trim();
    if (!name || name.length > MAX_CAMPAIGN_LENGTH) throw new InvalidCostTarget(text);
    return { kind: 'campaign', campaign: name };
  }
  const channel = normalizeSourceChannel(trimmed);
  if (!channel || trimmed.length > MAX_CAMPAIGN_LENGTH) throw new InvalidCostTarget(text);
  return { kind: 'channel', channel };
}

/** How a campaign name is compared: the campaign a cost names is the leads' one without case, width or spacing. */
export function campaignKey(campaign: string): string {
  return normalizeTagText(campaign);
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A calendar month the month number `month` names when no year is written: the latest one that has begun. */
function latestMonthNumbered(month: number, now: DateTime): DateTime {
  const thisYear = now.set({ month, day: 1 }).startOf('day');
  return thisYear > now ? thisYear.minus({ years: 1 }) : thisYear;
}

/**
 * The month a cost is for, as people write it: `2026-11`, `2026/11`, `2026年11月`, `11月`,
 * `nov`, `november`, `this month`/`本月`, `last month`/`上月`/`上个月`. Without a year,
 * the latest such month that has begun (in December, `11月` is this November; in
 * January, last year's). Empty: the current month. All in the team's zone.
 */
export function parseCostMonth(text: string | undefined, now: Date, timeZone: string): Period {
  const value = (text ?? '').normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  const today = DateTime.fromJSDate(now, { zone: timeZone });
  const month = (at: DateTime) => monthContaining(at.toJSDate(), timeZone);
  if (!value || value === 'this month' || value === 'this-month' || value === '本月' || value === '这个月') return month(today);
  if (value === 'last month' || value === 'last-month' || value === '上月' || value === '上个月') return month(today.startOf('month').minus({ months: 1 }));
  const full = /^(\d{4})\s*(?:-|\/|\.|年)\s*(\d{1,2})\s*月?$/.exec(value);
  if (full) {
    const at = DateTime.fromObject({ year: Number(full[1]), month: Number(full[2]), day: 1 }, { zone: timeZone });
    if (at.isValid) return month(at);
  }
  const numbered = /^(\d{1,2})\s*月$/.exec(value);
  if (numbered && Number(numbered[1]) >= 1 && Number(numbered[1]) <= 12) return month(latestMonthNumbered(Number(numbered[1]), today));
  const named = MONTH_NAMES.findIndex((name) => value === name.slice(0, 3) || value === name);
  if (named >= 0) return month(latestMonthNumbered(named + 1, today));
  throw new UnreadableMonth(text ?? '');
}

function isMonth(text: string): boolean {
  try {
    parseCostMonth(text, new Date(0), 'UTC');
    return true;
  } catch {
    return false;
  }
}

function isAmount(text: string | undefined): boolean {
  if (text === undefined) return false;
  try {
    parseAmount(text);
    return true;
  } catch {
    return false;
  }
}

export interface CostCommand {
  target: CostTarget;
  /** Exact decimal text in major units (src/domain/amount.ts). */
  amount: string;
  month: Period;
}

/**
 * `/lead cost <channel|campaign> <amount> [month]` as typed: the month is the last one
 * or two words when they read as one (`last month`), the amount the word before, the
 * rest names the channel or campaign (`trade show 2万 11月`). A word after an amount that
 * is no month is named as such, not taken for a bad amount.
 */
export function parseCostCommand(text: string, now: Date, timeZone: string): CostCommand {
  const words = text.normalize('NFKC').trim().split(/\s+/u).filter(Boolean);
  for (const monthWords of [2, 1]) {
    if (words.length < monthWords + 2) continue;
    const month = words.slice(-monthWords).join(' ');
    if (!isMonth(month)) continue;
    return costCommand(words.slice(0, -monthWords - 1), words.at(-monthWords - 1)!, parseCostMonth(month, now, timeZone));
  }
  if (words.length >= 3 && !isAmount(words.at(-1)) && isAmount(words.at(-2))) throw new UnreadableMonth(words.at(-1)!);
  if (words.length < 2) throw new MissingArgument(COST_USAGE);
  return costCommand(words.slice(0, -1), words.at(-1)!, parseCostMonth(undefined, now, timeZone));
}

function costCommand(targetWords: string[], amountText: string, month: Period): CostCommand {
  const amount = parseAmount(amountText);
  if (minorUnits(amount) <= 0n) throw new CostNotPositive(amountText);
  return { target: parseCostTarget(targetWords.join(' ')), amount, month };
}

export const COST_USAGE = '/lead cost <channel|campaign:name> <amount> [month]';

/**
 * The part of a cost that falls in a period: spend is spread evenly over its month, so a
 * period that covers a third of November carries a third of November's spend. Rounded to
 * the minor unit.
 */
export function costWithin(entry: { amountMinor: bigint; periodStart: Date; periodEnd: Date }, period: Pick<Period, 'start' | 'end'>): bigint {
  const length = entry.periodEnd.getTime() - entry.periodStart.getTime();
  const overlap = Math.min(entry.periodEnd.getTime(), period.end.getTime()) - Math.max(entry.periodStart.getTime(), period.start.getTime());
  if (length <= 0 || overlap <= 0) return 0n;
  if (overlap >= length) return entry.amountMinor;
  // Milliseconds fit a float exactly; the amount stays a bigint, so a 10^14 cost is exact.
  const scaled = entry.amountMinor * BigInt(overlap) * 2n + BigInt(length);
  return scaled / (2n * BigInt(length));
}
