import { describe, expect, it } from 'vitest';
import { byReturn, channelTable, MIN_LEADS_TO_JUDGE, parseDimension, roiRatio, splitChannelsArguments, suggestionFor, type GroupTotals } from '../../src/domain/channel-metrics.js';

const yuan = (amount: number) => BigInt(amount) * 100n;

/**
 * Seed 004's table 2 in miniature, every figure worked out by hand:
 * team: 956 leads, 72 won (7.53%); the groups with a cost have 906 leads and cost ¥423,000
 * (¥466.89 a lead) and brought ¥1,840,000 (ROI 4.35); 5 groups with leads, 191.2 on average.
 */
const SHEET: GroupTotals[] = [
  { key: 'douyin', leads: 500, won: 20, revenueMinor: yuan(400_000), costMinor: yuan(200_000), medianDaysToWin: 21 },
  { key: 'trade_show', leads: 100, won: 15, revenueMinor: yuan(750_000), costMinor: yuan(150_000) },
  { key: 'seo', leads: 300, won: 24, revenueMinor: yuan(600_000), costMinor: yuan(60_000) },
  { key: 'referral', leads: 50, won: 10, revenueMinor: yuan(500_000) },
  { key: 'webinar', leads: 0, won: 0, revenueMinor: 0n, costMinor: yuan(10_000) },
  { key: 'ads', leads: 6, won: 3, revenueMinor: yuan(90_000), costMinor: yuan(3_000) },
];

describe('where the money works (004 table 2)', () => {
  const table = channelTable(SHEET);
  const group = (key: string) => table.groups.find((g) => g.key === key)!;

  it('computes conversion, cost per lead, CAC and ROI as the sheet defines them', () => {
    expect(group('douyin')).toMatchObject({ conversion: 0.04, costPerLeadMinor: yuan(400), cacMinor: yuan(10_000), roi: 2, costRecorded: true, medianDaysToWin: 21 });
    expect(group('trade_show')).toMatchObject({ conversion: 0.15, costPerLeadMinor: yuan(1_500), cacMinor: yuan(10_000), roi: 5 });
    expect(group('seo')).toMatchObject({ conversion: 0.08, costPerLeadMinor: yuan(200), cacMinor: yuan(2_500), roi: 10 });
  });

  it('shows a group with no cost as such, never with an infinite ROI', () => {
    const referral = group('referral');
    expect(referral.costRecorded).toBe(false);
    expect(referral.roi).toBeUndefined();
    expect(referral.costPerLeadMinor).toBeUndefined();
    expect(referral.cacMinor).toBeUndefined();
    expect(referral.conversion).toBe(0.2);
  });

  it('keeps a channel with spend and zero leads: no cost per lead, an ROI of 1:0', () => {
    expect(group('webinar')).toMatchObject({ leads: 0, conversion: 0, roi: 0, suggestion: 'spend_without_leads' });
    expect(group('webinar').costPerLeadMinor).toBeUndefined();
  });

  it('gives each group the first suggestion that holds', () => {
    expect(Object.fromEntries(table.groups.map((g) => [g.key, g.suggestion]))).toEqual({
      douyin: 'tighten_targeting', // 500 leads ≥ 1.5 × 191.2, 4% ≤ 7.53% / 1.25
      trade_show: 'high_cost_per_lead', // ¥1,500 ≥ 1.5 × ¥466.89
      seo: 'keep_investing', // 8% > 7.53% and ROI 10 ≥ 4.35
      referral: 'scale_up', // 50 ≤ 191.2 / 1.5 and 20% ≥ 1.25 × 7.53%
      webinar: 'spend_without_leads',
      ads: 'too_few_leads', // 6 < MIN_LEADS_TO_JUDGE, however good its ROI of 30
    });
    expect(MIN_LEADS_TO_JUDGE).toBe(10);
  });

  it('sorts by ROI, best first, and puts the groups with no cost after those with one', () => {
    expect(table.groups.map((g) => g.key)).toEqual(['ads', 'seo', 'trade_show', 'douyin', 'webinar', 'referral']);
  });

  it('adds up the team: every cost recorded, all revenue', () => {
    expect(table.total).toMatchObject({ leads: 956, won: 72, revenueMinor: yuan(2_340_000), costMinor: yuan(423_000), costRecorded: true });
    expect(table.total.roi).toBeCloseTo(2_340_000 / 423_000, 10);
    expect(roiRatio(table.total.roi!)).toBe('1:5.5');
  });

  it('names the remaining rules: no deal yet, a return below the cost, no cost to judge by, in line', () => {
    const team = { averageLeads: 100, conversion: 0.1, costPerLead: 50_000, roi: 3 };
    const rated = (over: object) => ({ key: 'x', leads: 100, won: 10, revenueMinor: yuan(100_000), conversion: 0.1, costRecorded: true, costMinor: yuan(40_000), costPerLeadMinor: yuan(400), cacMinor: yuan(4_000), roi: 2.5, ...over });
    expect(suggestionFor(rated({ won: 0, conversion: 0 }), team)).toBe('no_wins');
    expect(suggestionFor(rated({ roi: 0.8 }), team)).toBe('losing_money');
    expect(suggestionFor(rated({ costRecorded: false, costMinor: undefined, costPerLeadMinor: undefined, cacMinor: undefined, roi: undefined }), team)).toBe('record_cost');
    expect(suggestionFor(rated({}), team)).toBe('steady');
  });

  it('breaks ties by name so the table reads the same every time', () => {
    const a = channelTable([{ key: 'b', leads: 10, won: 1, revenueMinor: 0n }, { key: 'a', leads: 10, won: 1, revenueMinor: 0n }]);
    expect(a.groups.map((g) => g.key)).toEqual(['a', 'b']);
    expect(byReturn(a.groups[0]!, a.groups[0]!)).toBe(0);
  });

  it('reads the grouping and the period in either order and language', () => {
    expect(splitChannelsArguments('last-month by owner')).toEqual({ period: 'last-month', by: 'owner' });
    expect(splitChannelsArguments('按行业 本月')).toEqual({ period: '本月', by: '行业' });
    expect(splitChannelsArguments('by:campaign')).toEqual({ by: 'campaign' });
    expect(splitChannelsArguments('')).toEqual({});
    expect(parseDimension('行业')).toBe('industry');
    expect(parseDimension('Campaign')).toBe('campaign');
    expect(parseDimension('weather')).toBeUndefined();
  });
});
