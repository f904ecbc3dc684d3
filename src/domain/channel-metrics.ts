/**
 * "Where the money works" (seed 004 table 2, DOMAIN.md "Metrics"): per source channel,
 * campaign, content asset, industry or owner, the leads acquired in a period, how many
 * of them were won, what they cost and what they brought:
 * - conversion = won / leads; cost per lead = cost / leads; CAC = cost / won;
 * - revenue = the deal amounts of those won leads; ROI = revenue / cost, shown as 1:x;
 * and a one-line suggestion in 004's spirit. Pure: the store adds up, this judges.
 */

export const CHANNEL_DIMENSIONS = ['channel', 'campaign', 'content', 'industry', 'owner'] as const;
export type ChannelDimension = (typeof CHANNEL_DIMENSIONS)[number];

const DIMENSION_WORDS: Record<string, ChannelDimension> = {
  channel: 'channel', channels: 'channel', source: 'channel', 渠道: 'channel', 来源: 'channel', 来源渠道: 'channel',
  campaign: 'campaign', campaigns: 'campaign', 推广: 'campaign', 推广策略: 'campaign', 活动: 'campaign',
  content: 'content', asset: 'content', 内容: 'content', 素材: 'content', 内容素材: 'content',
  industry: 'industry', 行业: 'industry', 客户行业: 'industry',
  owner: 'owner', owners: 'owner', rep: 'owner', 负责人: 'owner', 销售: 'owner',
};

/** A grouping as written after `by` (or 按): `channel`, `行业`, …; undefined for anything else. */
export function parseDimension(word: string): ChannelDimension | undefined {
  return DIMENSION_WORDS[word.normalize('NFKC').trim().toLowerCase()];
}

/** `[period] [by <dimension>]` in either order: the period's words (for src/domain/periods.ts) and the grouping, `by` written as `by x`, `by:x` or `按x`. */
export function splitChannelsArguments(text: string): { period?: string; by?: string } {
  const byPattern = /(?:^|\s)(?:by\s*[:=]?\s*|按\s*)(\S+)/iu;
  const match = byPattern.exec(text);
  const by = match?.[1];
  const period = (match ? text.slice(0, match.index) + text.slice(match.index + match[0].length) : text).trim();
  return { ...(period ? { period } : {}), ...(by ? { by } : {}) };
}

/** Below this many leads a group's rates are noise: it is shown, but not judged (5 won of 7 is no 71% channel). */
export const MIN_LEADS_TO_JUDGE = 10;

/** "High volume" is this many times the average group's leads or more; "low volume" at most 1/this of it. */
const VOLUME_FACTOR = 1.5;
/** A conversion this many times the team's or more is high; at most 1/this of it, low. */
const CONVERSION_FACTOR = 1.25;
/** A cost per lead this many times the team's or more is high. */
const CPL_FACTOR = 1.5;

/** What the store adds up for one group. `costMinor` is undefined where no cost was recorded for it. */
export interface GroupTotals {
  key: string;
  leads: number;
  won: number;
  revenueMinor: bigint;
  costMinor?: bigint;
  /** Median days from acquired to won of its won leads; undefined without any. */
  medianDaysToWin?: number;
}

export type Suggestion =
  | 'too_few_leads'
  | 'spend_without_leads'
  | 'no_wins'
  | 'losing_money'
  | 'high_cost_per_lead'
  | 'tighten_targeting'
  | 'scale_up'
  | 'keep_investing'
  | 'record_cost'
  | 'steady';

export interface GroupMetrics extends GroupTotals {
  conversion: number;
  /** Undefined without a cost, or without leads to divide it by. */
  costPerLeadMinor?: bigint;
  cacMinor?: bigint;
  /** revenue / cost; undefined without a cost: never an infinite ROI. */
  roi?: number;
  costRecorded: boolean;
  suggestion: Suggestion;
}

export interface ChannelTable {
  groups: GroupMetrics[];
  total: GroupMetrics;
}

/** A money ratio to the nearest minor unit, exactly: cost and revenue stay bigints. */
function divideMinor(amount: bigint, by: number): bigint {
  return (amount * 2n + BigInt(by)) / (2n * BigInt(by));
}

function withRates(group: GroupTotals): Omit<GroupMetrics, 'suggestion'> {
  const costRecorded = group.costMinor !== undefined && group.costMinor > 0n;
  const cost = costRecorded ? group.costMinor! : undefined;
  return {
    ...group,
    conversion: group.leads > 0 ? group.won / group.leads : 0,
    costRecorded,
    ...(cost !== undefined && group.leads > 0 ? { costPerLeadMinor: divideMinor(cost, group.leads) } : {}),
    ...(cost !== undefined && group.won > 0 ? { cacMinor: divideMinor(cost, group.won) } : {}),
    ...(cost !== undefined ? { roi: Number(group.revenueMinor) / Number(cost) } : {}),
  };
}

