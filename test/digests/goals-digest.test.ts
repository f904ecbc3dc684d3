import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goalsDraft } from '../../src/digests/drafts.js';
import { goalsModel } from '../../src/digests/goals-digest.js';
import { createGoal } from '../../src/store/goals.js';
import { dayRange } from '../../src/domain/periods.js';
import { digestMessage } from '../../src/slack/blocks/digest-message.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';

const NOW = new Date('2026-11-16T00:00:00Z'); // half-way through November
const WORKSPACE = { id: 'TG', timeZone: 'UTC', locale: 'en' as const, currency: 'CNY' };
const names = async (ids: string[]) => new Map(ids.map((id) => [id, `Rep ${id}`]));

describe('the goal progress digest', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase('sqlite');
    const db = database.db;
    await db.workspace.create({ data: { id: 'TG', timeZone: 'UTC' } });
    for (let i = 0; i < 30; i++) {
      await db.lead.create({ data: { workspaceId: 'TG', number: String(i), name: `L${i}`, ownerId: i < 20 ? 'U1' : 'U2', createdById: 'U1', acquiredAt: new Date(`2026-11-${String(1 + (i % 14)).padStart(2, '0')}T00:00:00Z`) } });
    }
    const november = dayRange('2026-11-01', '2026-11-30', 'UTC')!;
    await createGoal(db, 'TG', { metric: 'NEW_LEADS', target: '40', period: november, scope: 'TEAM' }, { byId: 'U1', at: new Date('2026-11-01T00:00:00Z'), via: 'system' }); // 30 of 40, pace 20: ahead
    await createGoal(db, 'TG', { metric: 'NEW_LEADS', target: '50', period: november, scope: 'OWNER', scopeValue: 'U2' }, { byId: 'U1', at: new Date('2026-11-01T00:00:00Z'), via: 'system' }); // 10 of 50, pace 25: behind
  });
  afterAll(() => database?.drop());

  it('puts behind goals first, with actual, target, pace and status', async () => {
    const model = await goalsModel(database, WORKSPACE, NOW, names);
    expect(model.goals.map((goal) => [goal.label, goal.progress.actual, goal.progress.status])).toEqual([
      ['New leads · Rep U2', 10, 'behind'],
      ['New leads · team', 30, 'ahead'],
    ]);
    expect(model.goals[0]!.progress.pace).toBeCloseTo(25, 0);
  });

  it('reads as a report: lines, a bullet chart with the pace marker, a table', async () => {
    const draft = await goalsDraft(database, WORKSPACE, NOW, names);
    const message = digestMessage(draft, { images: { goals: 'F7' } });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(':red_circle: *New leads · <@U2>*: 10 of 50 (20%) — behind');
    expect(text).toContain('pace today 25 · 2026-11-01 – 11-30');
    expect(message.text).toBe('Goal progress · 2026-11-16: 2 goals, 1 behind');
    expectWithinSlackLimits(message);
    const spec = JSON.stringify(draft.charts[0]!.spec);
    expect(spec).toContain('"pace":0.5');
    expect(spec).toContain('Rep U2');
  });

  it('shows a revenue goal in the workspace currency, exactly: lines, chart annotation and table', async () => {
    const db = database.db;
    await db.workspace.create({ data: { id: 'TREV', timeZone: 'UTC' } });
    await db.lead.create({ data: { workspaceId: 'TREV', number: '1', name: 'Won', ownerId: 'U1', createdById: 'U1', stage: 'WON', acquiredAt: NOW, wonAt: NOW, dealAmountMinor: 8800050n } });
    await createGoal(db, 'TREV', { metric: 'REVENUE', target: '1500000', period: dayRange('2026-11-01', '2026-11-30', 'UTC')!, scope: 'TEAM' }, { byId: 'U1', at: new Date('2026-11-01T00:00:00Z'), via: 'system' });
    const draft = await goalsDraft(database, { ...WORKSPACE, id: 'TREV' }, NOW, names);
    const message = JSON.stringify(digestMessage(draft, { images: { goals: 'F8' } }).blocks);
    expect(message).toContain('*Revenue · team*: ¥88,000.50 of ¥1,500,000 (6%) — behind');
    expect(message).toContain('pace today ¥750,000');
    expect(message).toContain('"text":"¥88,000.50"');
    expect(JSON.stringify(draft.charts[0]!.spec)).toContain('¥88,000.50 / ¥1,500,000');
  });

  it('says so when there are no active goals', async () => {
    const draft = await goalsDraft(database, { ...WORKSPACE, id: 'TNONE' }, NOW, names);
    expect(draft.charts).toEqual([]);
    expect(digestMessage(draft, {}).text).toContain('No active goals');
  });
});
