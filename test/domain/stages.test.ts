import { describe, expect, it } from 'vitest';
import { InvalidTransition, LeadClosed, NeedsLossReason } from '../../src/domain/errors.js';
import {
  isOpenStage,
  nextOpenStage,
  OPEN_STAGES,
  parseStage,
  planStageChange,
  STAGE_LABELS,
  STAGE_TIMESTAMP,
  STAGES,
  type Stage,
} from '../../src/domain/stages.js';
import { thrownBy } from './thrown.js';

/** The stage table of DOMAIN.md, written out again so the code is checked against the spec. */
const SPEC = [
  { key: 'ACQUIRED', zh: '线索获取', en: 'Acquired', timestamp: 'acquiredAt' },
  { key: 'CONTACTED', zh: '初步接触', en: 'Contacted', timestamp: 'contactedAt' },
  { key: 'DISCOVERY', zh: '需求挖掘', en: 'Discovery', timestamp: 'discoveryAt' },
  { key: 'PROPOSAL', zh: '方案呈现', en: 'Proposal', timestamp: 'proposalAt' },
  { key: 'NEGOTIATION', zh: '商务谈判', en: 'Negotiation', timestamp: 'negotiationAt' },
  { key: 'WON', zh: '成交', en: 'Won', timestamp: 'wonAt' },
  { key: 'LOST', zh: '流失', en: 'Lost', timestamp: 'lostAt' },
] as const;

const OPEN: Stage[] = ['ACQUIRED', 'CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION'];
const AT = new Date('2023-10-08T02:30:00Z');

describe('the default pipeline of the tracking sheet', () => {
  it('has the seven stages of DOMAIN.md, in order, with their labels and timestamp columns', () => {
    expect([...STAGES]).toEqual(SPEC.map((row) => row.key));
    for (const row of SPEC) {
      expect(STAGE_LABELS[row.key]).toEqual({ en: row.en, zh: row.zh });
      expect(STAGE_TIMESTAMP[row.key]).toBe(row.timestamp);
    }
  });

  it('counts Acquired to Negotiation as open, and Won and Lost as closed', () => {
    expect([...OPEN_STAGES]).toEqual(OPEN);
    for (const stage of OPEN) expect(isOpenStage(stage)).toBe(true);
    expect(isOpenStage('WON')).toBe(false);
    expect(isOpenStage('LOST')).toBe(false);
  });
});

describe('parseStage: a rep names a stage however they like', () => {
  it.each(SPEC.map((row) => [row.key, row.key] as const))('by its key %s', (input, stage) => {
    expect(parseStage(input)).toBe(stage);
  });

  it.each(SPEC.map((row) => [row.en, row.key] as const))('by its English label %s', (input, stage) => {
    expect(parseStage(input)).toBe(stage);
  });

  it.each(SPEC.map((row) => [row.zh, row.key] as const))('by its 中文 label %s', (input, stage) => {
    expect(parseStage(input)).toBe(stage);
  });

  it('in any case: proposal, PROPOSAL, pRoPoSaL', () => {
    expect(parseStage('proposal')).toBe('PROPOSAL');
    expect(parseStage('PROPOSAL')).toBe('PROPOSAL');
    expect(parseStage('pRoPoSaL')).toBe('PROPOSAL');
    expect(parseStage('negotiation')).toBe('NEGOTIATION');
    expect(parseStage('won')).toBe('WON');
  });

  it('typed with a Chinese input method in full-width mode: Ｐｒｏｐｏｓａｌ, ＤＩＳＣＯＶＥＲＹ', () => {
    expect(parseStage('Ｐｒｏｐｏｓａｌ')).toBe('PROPOSAL');
    expect(parseStage('ＤＩＳＣＯＶＥＲＹ')).toBe('DISCOVERY');
    expect(parseStage('ｌｏｓｔ')).toBe('LOST');
  });

  it('with stray spaces around it, ASCII or ideographic', () => {
    expect(parseStage('  contacted  ')).toBe('CONTACTED');
    expect(parseStage('\u3000方案呈现\u3000')).toBe('PROPOSAL');
  });

  it('but not something that is not a stage name', () => {
    expect(parseStage('')).toBeUndefined();
    expect(parseStage('   ')).toBeUndefined();
    expect(parseStage('proposals')).toBeUndefined();
    expect(parseStage('prop')).toBeUndefined();
    expect(parseStage('方案')).toBeUndefined();
    expect(parseStage('closing')).toBeUndefined();
    expect(parseStage('acquired_at')).toBeUndefined();
  });
});

describe('nextOpenStage: where `advance` takes a lead', () => {
  it('walks the open stages one by one', () => {
    expect(nextOpenStage('ACQUIRED')).toBe('CONTACTED');
    expect(nextOpenStage('CONTACTED')).toBe('DISCOVERY');
    expect(nextOpenStage('DISCOVERY')).toBe('PROPOSAL');
    expect(nextOpenStage('PROPOSAL')).toBe('NEGOTIATION');
  });

  it('stops at Negotiation: winning is its own action, not an advance', () => {
    expect(nextOpenStage('NEGOTIATION')).toBeUndefined();
  });

  it('has nowhere to take a won or lost lead', () => {
    expect(nextOpenStage('WON')).toBeUndefined();
    expect(nextOpenStage('LOST')).toBeUndefined();
  });
});

