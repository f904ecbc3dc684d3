import { channelChartSpec, type ChannelBubble } from '../charts/channel-chart.js';
import { majorUnits } from '../domain/amount.js';
import { channelTable, type ChannelDimension, type GroupMetrics, type GroupTotals, type Suggestion } from '../domain/channel-metrics.js';
import { campaignKey, costWithin } from '../domain/costs.js';
import { periodDays, type Period } from '../domain/periods.js';
import { KNOWN_SOURCE_CHANNELS, knownTag } from '../domain/tags.js';
import { messagesFor, type Locale } from '../i18n/messages.js';
import { leadGroups, leadsByGroupAndChannel, type LeadGroupRow } from '../store/channel-metrics.js';
import { costsOverlapping, type CostEntryRow } from '../store/costs.js';
import type { Db } from '../store/database.js';
import type { Provider } from '../store/schema-source.js';
import { usedSourceChannels } from '../store/tags.js';
import type { Chart } from './charts.js';
import type { NameLookup } from './drafts.js';

/**
 * `/lead channels`, its section of reports and `leadops report channels`: seed 004's
 * table 2 for the leads acquired in a period. Costs attribute to those leads: each cost
 * entry counts with the share of its month that falls in the period (a month's spend is
 * spread evenly over its days), so a period of whole months takes those months' spend
 * whole and a week takes a week's worth.
 *
 * Costs are recorded per source channel or per campaign. Grouped by channel or campaign,
 * a group's cost is its own entries; grouped by content asset, industry or owner, each
 * channel's spend is shared out among that channel's leads, a lead carrying its channel's
 * cost per lead (campaign spend is left out there: a campaign runs on a channel, and
 * counting both would count it twice).
 */
export interface ChannelGroup extends GroupMetrics {
  /** How people read the group's name (a channel in their language, an owner's display name); '' for leads with the field empty. */
  name: string;
  /** Grouped by owner: the owner, to mention in Slack. */
  ownerId?: string;
}

export interface ChannelReportModel {
  locale: Locale;
  currency: string;
  period: Period;
  by: ChannelDimension;
  groups: ChannelGroup[];
  total: GroupMetrics;
}

interface Grouped {
  key: string;
  name: string;
  lead?: LeadGroupRow;
  costMinor?: bigint;
}

function addCost(groups: Map<string, Grouped>, key: string, name: string, cost: bigint): void {
  const group = groups.get(key) ?? { key, name };
  group.costMinor = (group.costMinor ?? 0n) + cost;
  groups.set(key, group);
}

/** Two spellings of one campaign are one group: their counts add up, the median is the larger part's. */
function mergeLeadRows(a: LeadGroupRow | undefined, b: LeadGroupRow): LeadGroupRow {
  if (!a) return b;
  const larger = a.leads >= b.leads ? a : b;
  return { key: a.key, leads: a.leads + b.leads, won: a.won + b.won, revenueMinor: a.revenueMinor + b.revenueMinor, ...(larger.medianDaysToWin !== undefined ? { medianDaysToWin: larger.medianDaysToWin } : {}) };
}

/** Each channel's spend in the period, by channel key. */
function channelSpend(costs: CostEntryRow[], period: Period): Map<string, bigint> {
  const spend = new Map<string, bigint>();
  for (const entry of costs) if (entry.sourceChannel !== null) spend.set(entry.sourceChannel, (spend.get(entry.sourceChannel) ?? 0n) + costWithin(entry, period));
  return spend;
}

