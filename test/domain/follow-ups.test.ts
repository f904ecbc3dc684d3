import { describe, expect, it } from 'vitest';
import { DayInPast, UnreadableDay } from '../../src/domain/errors.js';
import { InvalidFields } from '../../src/domain/fields.js';
import {
  cadenceDay,
  cadenceFromStored,
  checkFollowUp,
  contactFields,
  DEFAULT_FOLLOW_UP_RULES,
  followUpCutoffs,
  followUpStatus,
  type FollowUpFacts,
} from '../../src/domain/follow-ups.js';

const ZONE = 'Asia/Shanghai';
/** Monday 23 November 2026, 10:00 in Shanghai. */
const NOW = new Date('2026-11-23T02:00:00Z');
const shanghaiDay = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const cutoffs = followUpCutoffs(NOW, ZONE, DEFAULT_FOLLOW_UP_RULES);

function lead(facts: Partial<FollowUpFacts>): FollowUpFacts {
  return { stage: 'CONTACTED', acquiredAt: daysAgo(10), contactedAt: daysAgo(5), discoveryAt: null, proposalAt: null, negotiationAt: null, lastFollowUpAt: null, nextFollowUpAt: null, ...facts };
}

describe('where an open lead stands on follow-up', () => {
  it.each<[string, Partial<FollowUpFacts>, string]>([
    ['due yesterday', { nextFollowUpAt: shanghaiDay('2026-11-22') }, 'overdue'],
    ['due today', { nextFollowUpAt: shanghaiDay('2026-11-23') }, 'due'],
    ['due tomorrow', { nextFollowUpAt: shanghaiDay('2026-11-24') }, 'scheduled'],
    ['due yesterday but contacted this morning', { nextFollowUpAt: shanghaiDay('2026-11-22'), lastFollowUpAt: new Date('2026-11-23T01:00:00Z') }, 'scheduled'],
    ['due yesterday, contacted late yesterday (Shanghai)', { nextFollowUpAt: shanghaiDay('2026-11-22'), lastFollowUpAt: new Date('2026-11-22T15:59:00Z') }, 'overdue'],
    ['quiet for 31 days', { acquiredAt: daysAgo(60), contactedAt: daysAgo(31), nextFollowUpAt: shanghaiDay('2026-10-25') }, 'zombie'],
    ['old but followed up last week', { acquiredAt: daysAgo(90), contactedAt: daysAgo(80), lastFollowUpAt: daysAgo(7), nextFollowUpAt: shanghaiDay('2026-11-30') }, 'scheduled'],
    ['in Acquired three days, never contacted', { stage: 'ACQUIRED', acquiredAt: daysAgo(3), contactedAt: null }, 'untouched'],
    ['in Acquired one day', { stage: 'ACQUIRED', acquiredAt: daysAgo(1), contactedAt: null }, 'scheduled'],
    ['in Acquired three days, called once', { stage: 'ACQUIRED', acquiredAt: daysAgo(3), contactedAt: null, lastFollowUpAt: daysAgo(1) }, 'scheduled'],
    ['won', { stage: 'WON', nextFollowUpAt: shanghaiDay('2026-11-01') }, 'closed'],
  ])('%s: %s', (_, facts, status) => {
    expect(followUpStatus(lead(facts), cutoffs)).toBe(status);
  });

  it('takes the workspace\'s own zombie and untouched spans', () => {
    const strict = followUpCutoffs(NOW, ZONE, { ...DEFAULT_FOLLOW_UP_RULES, zombieAfterDays: 14, untouchedAfterDays: 1 });
    expect(followUpStatus(lead({ acquiredAt: daysAgo(20), contactedAt: daysAgo(15) }), strict)).toBe('zombie');
    expect(followUpStatus(lead({ stage: 'ACQUIRED', acquiredAt: daysAgo(1.5), contactedAt: null }), strict)).toBe('untouched');
  });
});

describe('cadence', () => {
  it('proposes a week in early stages and three days at decision time, from the team\'s today', () => {
    expect(cadenceDay('CONTACTED', NOW, ZONE, DEFAULT_FOLLOW_UP_RULES)).toEqual(shanghaiDay('2026-11-30'));
    expect(cadenceDay('NEGOTIATION', NOW, ZONE, DEFAULT_FOLLOW_UP_RULES)).toEqual(shanghaiDay('2026-11-26'));
  });

  it('reads a stored cadence over the defaults, ignoring what is not a sane day count', () => {
    expect(cadenceFromStored('{"PROPOSAL":2,"ACQUIRED":0,"CONTACTED":"x","NEGOTIATION":1000}')).toEqual({ ACQUIRED: 7, CONTACTED: 7, DISCOVERY: 7, PROPOSAL: 2, NEGOTIATION: 3 });
    expect(cadenceFromStored('not json')).toEqual(DEFAULT_FOLLOW_UP_RULES.cadenceDays);
  });

  it('a contact on a closed lead schedules nothing', () => {
    expect(contactFields('WON', NOW, ZONE, DEFAULT_FOLLOW_UP_RULES)).toEqual({ lastFollowUpAt: NOW, nextFollowUpAt: null });
    expect(contactFields('PROPOSAL', NOW, ZONE, DEFAULT_FOLLOW_UP_RULES)).toEqual({ lastFollowUpAt: NOW, nextFollowUpAt: shanghaiDay('2026-11-26') });
  });
});

describe('a follow-up as logged', () => {
  const context = { now: NOW, timeZone: ZONE };
  it('reads the note, the outcome and the day', () => {
    expect(checkFollowUp({ note: ' called ', outcome: 'reached', next: '周五' }, context)).toEqual({ note: 'called', outcome: 'reached', nextDay: shanghaiDay('2026-11-27') });
    expect(checkFollowUp({ note: 'called', nextIsoDay: '2026-11-23' }, context)).toEqual({ note: 'called', nextDay: shanghaiDay('2026-11-23') });
    expect(checkFollowUp({ note: 'called' }, context)).toEqual({ note: 'called' });
  });

  it('refuses a missing or overlong note and an outcome it never offered', () => {
    const problems = (draft: Parameters<typeof checkFollowUp>[0]) => {
      try {
        checkFollowUp(draft, context);
      } catch (error) {
        return (error as InvalidFields).problems;
      }
      return [];
    };
    expect(problems({ note: '  ' })).toEqual([{ field: 'followUpNote', kind: 'required' }]);
    expect(problems({ note: '话'.repeat(1001) })).toEqual([{ field: 'followUpNote', kind: 'too_long', max: 1000 }]);
    expect(problems({ note: 'ok', outcome: 'bribed' })).toEqual([{ field: 'followUpOutcome', kind: 'not_offered' }]);
    expect(problems({ note: 'ok', nextIsoDay: '2026-11-22' })).toEqual([{ field: 'nextFollowUp', kind: 'in_past' }]);
  });

  it('refuses a day it cannot read, or one already past, naming it', () => {
    expect(() => checkFollowUp({ note: 'ok', next: 'someday' }, context)).toThrow(UnreadableDay);
    const past = (() => {
      try {
        checkFollowUp({ note: 'ok', next: '2023-10-08' }, context);
      } catch (error) {
        return error;
      }
    })();
    expect(past).toBeInstanceOf(DayInPast);
    expect(past).toMatchObject({ input: '2023-10-08', day: '2023-10-08' });
  });
});