describe('planStageChange: moving a lead', () => {
  it('a rep advances a contacted lead to Discovery: only discoveryAt is set, nothing skipped', () => {
    expect(planStageChange('20231001001', 'CONTACTED', 'DISCOVERY', AT)).toEqual({
      from: 'CONTACTED',
      to: 'DISCOVERY',
      timestamps: { discoveryAt: AT },
      skipped: [],
    });
  });

  it('a rep jumps from Contacted to Proposal and Discovery gets the jump’s time', () => {
    const plan = planStageChange('20231001001', 'CONTACTED', 'PROPOSAL', AT);
    expect(plan.skipped).toEqual(['DISCOVERY']);
    expect(plan.timestamps).toEqual({ discoveryAt: AT, proposalAt: AT });
    expect(plan.timestamps.discoveryAt?.getTime()).toBe(AT.getTime());
  });

  it('a rep jumps a fresh lead straight to Negotiation: Contacted, Discovery and Proposal all get the jump’s time', () => {
    const plan = planStageChange('20231001001', 'ACQUIRED', 'NEGOTIATION', AT);
    expect(plan.skipped).toEqual(['CONTACTED', 'DISCOVERY', 'PROPOSAL']);
    expect(plan.timestamps).toEqual({ contactedAt: AT, discoveryAt: AT, proposalAt: AT, negotiationAt: AT });
  });

  it('a lead won straight from Acquired reaches every stage of the funnel at the moment of winning', () => {
    const plan = planStageChange('20231001001', 'ACQUIRED', 'WON', AT);
    expect(plan.skipped).toEqual(['CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION']);
    expect(plan.timestamps).toEqual({
      contactedAt: AT,
      discoveryAt: AT,
      proposalAt: AT,
      negotiationAt: AT,
      wonAt: AT,
    });
  });

  it('a lead won from Negotiation only gets wonAt', () => {
    expect(planStageChange('20231001001', 'NEGOTIATION', 'WON', AT)).toEqual({
      from: 'NEGOTIATION',
      to: 'WON',
      timestamps: { wonAt: AT },
      skipped: [],
    });
  });

  it('never touches acquiredAt or the stage the lead is already in', () => {
    const plan = planStageChange('20231001001', 'DISCOVERY', 'WON', AT);
    expect(plan.timestamps).not.toHaveProperty('acquiredAt');
    expect(plan.timestamps).not.toHaveProperty('discoveryAt');
    expect(plan.timestamps).not.toHaveProperty('lostAt');
  });

  it('every forward move sets exactly the stages strictly after `from` up to and including `to`', () => {
    const forward: Stage[] = [...OPEN, 'WON'];
    for (let i = 0; i < OPEN.length; i++) {
      for (let j = i + 1; j < forward.length; j++) {
        const plan = planStageChange('1', forward[i]!, forward[j]!, AT);
        const reached = forward.slice(i + 1, j + 1);
        expect(Object.keys(plan.timestamps).sort()).toEqual(reached.map((stage) => STAGE_TIMESTAMP[stage]).sort());
        expect(plan.skipped).toEqual(forward.slice(i + 1, j));
      }
    }
  });

  describe('refuses to go backwards or stay put', () => {
    it('a rep tries to move a Proposal lead back to Contacted', () => {
      const error = thrownBy(() => planStageChange('20231001001', 'PROPOSAL', 'CONTACTED', AT));
      expect(error).toBeInstanceOf(InvalidTransition);
      expect(error).toMatchObject({ code: 'invalid_transition', number: '20231001001', from: 'PROPOSAL', to: 'CONTACTED' });
    });

    it('a rep “advances” a Discovery lead to Discovery', () => {
      const error = thrownBy(() => planStageChange('20231001', 'DISCOVERY', 'DISCOVERY', AT));
      expect(error).toBeInstanceOf(InvalidTransition);
      expect(error).toMatchObject({ number: '20231001', from: 'DISCOVERY', to: 'DISCOVERY' });
    });

    it('no open stage can be moved back to Acquired', () => {
      for (const from of OPEN) {
        expect(() => planStageChange('1', from, 'ACQUIRED', AT)).toThrow(InvalidTransition);
      }
    });
  });

  describe('won and lost leads are closed until someone reopens them', () => {
    it.each<[Stage, Stage]>([
      ['WON', 'NEGOTIATION'],
      ['WON', 'LOST'],
      ['WON', 'WON'],
      ['LOST', 'CONTACTED'],
      ['LOST', 'WON'],
      ['LOST', 'LOST'],
    ])('a %s lead cannot be moved to %s', (from, to) => {
      const error = thrownBy(() => planStageChange('20231001002', from, to, AT, { lossReasonCount: 2 }));
      expect(error).toBeInstanceOf(LeadClosed);
      expect(error).toMatchObject({ code: 'lead_closed', number: '20231001002', stage: from });
    });
  });

  describe('losing a lead', () => {
    it('needs at least one loss reason', () => {
      const error = thrownBy(() => planStageChange('20231001003', 'PROPOSAL', 'LOST', AT));
      expect(error).toBeInstanceOf(NeedsLossReason);
      expect(error).toMatchObject({ code: 'needs_loss_reason', number: '20231001003' });
      expect(() => planStageChange('20231001003', 'PROPOSAL', 'LOST', AT, { lossReasonCount: 0 })).toThrow(NeedsLossReason);
    });

    it('with a reason, from any open stage, sets only lostAt and fills nothing in between', () => {
      for (const from of OPEN) {
        expect(planStageChange('20231001003', from, 'LOST', AT, { lossReasonCount: 1 })).toEqual({
          from,
          to: 'LOST',
          timestamps: { lostAt: AT },
          skipped: [],
        });
      }
    });
  });
});
