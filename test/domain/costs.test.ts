import { describe, expect, it } from 'vitest';
import { MissingArgument, InvalidAmount } from '../../src/domain/errors.js';
import { campaignKey, CostNotPositive, costWithin, InvalidCostTarget, parseCostCommand, parseCostMonth, UnreadableMonth } from '../../src/domain/costs.js';

/** 10:00 on Thursday 3 December 2026 in Shanghai. */
const NOW = new Date('2026-12-03T02:00:00Z');
const ZONE = 'Asia/Shanghai';
const parse = (text: string) => parseCostCommand(text, NOW, ZONE);

describe('/lead cost as managers type it', () => {
  it('reads a channel, an amount as people write it, and the current month by default', () => {
    const cost = parse('抖音 5000');
    expect(cost.target).toMatchObject({ kind: 'channel', channel: { key: 'douyin' } });
    expect(cost.amount).toBe('5000');
    expect(cost.month.label).toBe('2026-12-01..2026-12-31');
    expect(cost.month.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(parse('抖音 5万').amount).toBe('50000');
    expect(parse('Douyin ¥5,000').amount).toBe('5000');
  });

  it('reads the month in the forms people write: 2026-11, 11月, nov, last month, 上月', () => {
    for (const text of ['抖音 5000 2026-11', '抖音 5000 11月', '抖音 5000 2026年11月', '抖音 5000 nov', '抖音 5000 November', '抖音 5000 last month', '抖音 5000 上月', '抖音 5000 上个月']) {
      expect(parse(text).month.label, text).toBe('2026-11-01..2026-11-30');
    }
    expect(parse('抖音 5000 本月').month.label).toBe('2026-12-01..2026-12-31');
  });

  it('takes a month without a year as the latest one that has begun', () => {
    expect(parseCostMonth('1月', NOW, ZONE).label).toBe('2026-01-01..2026-01-31');
    expect(parseCostMonth('12月', new Date('2027-01-10T02:00:00Z'), ZONE).label).toBe('2026-12-01..2026-12-31');
  });

  it('keeps a channel of several words together, and normalizes it as a lead\'s source channel', () => {
    expect(parse('trade show 2万 11月').target).toMatchObject({ kind: 'channel', channel: { key: 'trade_show' } });
    expect(parse('展会 2万').target).toMatchObject({ kind: 'channel', channel: { key: 'trade_show' } });
    expect(parse('小红书 3000').target).toMatchObject({ kind: 'channel', channel: { key: '小红书', label: '小红书' } });
  });

  it('reads a campaign after campaign: (or 推广:), quoted when it has spaces', () => {
    expect(parse('campaign:"白皮书 获客" 8000 2026-10').target).toEqual({ kind: 'campaign', campaign: '白皮书 获客' });
    expect(parse('推广：抖音信息流-教育行业广告 1.5万').target).toEqual({ kind: 'campaign', campaign: '抖音信息流-教育行业广告' });
    expect(campaignKey('ＷＨＩＴＥ Paper')).toBe(campaignKey('white paper'));
  });

  it('refuses what is not a cost, naming the part that is wrong', () => {
    expect(() => parse('抖音')).toThrow(MissingArgument);
    expect(() => parse('抖音 lots')).toThrow(InvalidAmount);
    expect(() => parse('抖音 5000 someday')).toThrow(UnreadableMonth);
    expect(() => parse('抖音 0')).toThrow(CostNotPositive);
    expect(() => parse('campaign: 5000')).toThrow(InvalidCostTarget);
    expect(() => parse('抖音 5000.123')).toThrow(InvalidAmount);
  });
});

describe('a cost within a period', () => {
  const november = { amountMinor: 3_000_00n, periodStart: new Date('2026-11-01T00:00:00Z'), periodEnd: new Date('2026-12-01T00:00:00Z') };
  it('is the whole month\'s for a period that covers it, none for one that misses it', () => {
    expect(costWithin(november, { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') })).toBe(3_000_00n);
    expect(costWithin(november, { start: new Date('2026-12-01T00:00:00Z'), end: new Date('2026-12-08T00:00:00Z') })).toBe(0n);
  });
  it('is spread evenly over the month\'s days, to the nearest minor unit', () => {
    expect(costWithin(november, { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-11T00:00:00Z') })).toBe(1_000_00n);
    expect(costWithin({ ...november, amountMinor: 100n }, { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-08T00:00:00Z') })).toBe(23n); // 100 × 7/30 = 23.3
  });
});
