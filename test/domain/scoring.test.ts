import { describe, expect, it } from 'vitest';
import { InvalidScoringRules } from '../../src/domain/errors.js';
import {
  checkScoringRules,
  conversionByTier,
  DEFAULT_SCORING_RULES,
  parseSignalKind,
  scoreLead,
  scoringRulesFromStored,
  tierOf,
  type ScoreFacts,
} from '../../src/domain/scoring.js';

const day = new Date('2026-11-02T02:00:00Z');
const bare: ScoreFacts = {
  customerType: null,
  industry: null,
  budget: null,
  authority: null,
  need: null,
  timeline: null,
  contactedAt: null,
  discoveryAt: null,
  proposalAt: null,
  negotiationAt: null,
  followUps: 0,
  signals: [],
};

describe('scoreLead with the default weights', () => {
  it('gives a lead nobody knows anything about 0, low', () => {
    expect(scoreLead(bare)).toEqual({ score: 0, fit: 0, behaviour: 0, tier: 'low', mql: false });
  });

  it('adds fit: enterprise 10, industry known 4, each BANT field 6', () => {
    const lead = { ...bare, customerType: 'ENTERPRISE' as const, industry: '教育', budget: '50万', need: '排课系统', authority: ' ' };
    // 10 + 4 + 6 (budget) + 6 (need); a blank authority is not known.
    expect(scoreLead(lead)).toMatchObject({ score: 26, fit: 26, behaviour: 0, tier: 'low' });
  });

  it('adds behaviour: 3 a follow-up up to 4, the furthest stage only, each signal kind once', () => {
    const lead = { ...bare, contactedAt: day, discoveryAt: day, followUps: 6, signals: ['pricing', 'pricing', 'webinar', 'unheard-of'] };
    // 4 × 3 + 10 (Discovery) + 12 (pricing once) + 8 (webinar)
    expect(scoreLead(lead)).toMatchObject({ score: 42, fit: 0, behaviour: 42, tier: 'medium', mql: false });
  });

  it('caps at 100 and calls 80 and over marketing-qualified', () => {
    const everything: ScoreFacts = {
      customerType: 'ENTERPRISE',
      industry: 'SaaS',
      budget: 'yes',
      authority: 'CTO',
      need: 'yes',
      timeline: 'Q1',
      contactedAt: day,
      discoveryAt: day,
      proposalAt: day,
      negotiationAt: day,
      followUps: 4,
      signals: ['webinar', 'whitepaper', 'pricing', 'demo'],
    };
    // 38 fit + 12 + 22 + 41 behaviour = 113, capped.
    expect(scoreLead(everything)).toMatchObject({ score: 100, fit: 38, behaviour: 75, tier: 'high', mql: true });
    const eighty = { ...bare, customerType: 'ENTERPRISE' as const, industry: 'SaaS', budget: 'y', authority: 'y', need: 'y', timeline: 'y', negotiationAt: day, signals: ['webinar', 'whitepaper', 'pricing'] };
    expect(scoreLead(eighty).score).toBe(38 + 22 + 26);
    expect(scoreLead({ ...eighty, signals: ['pricing', 'whitepaper'] })).toMatchObject({ score: 78, mql: false });
  });

  it('draws the tiers at 60 and 30', () => {
    expect([0, 29, 30, 59, 60, 100].map((score) => tierOf(score))).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
  });
});

describe('a workspace\'s own weights', () => {
  it('override the defaults where given and keep the rest', () => {
    const rules = checkScoringRules({ fit: { targetIndustries: ['教育'], bant: { budget: 20 } }, tiers: { high: 40 }, mqlThreshold: 50 });
    expect(rules.fit.bant).toEqual({ budget: 20, authority: 6, need: 6, timeline: 6 });
    expect(rules.behaviour).toEqual(DEFAULT_SCORING_RULES.behaviour);
    const lead = { ...bare, customerType: 'ENTERPRISE' as const, industry: ' 教育 ', budget: '50万', signals: ['demo'] };
    // 10 + 4 + 8 (a target industry) + 20 + 15
    expect(scoreLead(lead, rules)).toMatchObject({ score: 57, tier: 'high', mql: true });
    expect(scoreLead(lead)).toMatchObject({ score: 35, tier: 'medium', mql: false });
  });

  it('are refused with every problem named, and stored nonsense reads as the defaults', () => {
    expect(() => checkScoringRules({ fit: { bant: { budget: -1 } }, tiers: { high: 20, medium: 50 } })).toThrow(InvalidScoringRules);
    try {
      checkScoringRules({ fit: { bant: { budget: -1 } }, mqlThreshold: 'high' });
    } catch (error) {
      expect((error as InvalidScoringRules).problems).toEqual([expect.stringMatching(/^fit\.bant\.budget: /), expect.stringMatching(/^mqlThreshold: /)]);
    }
    expect(scoringRulesFromStored('{not json')).toEqual(DEFAULT_SCORING_RULES);
    expect(scoringRulesFromStored('{"mqlThreshold": 500}')).toEqual(DEFAULT_SCORING_RULES);
    expect(scoringRulesFromStored(null)).toEqual(DEFAULT_SCORING_RULES);
    expect(scoringRulesFromStored('{"mqlThreshold": 70}').mqlThreshold).toBe(70);
  });
});

describe('signal kinds', () => {
  it.each([
    ['webinar', 'webinar'],
    ['网络研讨会', 'webinar'],
    ['WhitePaper', 'whitepaper'],
    ['白皮书', 'whitepaper'],
    ['报价', 'pricing'],
    ['Pricing', 'pricing'],
    ['演示', 'demo'],
    ['ｄｅｍｏ', 'demo'],
  ])('%s is %s', (word, kind) => expect(parseSignalKind(word)).toBe(kind));

  it('knows no other word', () => expect(parseSignalKind('newsletter')).toBeUndefined());
});

describe('conversionByTier', () => {
  it('sums the counts per tier, with each win rate\'s Wilson interval', () => {
    const report = conversionByTier([
      { score: 90, leads: 6, won: 3 },
      { score: 60, leads: 4, won: 2 },
      { score: 45, leads: 10, won: 2 },
      { score: 10, leads: 20, won: 0 },
      { score: null, leads: 3, won: 1 },
    ]);
    expect(report.unscored).toBe(3);
    expect(report.tiers.map(({ tier, leads, won, winRate }) => ({ tier, leads, won, winRate }))).toEqual([
      { tier: 'high', leads: 10, won: 5, winRate: 0.5 },
      { tier: 'medium', leads: 10, won: 2, winRate: 0.2 },
      { tier: 'low', leads: 20, won: 0, winRate: 0 },
    ]);
    expect(report.tiers[0]!.interval!.low).toBeCloseTo(0.2366, 4);
    expect(report.tiers[2]!.interval!.high).toBeCloseTo(0.1611, 4);
    expect(report.toldApart).toBe(true);
  });

  it('does not tell tiers apart on a handful of leads, nor with a tier empty', () => {
    expect(conversionByTier([{ score: 90, leads: 2, won: 1 }, { score: 10, leads: 2, won: 0 }]).toldApart).toBe(false);
    const empty = conversionByTier([{ score: 90, leads: 20, won: 10 }]);
    expect(empty.toldApart).toBe(false);
    expect(empty.tiers[2]).toEqual({ tier: 'low', leads: 0, won: 0, winRate: null, interval: null });
  });
});
