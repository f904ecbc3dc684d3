import { DEFAULT_FLAG_MARGIN_POINTS } from '../../src/domain/bottlenecks.js';
import { DEFAULT_FOLLOW_UP_RULES } from '../../src/domain/follow-ups.js';
import { DEFAULT_SCORING_RULES } from '../../src/domain/scoring.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/app/caller.js';
import {
  activityOf,
  addLead,
  advanceLead,
  assignLead,
  closableLead,
  editLead,
  leadForEdit,
  loseLead,
  reopenLead,
  undoLastChange,
  winLead,
} from '../../src/app/leads.js';
import { giveRole, teamRoles } from '../../src/app/team.js';
import { parseAmount } from '../../src/domain/amount.js';
import { LeadChangedMeanwhile, NotAllowed, NothingToUndo, NotClosed, StageChangedMeanwhile, UndoBlocked } from '../../src/domain/errors.js';
import { InvalidFields } from '../../src/domain/fields.js';
import type { Role } from '../../src/domain/roles.js';
import { normalizeLossReason } from '../../src/domain/tags.js';
import { Workspaces, type WorkspaceSettings } from '../../src/store/workspaces.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { journalOf } from '../support/leads.js';

/**
 * The lead and team use cases with no Slack at all: a Caller built by hand, as the
 * command line and the importer build one, on a real database of each kind.
 */

const MEI = 'U0MEI';
const LEI = 'U0LEI';
const BOSS = 'U0BOSS';
const ADMIN = 'U0ADMIN';
const TEAM = 'TAPPLEADS';

const START = Date.parse('2026-03-02T01:00:00Z');
const minute = (n: number) => new Date(START + n * 60_000);

/** What a caller gets back when a use case refuses: the error it threw. */
async function refusal(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the use case to refuse, but it went through');
}

