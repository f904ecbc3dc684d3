import { describe, expect, it } from 'vitest';
import { changedFields, decodePatch, encodePatch, entryToUndo, fieldsInTheWay, importedHistory, stageSeenBy, type ActivityEntry } from '../../src/domain/journal.js';
import { parseLossReasonList, parseLossReasons } from '../../src/domain/tags.js';

const at = new Date('2026-11-20T02:00:00Z');
function entry(overrides: Partial<ActivityEntry>): ActivityEntry {
  return { id: 1, leadId: 1, kind: 'stage', before: { stage: 'ACQUIRED' }, after: { stage: 'CONTACTED' }, byId: 'U1', at, via: 'slack', note: null, leadVersion: 2, revertsId: null, ...overrides };
}

describe('the journal', () => {
  it('writes dates, money and tags so that they read back the same', () => {
    const patch = { stage: 'LOST' as const, lostAt: at, dealAmountMinor: 99999999999999n, lossReasons: [{ key: 'b', label: 'B' }, { key: 'a', label: 'A' }], industry: null };
    const text = encodePatch(patch);
    expect(JSON.parse(text)).toEqual({ stage: 'LOST', lostAt: '2026-11-20T02:00:00.000Z', dealAmountMinor: '99999999999999', lossReasons: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }], industry: null });
    expect(decodePatch(text)).toEqual({ ...patch, lossReasons: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }] });
  });

  it('keeps only the fields a write really changes', () => {
    expect(changedFields({ industry: '教育', name: 'Acme', wonAt: at }, { industry: '医疗', name: 'Acme', wonAt: new Date(at.getTime()) })).toEqual({ industry: '医疗' });
  });

  it('undoes the latest own change within 24 h, a manager anyone\'s, never a creation or one already undone', () => {
    const mine = entry({ id: 2, byId: 'U1' });
    const theirs = entry({ id: 3, byId: 'U2', kind: 'edit', before: { industry: 'a' }, after: { industry: 'b' } });
    const newestFirst = [theirs, mine, entry({ id: 1, kind: 'created', before: {}, after: { stage: 'ACQUIRED' } })];
    expect(entryToUndo(newestFirst, { userId: 'U1', anyones: false }, at)?.id).toBe(2);
    expect(entryToUndo(newestFirst, { userId: 'U1', anyones: true }, at)?.id).toBe(3);
    expect(entryToUndo([entry({ id: 4, kind: 'revert', revertsId: 2 }), ...newestFirst], { userId: 'U1', anyones: false }, at)).toBeUndefined();
    expect(entryToUndo(newestFirst, { userId: 'U1', anyones: false }, new Date(at.getTime() + 24 * 3_600_000 + 1))).toBeUndefined();
    expect(entryToUndo([entry({ id: 5, leadVersion: null })], { userId: 'U1', anyones: true }, at)).toBeUndefined();
  });

  it('names the fields a later change moved on, which an undo would erase', () => {
    const jump = entry({ after: { stage: 'PROPOSAL', contactedAt: at, proposalAt: at }, before: { stage: 'ACQUIRED', contactedAt: null, proposalAt: null } });
    expect(fieldsInTheWay(jump, { stage: 'PROPOSAL', contactedAt: at, proposalAt: at })).toEqual([]);
    expect(fieldsInTheWay(jump, { stage: 'NEGOTIATION', contactedAt: at, proposalAt: at })).toEqual(['stage']);
  });

  it('a typed command saw the stage before someone else\'s change of the last 10 s', () => {
    const recent = [entry({ byId: 'U2', at: new Date(at.getTime() - 5000) })];
    expect(stageSeenBy('CONTACTED', recent, { userId: 'U1', at })).toBe('ACQUIRED');
    expect(stageSeenBy('CONTACTED', recent, { userId: 'U2', at })).toBe('CONTACTED');
    expect(stageSeenBy('CONTACTED', recent, { userId: 'U1', at: new Date(at.getTime() + 6000) })).toBe('CONTACTED');
  });
});

describe('loss reasons, one tokenizer', () => {
  it('splits on spaces on the command line and only on separators in a list', () => {
    expect(parseLossReasons('预算不足 "competitor cheaper" 决策链长').map((tag) => tag.key)).toEqual(['budget', 'competitor_cheaper', 'long_decision_chain']);
    expect(parseLossReasonList('competitor cheaper, 换了供应商；预算不足/timing').map((tag) => tag.key)).toEqual(['competitor_cheaper', '换了供应商', 'budget', 'bad_timing']);
  });
});

describe('the history an imported lead\'s times tell', () => {
  const acquiredAt = new Date('2023-10-01T06:30:00Z');
  const contactedAt = new Date('2023-10-02T02:00:00Z');
  const wonAt = new Date('2023-10-25T08:00:00Z');

  it('is created when acquired, then one entry per time, a jump being one entry, the amount with the win', () => {
    const history = importedHistory({ name: 'Acme', acquiredAt, contactedAt, discoveryAt: wonAt, proposalAt: wonAt, negotiationAt: wonAt, wonAt, stage: 'WON', dealAmountMinor: 5_000_000n, acquisitionCostMinor: 80_000n });
    expect(history).toEqual([
      { kind: 'created', at: acquiredAt, after: { name: 'Acme', acquiredAt, stage: 'ACQUIRED', acquisitionCostMinor: 80_000n } },
      { kind: 'stage', at: contactedAt, before: { stage: 'ACQUIRED', contactedAt: null }, after: { stage: 'CONTACTED', contactedAt } },
      {
        kind: 'stage',
        at: wonAt,
        before: { stage: 'CONTACTED', discoveryAt: null, proposalAt: null, negotiationAt: null, wonAt: null, dealAmountMinor: null },
        after: { stage: 'WON', discoveryAt: wonAt, proposalAt: wonAt, negotiationAt: wonAt, wonAt, dealAmountMinor: 5_000_000n },
      },
    ]);
  });

  it('keeps what an open lead already has, amount and reasons included, in its creation', () => {
    const lossReasons = [{ key: 'budget', label: 'No budget' }];
    expect(importedHistory({ name: 'Acme', acquiredAt, stage: 'ACQUIRED', dealAmountMinor: 100n, lossReasons })).toEqual([
      { kind: 'created', at: acquiredAt, after: { name: 'Acme', acquiredAt, stage: 'ACQUIRED', dealAmountMinor: 100n, lossReasons } },
    ]);
  });

  it('ends with the loss and its reasons for a lost lead', () => {
    const lostAt = new Date('2023-10-20T02:00:00Z');
    const lossReasons = [{ key: 'budget', label: 'No budget' }];
    expect(importedHistory({ name: 'Acme', acquiredAt, contactedAt, lostAt, lossReasons, stage: 'LOST' }).slice(1)).toEqual([
      { kind: 'stage', at: contactedAt, before: { stage: 'ACQUIRED', contactedAt: null }, after: { stage: 'CONTACTED', contactedAt } },
      { kind: 'stage', at: lostAt, before: { stage: 'CONTACTED', lostAt: null, lossReasons: [] }, after: { stage: 'LOST', lostAt, lossReasons } },
    ]);
  });
});