/** What the team as a whole does: the yardstick each group is judged against. */
interface Yardstick {
  averageLeads: number;
  conversion: number;
  costPerLead?: number;
  roi?: number;
}

/**
 * One suggestion per group, the first rule that holds (004 step 5's conclusions:
 * "抖音线索量优势大，需优化转化环节", "展会线索质量更高，但成本高"):
 * too few leads to judge; money spent and no leads; leads and no deal; a return below
 * the spend; a cost per lead well above the team's; high volume with low conversion;
 * low volume with high conversion; better than the team on conversion and return;
 * no cost recorded to judge the return; otherwise in line.
 */
export function suggestionFor(group: Omit<GroupMetrics, 'suggestion'>, team: Yardstick): Suggestion {
  if (group.costRecorded && group.leads === 0) return 'spend_without_leads';
  if (group.leads < MIN_LEADS_TO_JUDGE) return 'too_few_leads';
  if (group.won === 0) return 'no_wins';
  if (group.roi !== undefined && group.roi < 1) return 'losing_money';
  if (group.costPerLeadMinor !== undefined && team.costPerLead !== undefined && Number(group.costPerLeadMinor) >= team.costPerLead * CPL_FACTOR) return 'high_cost_per_lead';
  const highVolume = group.leads >= team.averageLeads * VOLUME_FACTOR;
  const lowVolume = group.leads <= team.averageLeads / VOLUME_FACTOR;
  if (highVolume && group.conversion <= team.conversion / CONVERSION_FACTOR) return 'tighten_targeting';
  if (lowVolume && group.conversion >= team.conversion * CONVERSION_FACTOR) return 'scale_up';
  if (group.conversion > team.conversion && (group.roi === undefined ? false : team.roi === undefined || group.roi >= team.roi)) return 'keep_investing';
  if (!group.costRecorded) return 'record_cost';
  return 'steady';
}

/**
 * Groups with a cost first, by ROI (best first); then those without, by revenue and
 * leads. Ties by name, so the table reads the same every time.
 */
export function byReturn(a: GroupMetrics, b: GroupMetrics): number {
  if (a.costRecorded !== b.costRecorded) return a.costRecorded ? -1 : 1;
  if (a.costRecorded && a.roi !== b.roi) return b.roi! - a.roi!;
  if (a.revenueMinor !== b.revenueMinor) return a.revenueMinor > b.revenueMinor ? -1 : 1;
  if (a.leads !== b.leads) return b.leads - a.leads;
  return a.key.localeCompare(b.key);
}

/** The table of 004's table 2 from each group's totals: rates, the team's totals, a suggestion each, sorted by return. */
export function channelTable(totals: readonly GroupTotals[]): ChannelTable {
  const sum = totals.reduce(
    (all, group) => ({
      leads: all.leads + group.leads,
      won: all.won + group.won,
      revenueMinor: all.revenueMinor + group.revenueMinor,
      costMinor: group.costMinor !== undefined ? (all.costMinor ?? 0n) + group.costMinor : all.costMinor,
    }),
    { leads: 0, won: 0, revenueMinor: 0n, costMinor: undefined as bigint | undefined },
  );
  const total = withRates({ key: '', ...sum });
  // The team's cost per lead and ROI are those of the groups that have a cost: the others would dilute them.
  const costed = totals.filter((group) => group.costMinor !== undefined && group.costMinor > 0n);
  const costedLeads = costed.reduce((n, group) => n + group.leads, 0);
  const costedRevenue = costed.reduce((n, group) => n + group.revenueMinor, 0n);
  const costedCost = costed.reduce((n, group) => n + group.costMinor!, 0n);
  const withLeads = totals.filter((group) => group.leads > 0);
  const team: Yardstick = {
    averageLeads: withLeads.length > 0 ? sum.leads / withLeads.length : 0,
    conversion: total.conversion,
    ...(costedLeads > 0 ? { costPerLead: Number(costedCost) / costedLeads } : {}),
    ...(costedCost > 0n ? { roi: Number(costedRevenue) / Number(costedCost) } : {}),
  };
  const groups = totals.map((group) => {
    const rated = withRates(group);
    return { ...rated, suggestion: suggestionFor(rated, team) };
  });
  return { groups: groups.sort(byReturn), total: { ...total, suggestion: suggestionFor(total, team) } };
}

/** ROI as 004 writes it: 1:2.1. */
export function roiRatio(roi: number): string {
  return `1:${roi.toFixed(1)}`;
}
