import { describe, expect, it } from 'vitest';
import { auditSampleSize, sampleOf, seededRandom } from '../../src/domain/audit.js';
import { DEFAULT_FOLLOW_UP_RULES, followUpCutoffs } from '../../src/domain/follow-ups.js';
import { hygieneFindings, type HygieneFacts } from '../../src/domain/hygiene.js';

const NOW = new Date('2026-12-03T02:00:00Z');
const DAY = 86_400_000;
const cutoffs = followUpCutoffs(NOW, 'Asia/Shanghai', DEFAULT_FOLLOW_UP_RULES);

const lead = (overrides: Partial<HygieneFacts> = {}): HygieneFacts => ({
  number: '20261203001',
  stage: 'CONTACTED',
  sourceChannel: '抖音',
  industry: '教育',
  ownerId: 'U0MEI',
  acquiredAt: new Date(NOW.getTime() - 3 * DAY),
  contactedAt: new Date(NOW.getTime() - 2 * DAY),
  discoveryAt: null,
  proposalAt: null,
  negotiationAt: null,
  wonAt: null,
  lostAt: null,
  lastFollowUpAt: null,
  nextFollowUpAt: null,
  claimedAt: null,
  pooledAt: null,
  ...overrides,
});

describe('the weekly spot-check sample', () => {
  it('is 10% rounded up, at least 5, never more than there are', () => {
    expect([0, 3, 5, 12, 50, 51, 60, 61, 1000].map(auditSampleSize)).toEqual([0, 3, 5, 5, 5, 6, 6, 7, 100]);
  });

  it('draws distinct items, the same for the same seed and another for another seed', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const first = sampleOf(items, 10, seededRandom(42));
    expect(new Set(first).size).toBe(10);
    expect(first.every((item) => items.includes(item))).toBe(true);
    expect(sampleOf(items, 10, seededRandom(42))).toEqual(first);
    expect(sampleOf(items, 10, seededRandom(43))).not.toEqual(first);
    expect(sampleOf([1, 2], 5, seededRandom(1)).sort()).toEqual([1, 2]);
  });

  it('gives every item its chance: over many draws each of 20 items is picked about a quarter of the time', () => {
    const random = seededRandom(7);
    const picked = new Array<number>(20).fill(0);
    for (let draw = 0; draw < 4000; draw++) for (const item of sampleOf([...picked.keys()], 5, random)) picked[item]! += 1;
    for (const times of picked) {
      expect(times / 4000).toBeGreaterThan(0.2);
      expect(times / 4000).toBeLessThan(0.3);
    }
  });
});

describe('what is wrong with a lead record', () => {
  it('finds nothing in a clean lead', () => {
    expect(hygieneFindings(lead(), cutoffs)).toEqual([]);
  });

  it('names a missing (or blank) source, owner and industry', () => {
    expect(hygieneFindings(lead({ sourceChannel: null, ownerId: null, industry: '  ' }), cutoffs).map((found) => found.issue)).toEqual(['missing_source', 'missing_owner', 'missing_industry']);
  });

  it('names times out of order with the stages, a stage between unset, and won and lost both', () => {
    expect(hygieneFindings(lead({ contactedAt: null, proposalAt: new Date(NOW.getTime() - 4 * DAY) }), cutoffs)).toEqual([{ issue: 'timeline', stage: 'PROPOSAL', earlier: 'ACQUIRED' }]);
    expect(hygieneFindings(lead({ stage: 'WON', wonAt: new Date(NOW.getTime() - DAY), lostAt: new Date(NOW.getTime() - DAY) }), cutoffs)).toEqual([{ issue: 'timeline', stage: 'LOST', earlier: 'WON' }]);
  });

  it('names an open lead nobody touched for the zombie span, unless it is in the pool or closed', () => {
    const old = { acquiredAt: new Date(NOW.getTime() - 40 * DAY), contactedAt: new Date(NOW.getTime() - 35 * DAY) };
    expect(hygieneFindings(lead(old), cutoffs)).toEqual([{ issue: 'zombie', lastTouchedAt: old.contactedAt }]);
    expect(hygieneFindings(lead({ ...old, pooledAt: new Date(NOW.getTime() - 5 * DAY) }), cutoffs)).toEqual([]);
    expect(hygieneFindings(lead({ ...old, stage: 'LOST', lostAt: new Date(NOW.getTime() - 34 * DAY) }), cutoffs)).toEqual([]);
    expect(hygieneFindings(lead({ ...old, lastFollowUpAt: new Date(NOW.getTime() - 2 * DAY) }), cutoffs)).toEqual([]);
  });
});