describe.each(DATABASES)('lead use cases called directly, with no Slack (%s)', (kind) => {
  let database: TestDatabase;
  let workspace: WorkspaceSettings;
  const caller = (userId: string, role: Role, at: number): Caller => ({ workspace, userId, role, now: minute(at), via: 'cli' });

  beforeAll(async () => {
    database = await freshDatabase(kind);
    workspace = await new Workspaces(database.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(TEAM);
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await database.db.activity.deleteMany();
    await database.db.lead.deleteMany();
    await database.db.leadNumberSequence.deleteMany();
    await database.db.member.deleteMany();
  });

  const row = (id: number) => database.db.lead.findUniqueOrThrow({ where: { id } });
  const journal = (leadId: number) => journalOf(database.db, leadId);
  /** A lead Mei added at minute 0, owned by `ownerId`. */
  const meisLead = async (ownerId = MEI, draft: Record<string, string> = {}) => (await addLead(caller(MEI, 'rep', 0), database.db, { name: 'Acme Robotics', ownerId, industry: '教育', ...draft })).lead;

  it('workspaces give the configured defaults', () => {
    expect(workspace).toEqual({ id: TEAM, timeZone: 'Asia/Shanghai', locale: 'zh', currency: 'CNY', nativeCharts: false, followUp: DEFAULT_FOLLOW_UP_RULES, flagMarginPoints: DEFAULT_FLAG_MARGIN_POINTS, scoring: DEFAULT_SCORING_RULES });
  });

  it('addLead validates, numbers the lead by the team\'s day and journals "created" via cli', async () => {
    const { lead, entry } = await addLead(caller(MEI, 'rep', 0), database.db, { name: '  星河教育  ', sourceChannel: '抖音', nextFollowUpDay: '2026-03-05' });
    expect(lead).toMatchObject({ number: '20260302001', name: '星河教育', ownerId: MEI, createdById: MEI, stage: 'ACQUIRED', sourceChannelKey: 'douyin', version: 1 });
    expect(lead.acquiredAt).toEqual(minute(0));
    expect(lead.nextFollowUpAt).toEqual(new Date('2026-03-04T16:00:00Z'));
    expect(entry).toMatchObject({ kind: 'created', leadId: lead.id, byId: MEI, via: 'cli', leadVersion: 1, revertsId: null });
    expect(entry.at).toEqual(minute(0));
    expect((await journal(lead.id)).map((e) => [e.kind, e.byId, e.via])).toEqual([['created', MEI, 'cli']]);

    const refused = await refusal(addLead(caller(MEI, 'rep', 1), database.db, { name: ' ', ownerId: '<!channel>', nextFollowUpDay: '2026-03-01' }));
    expect(refused).toBeInstanceOf(InvalidFields);
    expect((refused as InvalidFields).problems).toEqual([
      { field: 'leadName', kind: 'required' },
      { field: 'owner', kind: 'invalid' },
      { field: 'nextFollowUp', kind: 'in_past' },
    ]);
    expect(await database.db.lead.count()).toBe(1);
  });

  it('advanceLead moves on, jumps with the skipped stages, and says where it came from', async () => {
    const lead = await meisLead();
    const first = await advanceLead(caller(MEI, 'rep', 5), database.db, { number: lead.number });
    expect(first).toMatchObject({ from: 'ACQUIRED', skipped: [], lead: { stage: 'CONTACTED', version: 2 } });
    expect(first.lead.contactedAt).toEqual(minute(5));
    expect(first.entry).toMatchObject({ kind: 'stage', byId: MEI, via: 'cli', leadVersion: 2, before: { stage: 'ACQUIRED', contactedAt: null }, after: { stage: 'CONTACTED', contactedAt: minute(5) } });

    const jump = await advanceLead(caller(MEI, 'rep', 10), database.db, { number: lead.number, stage: 'NEGOTIATION' });
    expect(jump.from).toBe('CONTACTED');
    expect(jump.skipped).toEqual(['DISCOVERY', 'PROPOSAL']);
    expect(await row(lead.id)).toMatchObject({ stage: 'NEGOTIATION', contactedAt: minute(5), discoveryAt: minute(10), proposalAt: minute(10), negotiationAt: minute(10) });
  });

  it('a typed advance seconds after someone else\'s move is refused as moved meanwhile', async () => {
    const lead = await meisLead();
    await advanceLead(caller(BOSS, 'manager', 5), database.db, { number: lead.number });
    const refused = await refusal(advanceLead({ ...caller(MEI, 'rep', 5), now: new Date(minute(5).getTime() + 3_000) }, database.db, { number: lead.number }));
    expect(refused).toBeInstanceOf(StageChangedMeanwhile);
    expect(refused).toMatchObject({ number: lead.number, expected: 'ACQUIRED', actual: 'CONTACTED' });
    expect((await row(lead.id)).stage).toBe('CONTACTED');
  });

  it('loseLead and winLead close a lead with their details', async () => {
    const lost = await meisLead();
    const loss = await loseLead(caller(MEI, 'rep', 5), database.db, { number: lost.number, reasons: [normalizeLossReason('预算不足'), normalizeLossReason('competitor cheaper')], note: 'CFO said no' });
    expect(loss.reasons.map((reason) => reason.key)).toEqual(['budget', 'competitor_cheaper']);
    expect(loss.lead).toMatchObject({ stage: 'LOST' });
    expect(loss.lead.lostAt).toEqual(minute(5));
    expect(loss.entry).toMatchObject({ kind: 'stage', note: 'CFO said no', via: 'cli' });
    expect(loss.entry!.after.lossReasons!.map((reason) => reason.key).sort()).toEqual(['budget', 'competitor_cheaper']);

    const won = await meisLead();
    // The amount is decimal text, as parseAmount gives it from what a person typed.
    const win = await winLead(caller(MEI, 'rep', 6), database.db, { number: won.number, amount: parseAmount('12万') });
    expect(win.lead).toMatchObject({ stage: 'WON', dealAmountMinor: 12000000n });
    expect(win.skipped).toEqual(['CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION']);
    expect(win.entry).toMatchObject({ kind: 'stage', after: { stage: 'WON', dealAmountMinor: 12000000n } });
  });

  it('assignLead hands a lead over, and reports a no-op without journalling it', async () => {
    const lead = await meisLead();
    const moved = await assignLead(caller(BOSS, 'manager', 5), database.db, { number: lead.number, ownerId: LEI });
    expect(moved).toMatchObject({ changed: true, previousOwnerId: MEI, lead: { ownerId: LEI, version: 2 } });
    const same = await assignLead(caller(BOSS, 'manager', 6), database.db, { number: lead.number, ownerId: LEI });
    expect(same).toMatchObject({ changed: false, lead: { ownerId: LEI, version: 2 } });
    expect((await journal(lead.id)).map((e) => [e.kind, e.before?.ownerId ?? null, e.after?.ownerId, e.byId, e.via])).toEqual([
      ['created', null, MEI, MEI, 'cli'],
      ['owner', MEI, LEI, BOSS, 'cli'],
    ]);
    expect(await refusal(assignLead(caller(BOSS, 'manager', 7), database.db, { number: lead.number, ownerId: 'lei' }))).toBeInstanceOf(InvalidFields);
  });

  it('leadForEdit and editLead: the version a form showed, only the changed fields, and a refusal naming who changed what since', async () => {
    const lead = await meisLead();
    const shown = await leadForEdit(caller(MEI, 'rep', 5), database.db, lead.number);
    expect(shown.version).toBe(1);
    const edited = await editLead(caller(MEI, 'rep', 5), database.db, { number: lead.number, version: 1, draft: { industry: '医疗', budget: '50万', name: 'Acme Robotics' } });
    expect(edited.changed).toEqual(['industry', 'budget']);
    expect(edited.before).toEqual({ industry: '教育', budget: null });
    expect(edited.after).toEqual({ industry: '医疗', budget: '50万' });
    expect(edited.lead).toMatchObject({ industry: '医疗', budget: '50万', version: 2 });

    // A form that still shows version 1 is refused, with who changed which fields.
    await editLead(caller(BOSS, 'manager', 6), database.db, { number: lead.number, version: 2, draft: { need: '排课' } });
    const refused = await refusal(editLead(caller(MEI, 'rep', 7), database.db, { number: lead.number, version: 1, draft: { industry: '金融' } }));
    expect(refused).toBeInstanceOf(LeadChangedMeanwhile);
    expect((refused as LeadChangedMeanwhile).changes).toEqual([
      { byId: MEI, fields: ['industry', 'budget'] },
      { byId: BOSS, fields: ['need'] },
    ]);
    expect(await row(lead.id)).toMatchObject({ industry: '医疗', need: '排课', version: 3 });

    const bad = await refusal(editLead(caller(MEI, 'rep', 8), database.db, { number: lead.number, version: 3, draft: { name: '', dealAmount: 'abc', budget: 'x'.repeat(501) } }));
    expect((bad as InvalidFields).problems).toEqual([
      { field: 'leadName', kind: 'required' },
      { field: 'dealAmount', kind: 'invalid' },
      { field: 'budget', kind: 'too_long', max: 500 },
    ]);
    expect((await journal(lead.id)).map((e) => [e.kind, e.byId, e.via])).toEqual([['created', MEI, 'cli'], ['edit', MEI, 'cli'], ['edit', BOSS, 'cli']]);
  });

  it('reopenLead takes a closed lead back to the stage it left, or a named one; an open lead is refused', async () => {
    const lead = await meisLead();
    await advanceLead(caller(MEI, 'rep', 5), database.db, { number: lead.number, stage: 'PROPOSAL' });
    await loseLead(caller(MEI, 'rep', 10), database.db, { number: lead.number, reasons: [normalizeLossReason('budget')] });
    const reopened = await reopenLead(caller(MEI, 'rep', 15), database.db, { number: lead.number });
    expect(reopened.from).toBe('LOST');
    expect(reopened.lead).toMatchObject({ stage: 'PROPOSAL', lostAt: null });
    expect(reopened.entry).toMatchObject({ kind: 'reopen', byId: MEI, via: 'cli', before: { stage: 'LOST', lostAt: minute(10) }, after: { stage: 'PROPOSAL', lostAt: null, lossReasons: [] } });
    expect(await database.db.leadTag.count({ where: { leadId: lead.id, tag: { kind: 'LOSS_REASON' } } })).toBe(0);

    const notClosed = await refusal(reopenLead(caller(MEI, 'rep', 16), database.db, { number: lead.number }));
    expect(notClosed).toBeInstanceOf(NotClosed);
    expect(notClosed).toMatchObject({ number: lead.number, stage: 'PROPOSAL' });

    await winLead(caller(MEI, 'rep', 20), database.db, { number: lead.number });
    const named = await reopenLead(caller(BOSS, 'manager', 25), database.db, { number: lead.number, stage: 'NEGOTIATION' });
    expect(named).toMatchObject({ from: 'WON', lead: { stage: 'NEGOTIATION', wonAt: null } });
  });

  it('undoLastChange writes a revert entry pointing at the change; nothing left, blocked, or someone else\'s is refused', async () => {
    const lead = await meisLead();
    const { entry: advance } = await advanceLead(caller(MEI, 'rep', 5), database.db, { number: lead.number, stage: 'DISCOVERY' });
    const undone = await undoLastChange(caller(MEI, 'rep', 6), database.db, { number: lead.number });
    expect(undone.undone.id).toBe(advance!.id);
    expect(undone.lead).toMatchObject({ stage: 'ACQUIRED', contactedAt: null, discoveryAt: null, version: 3 });
    expect(undone.entry).toMatchObject({ kind: 'revert', revertsId: advance!.id, byId: MEI, via: 'cli', leadVersion: 3 });
    expect(await refusal(undoLastChange(caller(MEI, 'rep', 7), database.db, { number: lead.number }))).toBeInstanceOf(NothingToUndo);

    await advanceLead(caller(MEI, 'rep', 10), database.db, { number: lead.number });
    const othersChange = await refusal(undoLastChange(caller(LEI, 'rep', 11), database.db, { number: lead.number }));
    expect(othersChange).toBeInstanceOf(NotAllowed);
    expect(othersChange).toMatchObject({ action: 'undoOthers', requirement: 'manager', lead: { number: lead.number, ownerId: MEI } });

    await advanceLead(caller(BOSS, 'manager', 15), database.db, { number: lead.number });
    const blocked = await refusal(undoLastChange(caller(MEI, 'rep', 16), database.db, { number: lead.number }));
    expect(blocked).toBeInstanceOf(UndoBlocked);
    expect(blocked).toMatchObject({ number: lead.number, byId: BOSS, fields: ['stage'] });
    expect((await row(lead.id)).stage).toBe('DISCOVERY');

    // A manager takes back anyone's: here their own latest, then Mei's before it.
    await undoLastChange(caller(BOSS, 'manager', 17), database.db, { number: lead.number });
    await undoLastChange(caller(BOSS, 'manager', 18), database.db, { number: lead.number });
    expect((await row(lead.id)).stage).toBe('ACQUIRED');
    const history = await activityOf(caller(MEI, 'rep', 19), database.db, lead.number);
    expect(history.lead.id).toBe(lead.id);
    expect(history.entries.map((e) => [e.kind, e.byId, e.after.stage])).toEqual([
      ['created', MEI, 'ACQUIRED'],
      ['stage', MEI, 'DISCOVERY'],
      ['revert', MEI, 'ACQUIRED'],
      ['stage', MEI, 'CONTACTED'],
      ['stage', BOSS, 'DISCOVERY'],
      ['revert', BOSS, 'CONTACTED'],
      ['revert', BOSS, 'ACQUIRED'],
    ]);
    expect(history.entries.every((e) => e.via === 'cli')).toBe(true);
  });

  describe('a rep on someone else\'s lead is refused with NotAllowed, and nothing changes', () => {
    const CASES: Array<[string, string, (c: Caller, number: string) => Promise<unknown>]> = [
      ['advanceLead', 'advance', (c, number) => advanceLead(c, database.db, { number })],
      ['loseLead', 'lose', (c, number) => loseLead(c, database.db, { number, reasons: [normalizeLossReason('budget')] })],
      ['winLead', 'win', (c, number) => winLead(c, database.db, { number, amount: '100' })],
      ['editLead', 'edit', (c, number) => editLead(c, database.db, { number, version: 1, draft: { industry: '医疗' } })],
      ['leadForEdit', 'edit', (c, number) => leadForEdit(c, database.db, number)],
      ['closableLead', 'win', (c, number) => closableLead(c, database.db, number, 'win')],
    ];
    it.each(CASES)('%s', async (_name, action, write) => {
      const lead = await meisLead(LEI);
      const before = await row(lead.id);
      const refused = await refusal(write(caller(MEI, 'rep', 5), lead.number));
      expect(refused).toBeInstanceOf(NotAllowed);
      expect(refused).toMatchObject({ action, requirement: 'owner_or_manager', lead: { number: lead.number, ownerId: LEI } });
      expect(await row(lead.id)).toEqual(before);
      expect((await journal(lead.id)).map((e) => e.kind)).toEqual(['created']);
      // The same call by a manager goes through.
      await write(caller(BOSS, 'manager', 6), lead.number);
    });

    it('assignLead, even on the rep\'s own lead, needs a manager', async () => {
      const lead = await meisLead(MEI);
      const refused = await refusal(assignLead(caller(MEI, 'rep', 5), database.db, { number: lead.number, ownerId: LEI }));
      expect(refused).toMatchObject({ action: 'assign', requirement: 'manager' });
      expect((await row(lead.id)).ownerId).toBe(MEI);
    });

    it('reopenLead of a lead they do not own, and of their own won deal', async () => {
      const lost = await meisLead(LEI);
      await loseLead(caller(LEI, 'rep', 1), database.db, { number: lost.number, reasons: [normalizeLossReason('budget')] });
      expect(await refusal(reopenLead(caller(MEI, 'rep', 5), database.db, { number: lost.number }))).toMatchObject({ action: 'reopen', requirement: 'owner_or_manager', lead: { ownerId: LEI } });
      const won = await meisLead(MEI);
      await winLead(caller(MEI, 'rep', 1), database.db, { number: won.number });
      expect(await refusal(reopenLead(caller(MEI, 'rep', 5), database.db, { number: won.number }))).toMatchObject({ action: 'reopenWon', requirement: 'manager' });
      expect((await row(lost.id)).stage).toBe('LOST');
      expect((await row(won.id)).stage).toBe('WON');
    });
  });

  describe('team', () => {
    it('giveRole: an admin gives roles, journalled via cli; a manager may not; the id must be a person', async () => {
      expect(await giveRole(caller(ADMIN, 'admin', 1), database.db, { userId: BOSS, role: 'manager' })).toEqual({ userId: BOSS, role: 'manager', previous: null });
      expect(await giveRole(caller(ADMIN, 'admin', 2), database.db, { userId: BOSS, role: 'admin' })).toEqual({ userId: BOSS, role: 'admin', previous: 'manager' });
      const refused = await refusal(giveRole(caller(BOSS, 'manager', 3), database.db, { userId: MEI, role: 'manager' }));
      expect(refused).toBeInstanceOf(NotAllowed);
      expect(refused).toMatchObject({ action: 'role', requirement: 'admin', lead: undefined });
      expect(await refusal(giveRole(caller(ADMIN, 'admin', 4), database.db, { userId: '<!channel>', role: 'admin' }))).toBeInstanceOf(InvalidFields);

      const entries = await database.db.activity.findMany({ orderBy: { id: 'asc' } });
      expect(entries.map((e) => [e.kind, e.leadId, e.byId, e.via, JSON.parse(e.before!), JSON.parse(e.after!)])).toEqual([
        ['role', null, ADMIN, 'cli', { userId: BOSS, role: null }, { userId: BOSS, role: 'manager' }],
        ['role', null, ADMIN, 'cli', { userId: BOSS, role: 'manager' }, { userId: BOSS, role: 'admin' }],
      ]);
      expect(await database.db.member.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: TEAM, userId: BOSS } } })).toMatchObject({ role: 'admin', name: BOSS });
    });

    it('teamRoles: TEAM_ADMINS, given roles, and Slack admins only without TEAM_ADMINS', async () => {
      await giveRole(caller(ADMIN, 'admin', 1), database.db, { userId: BOSS, role: 'manager' });
      await database.db.member.create({ data: { workspaceId: TEAM, userId: 'U0OWNER', name: 'owner', slackAdmin: true, fetchedAt: minute(0) } });
      expect(await teamRoles(caller(MEI, 'rep', 2), database.db, new Set([ADMIN]))).toEqual({ admins: [ADMIN], managers: [BOSS], adminsFromSettings: true });
      expect(await teamRoles(caller(MEI, 'rep', 2), database.db, new Set())).toEqual({ admins: ['U0OWNER'], managers: [BOSS], adminsFromSettings: false });
    });
  });
});
