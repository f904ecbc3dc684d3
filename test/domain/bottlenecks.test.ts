import { describe, expect, it } from 'vitest';
import { countRisePValue, findBottlenecks, judgeSeries, parseFindingKey, twoProportionPValue, type Count, type WeeklySeries } from '../../src/domain/bottlenecks.js';

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
    expect(parseFindingKey('owner:U1')).toEqual({ kind: 'owner', subject: 'U1' });
    expect(parseFindingKey('mood:U1')).toBeUndefined();
  });
});

describe('an owner whose overdue count doubled', () => {
  /** Snapshots of an owner's overdue, oldest first; null: a week the bot did not count. */
  const owner = (...counts: Array<number | null>): WeeklySeries => ({ kind: 'owner', subject: 'U0WANG', weeks: counts.map((count) => (count === null ? { hits: 0, total: 0 } : { hits: count, total: 1 })) });

  it('the binomial test on counts, by hand: 12 this week after 4, 3, 5, 4 (16 in 4 weeks)', () => {
    // Were this week like the 4 before, each of the 28 overdue would fall in it with chance 1/5.
    // P(X ≥ 12 | Bin(28, 0.2)) = Σ C(28, k) 0.2^k 0.8^(28−k) for k ≥ 12 = 0.00496, doubled: 0.00992.
    expect(countRisePValue(12, { hits: 16, total: 4 })).toBeCloseTo(0.00992, 4);
    expect(countRisePValue(0, { hits: 0, total: 4 })).toBe(1);
  });

  it('12 overdue against a usual 4 a week is flagged, with its count and the weekly average', () => {
    const finding = judgeSeries(owner(null, null, null, null, 4, 3, 5, 4, 12))!;
    expect(finding).toMatchObject({ key: 'owner:U0WANG', week: { hits: 12, rate: 12 }, baseline: { hits: 16, total: 4, rate: 4 }, strength: 'strong' });
    expect(finding.weeklyRates).toEqual([null, null, null, null, 4, 3, 5, 4, 12]);
  });

  it('doubled by only two leads (1 → 3), not doubled (8.5 → 15), or too few weeks counted: no flag', () => {
    expect(judgeSeries(owner(1, 1, 1, 1, 1, 1, 1, 1, 3))).toBeUndefined();
    expect(judgeSeries(owner(8, 9, 8, 9, 8, 9, 8, 9, 15))).toBeUndefined();
    expect(judgeSeries(owner(null, null, null, null, null, 4, 3, 5, 12))).toBeUndefined();
  });

  it('a doubling that could be chance on small counts stays quiet: 5 after 3, 0, 2, 1 (p = 0.10)', () => {
    expect(countRisePValue(5, { hits: 6, total: 4 })).toBeCloseTo(0.1008, 3);
    expect(judgeSeries(owner(3, 0, 2, 1, 5))).toBeUndefined();
  });
});
