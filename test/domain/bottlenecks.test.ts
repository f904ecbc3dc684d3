import { describe, expect, it } from 'vitest';
import { findBottlenecks, judgeSeries, parseFindingKey, twoProportionPValue, type Count, type WeeklySeries } from '../../src/domain/bottlenecks.js';

/** Eight baseline weeks alike, then the week judged. */
function weeks(baseline: Count, week: Count): Count[] {
  return [...Array.from({ length: 8 }, () => baseline), week];
}

describe('the two-proportion test', () => {
  it('40 of 100 against 200 of 800: z = 0.15 / 0.0469 = 3.20, beyond the table\'s 3.09, so p = 0.002', () => {
    // pooled = 240/900 = 0.2667; SE = √(0.2667·0.7333·(1/100 + 1/800)) = 0.0469
    expect(twoProportionPValue({ hits: 40, total: 100 }, { hits: 200, total: 800 })).toBeCloseTo(0.002, 6);
  });

  it('10 of 25 against 200 of 800: z = 1.70, Φ = 0.9554, p = 0.0892', () => {
    expect(twoProportionPValue({ hits: 10, total: 25 }, { hits: 200, total: 800 })).toBeCloseTo(0.0892, 6);
  });

  it('the same rate on both sides is no evidence at all', () => {
    expect(twoProportionPValue({ hits: 25, total: 100 }, { hits: 200, total: 800 })).toBeCloseTo(1, 6);
  });
});

describe('a week judged against its baseline', () => {
  it('Contacted → Discovery drop-off up from 25% to 40% on 100 leads is flagged, once', () => {
    const series: WeeklySeries[] = [
      { kind: 'dropoff', subject: 'CONTACTED', weeks: weeks({ hits: 25, total: 100 }, { hits: 40, total: 100 }) },
      { kind: 'dropoff', subject: 'DISCOVERY', weeks: weeks({ hits: 30, total: 100 }, { hits: 31, total: 100 }) },
    ];
    const findings = findBottlenecks(series);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      key: 'dropoff:CONTACTED',
      week: { hits: 40, total: 100, rate: 0.4 },
      baseline: { hits: 200, total: 800, rate: 0.25 },
      strength: 'strong',
    });
    expect(findings[0]!.pValue).toBeCloseTo(0.002, 6);
    expect(findings[0]!.weeklyRates).toEqual([0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.4]);
  });

  it('the same rise on 3 of 5 leads is not flagged: too few to tell', () => {
    // Expected drop-outs in the week: 5 × 203/805 = 1.3, under the 5 the normal approximation needs.
    expect(judgeSeries({ kind: 'dropoff', subject: 'CONTACTED', weeks: weeks({ hits: 25, total: 100 }, { hits: 3, total: 5 }) })).toBeUndefined();
  });

  it('15 points up on 25 leads could be chance (p ≈ 0.09), and is not flagged', () => {
    // pooled = 210/825; SE = √(0.2545·0.7455·(1/25 + 1/800)) = 0.0885; z = 0.15/0.0885 = 1.70
    expect(judgeSeries({ kind: 'dropoff', subject: 'CONTACTED', weeks: weeks({ hits: 25, total: 100 }, { hits: 10, total: 25 }) })).toBeUndefined();
  });

  it('a rise too small to act on is not flagged, however sure: 30% vs 25% on thousands', () => {
    expect(twoProportionPValue({ hits: 300, total: 1000 }, { hits: 2000, total: 8000 })).toBeCloseTo(0.002, 6);
    expect(judgeSeries({ kind: 'dropoff', subject: 'CONTACTED', weeks: weeks({ hits: 250, total: 1000 }, { hits: 300, total: 1000 }) })).toBeUndefined();
  });

  it('a drop-off that fell is good news, not a flag', () => {
    expect(judgeSeries({ kind: 'dropoff', subject: 'CONTACTED', weeks: weeks({ hits: 40, total: 100 }, { hits: 20, total: 100 }) })).toBeUndefined();
  });

  it('a channel whose conversion to Discovery fell from 50% to 30% is flagged; one that rose is not', () => {
    const fell = judgeSeries({ kind: 'channel', subject: 'douyin', weeks: weeks({ hits: 50, total: 100 }, { hits: 30, total: 100 }) });
    expect(fell).toMatchObject({ key: 'channel:douyin', week: { rate: 0.3 }, baseline: { rate: 0.5 } });
    expect(judgeSeries({ kind: 'channel', subject: 'seo', weeks: weeks({ hits: 30, total: 100 }, { hits: 50, total: 100 }) })).toBeUndefined();
  });

  it('a loss reason whose share of losses grew from 20% to 45% is flagged', () => {
    // pooled = 205/900; SE = √(0.2278·0.7722·(1/100 + 1/800)) = 0.0444; z = 0.25/0.0444 = 5.6
    expect(judgeSeries({ kind: 'loss', subject: 'budget', weeks: weeks({ hits: 20, total: 100 }, { hits: 45, total: 100 }) })).toMatchObject({ key: 'loss:budget', strength: 'strong' });
  });

  it('a week with nobody decided, or no baseline, is not judged', () => {
    expect(judgeSeries({ kind: 'dropoff', subject: 'PROPOSAL', weeks: weeks({ hits: 25, total: 100 }, { hits: 0, total: 0 }) })).toBeUndefined();
    expect(judgeSeries({ kind: 'dropoff', subject: 'PROPOSAL', weeks: weeks({ hits: 0, total: 0 }, { hits: 40, total: 100 }) })).toBeUndefined();
  });

  it('a wider margin (a workspace\'s own) keeps a 15-point rise quiet', () => {
    expect(judgeSeries({ kind: 'dropoff', subject: 'CONTACTED', weeks: weeks({ hits: 25, total: 100 }, { hits: 40, total: 100 }) }, { margin: 0.2 })).toBeUndefined();
  });

  it('keys read back to their kind and subject', () => {
    expect(parseFindingKey('channel:转介绍')).toEqual({ kind: 'channel', subject: '转介绍' });
    expect(parseFindingKey('owner:U1')).toBeUndefined();
  });
});
