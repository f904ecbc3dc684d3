import { describe, expect, it } from 'vitest';
import { FIELD_LIMITS, InvalidFields, isSlackUserId } from '../../src/domain/fields.js';
import { checkCloseDetails, checkNewLead } from '../../src/domain/lead-fields.js';
import { normalizeLossReason } from '../../src/domain/tags.js';
import { thrownBy } from './thrown.js';

const NOW = new Date('2023-10-01T06:00:00Z');
const context = { now: NOW, timeZone: 'Asia/Shanghai', callerId: 'U0MEI' };

function problemsOf(work: () => unknown) {
  const error = thrownBy(work);
  expect(error).toBeInstanceOf(InvalidFields);
  return (error as InvalidFields).problems;
}

describe('field limits and shapes', () => {
  it('takes a new lead with its fields trimmed, owned by the caller unless someone else is picked', () => {
    expect(checkNewLead({ name: '  星河教育科技 ', industry: ' 教育 ', customerType: 'ENTERPRISE' }, context)).toEqual({
      name: '星河教育科技',
      industry: '教育',
      customerType: 'ENTERPRISE',
      ownerId: 'U0MEI',
      acquiredAt: NOW,
      sourceChannel: undefined,
      campaign: undefined,
      contentAsset: undefined,
      notes: undefined,
      nextFollowUpAt: undefined,
    });
    expect(checkNewLead({ name: 'Acme', ownerId: 'U0LEI' }, context).ownerId).toBe('U0LEI');
  });

  it('names every refused field at once', () => {
    const problems = problemsOf(() =>
      checkNewLead(
        { name: '', campaign: 'c'.repeat(FIELD_LIMITS.campaign + 1), ownerId: '<!channel>', customerType: 'ADMIN', acquiredAt: new Date(NOW.getTime() + 120_000), nextFollowUpDay: '2023-09-30' },
        context,
      ),
    );
    expect(problems).toEqual([
      { field: 'leadName', kind: 'required' },
      { field: 'campaign', kind: 'too_long', max: 200 },
      { field: 'customerType', kind: 'not_offered' },
      { field: 'owner', kind: 'invalid' },
      { field: 'acquiredAt', kind: 'in_future' },
      { field: 'nextFollowUp', kind: 'in_past' },
    ]);
  });

  it('counts characters as Slack does: one per 中文 character or emoji', () => {
    expect(checkNewLead({ name: '星'.repeat(200) }, context).name).toHaveLength(200);
    expect(checkNewLead({ name: '🚀'.repeat(200) }, context).name).toBe('🚀'.repeat(200));
    expect(problemsOf(() => checkNewLead({ name: '星'.repeat(201) }, context))).toEqual([{ field: 'leadName', kind: 'too_long', max: 200 }]);
  });

  it('allows a clock a minute ahead, and today for the next follow-up in the team\'s zone', () => {
    expect(checkNewLead({ name: 'Acme', acquiredAt: new Date(NOW.getTime() + 30_000), nextFollowUpDay: '2023-10-01' }, context).nextFollowUpAt?.toISOString()).toBe('2023-09-30T16:00:00.000Z');
    expect(problemsOf(() => checkNewLead({ name: 'Acme', nextFollowUpDay: '2023-13-45' }, context))).toEqual([{ field: 'nextFollowUp', kind: 'invalid' }]);
  });

  it('limits loss reasons in length and number, and the note of a change', () => {
    const reasons = ['budget', '竞品低价'].map((text) => normalizeLossReason(text)!);
    expect(checkCloseDetails({ reasons, note: ' signed elsewhere ' })).toEqual({ reasons, note: 'signed elsewhere' });
    expect(problemsOf(() => checkCloseDetails({ reasons: [normalizeLossReason('r'.repeat(81))!] }))).toEqual([{ field: 'lossReason', kind: 'too_long', max: 80 }]);
    const eleven = Array.from({ length: 11 }, (_, i) => normalizeLossReason(`reason ${i}`)!);
    expect(problemsOf(() => checkCloseDetails({ reasons: eleven }))).toEqual([{ field: 'lossReason', kind: 'too_many', max: 10 }]);
    expect(problemsOf(() => checkCloseDetails({ note: 'n'.repeat(1001) }))).toEqual([{ field: 'changeNote', kind: 'too_long', max: 1000 }]);
  });

  it('knows a Slack user id from a mention, a broadcast or a name', () => {
    expect(isSlackUserId('U0123ABCD')).toBe(true);
    expect(isSlackUserId('W0123ABCD')).toBe(true);
    for (const text of ['<!channel>', 'mei', 'u0123', 'U0123<script>', '']) expect(isSlackUserId(text)).toBe(false);
  });
});