export async function channelReportModel(
  database: { db: Db; provider: Provider },
  workspace: { id: string; locale: Locale; currency: string },
  period: Period,
  by: ChannelDimension,
  names: NameLookup,
): Promise<ChannelReportModel> {
  const { db, provider } = database;
  const [rows, costs] = await Promise.all([leadGroups(db, provider, workspace.id, period, by), costsOverlapping(db, workspace.id, workspace.currency, period)]);
  const groups = new Map<string, Grouped>();

  if (by === 'channel') {
    const used = new Map((await usedSourceChannels(db, workspace.id)).map((tag) => [tag.key, tag.label]));
    const channelName = (key: string) => knownTag(key, KNOWN_SOURCE_CHANNELS)?.[workspace.locale] ?? used.get(key) ?? key;
    for (const row of rows) groups.set(row.key ?? '', { key: row.key ?? '', name: row.key ? channelName(row.key) : '', lead: row });
    for (const [key, cost] of channelSpend(costs, period)) if (cost > 0n) addCost(groups, key, channelName(key), cost);
  } else if (by === 'campaign') {
    for (const row of rows) {
      const key = row.key ? campaignKey(row.key) : '';
      const group = groups.get(key) ?? { key, name: row.key ?? '' };
      group.lead = mergeLeadRows(group.lead, row);
      groups.set(key, group);
    }
    for (const entry of costs) {
      if (entry.campaign === null) continue;
      const cost = costWithin(entry, period);
      if (cost > 0n) addCost(groups, campaignKey(entry.campaign), groups.get(campaignKey(entry.campaign))?.name ?? entry.campaign, cost);
    }
  } else {
    for (const row of rows) groups.set(row.key ?? '', { key: row.key ?? '', name: row.key ?? '', lead: row });
    const spend = channelSpend(costs, period);
    if (spend.size > 0) {
      const split = await leadsByGroupAndChannel(db, workspace.id, period, by);
      const channelLeads = new Map<string, number>();
      for (const part of split) if (part.channel) channelLeads.set(part.channel, (channelLeads.get(part.channel) ?? 0) + part.leads);
      for (const part of split) {
        const cost = part.channel ? spend.get(part.channel) : undefined;
        const of = part.channel ? channelLeads.get(part.channel)! : 0;
        if (!cost || of === 0) continue;
        // The group's leads of that channel times the channel's cost per lead, to the nearest minor unit.
        addCost(groups, part.key ?? '', part.key ?? '', (cost * BigInt(part.leads) * 2n + BigInt(of)) / (2n * BigInt(of)));
      }
    }
    if (by === 'owner') {
      const shown = await names([...groups.keys()].filter(Boolean));
      for (const group of groups.values()) group.name = shown.get(group.key) ?? group.key;
    }
  }

  const totals: GroupTotals[] = [...groups.values()].map((group) => ({
    key: group.key,
    leads: group.lead?.leads ?? 0,
    won: group.lead?.won ?? 0,
    revenueMinor: group.lead?.revenueMinor ?? 0n,
    ...(group.costMinor !== undefined ? { costMinor: group.costMinor } : {}),
    ...(group.lead?.medianDaysToWin !== undefined ? { medianDaysToWin: group.lead.medianDaysToWin } : {}),
  }));
  const table = channelTable(totals);
  return {
    locale: workspace.locale,
    currency: workspace.currency,
    period,
    by,
    groups: table.groups.map((group) => ({ ...group, name: groups.get(group.key)!.name, ...(by === 'owner' && group.key ? { ownerId: group.key } : {}) })),
    total: table.total,
  };
}

const GOOD: ReadonlySet<Suggestion> = new Set(['scale_up', 'keep_investing']);
const BAD: ReadonlySet<Suggestion> = new Set(['losing_money', 'high_cost_per_lead', 'spend_without_leads', 'no_wins', 'tighten_targeting']);

/** A chart shows this many bubbles at most, the best returns first: more would be unreadable. */
export const MAX_CHART_GROUPS = 15;

/** The group's name as plain text, for charts and files: the empty field says so. */
export function plainGroupName(group: Pick<ChannelGroup, 'name'>, locale: Locale): string {
  return group.name || messagesFor(locale).channels.notRecorded;
}

/** Conversion against cost per lead, bubble size revenue, for the groups that have a cost and leads; none without any. */
export function channelReportCharts(model: ChannelReportModel): Chart[] {
  const t = messagesFor(model.locale).channels;
  const dimension = t.dimensions[model.by];
  const bubbles: ChannelBubble[] = model.groups
    .filter((group) => group.costPerLeadMinor !== undefined)
    .slice(0, MAX_CHART_GROUPS)
    .map((group) => ({
      name: plainGroupName(group, model.locale),
      costPerLead: Number(majorUnits(group.costPerLeadMinor!)),
      conversion: Math.round(group.conversion * 1000) / 10,
      revenue: Number(majorUnits(group.revenueMinor)),
      tone: GOOD.has(group.suggestion) ? 'good' : BAD.has(group.suggestion) ? 'bad' : 'neutral',
    }));
  if (bubbles.length === 0) return [];
  return [
    {
      name: 'channels',
      title: t.chartTitle(dimension),
      altText: t.chartAlt(dimension, bubbles.length),
      spec: channelChartSpec({ title: t.chartTitle(dimension), subtitle: t.chartSubtitle, xTitle: t.chartX(model.currency), yTitle: t.chartY, sizeTitle: t.chartRevenue, bubbles }),
    },
  ];
}

/** The stem of the report's files: `channels-by-channel-2026-11-01`. */
export function channelReportFileStem(model: Pick<ChannelReportModel, 'by' | 'period'>): string {
  return `channels-by-${model.by}-${periodDays(model.period).first}`;
}
