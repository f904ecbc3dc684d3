import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayRange } from '../../src/domain/periods.js';
import { closeGoal, createGoal, measureGoalMetric, updateGoal } from '../../src/store/goals.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';

const T = 'TGOALS';
const november = dayRange('2026-11-01', '2026-11-30', 'UTC')!;
const d = (iso: string) => new Date(`${iso}Z`);

describe.each(DATABASES)('measuring a goal\'s metric (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    const db = database.db;
    await db.workspace.create({ data: { id: T } });
    let n = 0;
    const lead = (data: Record<string, unknown>) => db.lead.create({ data: { workspaceId: T, number: String(++n), name: `L${n}`, ownerId: 'U1', createdById: 'U1', acquiredAt: d('2026-11-02T00:00:00'), ...data } as never });
    // Four leads acquired in November: two qualified, one won (10 days), one won acquired in October (30 days).
    await lead({ discoveryAt: d('2026-11-05T00:00:00') });
    await lead({ discoveryAt: d('2026-11-06T00:00:00'), wonAt: d('2026-11-12T00:00:00'), dealAmountMinor: 5000000n, stage: 'WON' });
    await lead({ ownerId: 'U2', sourceChannelKey: 'seo' });
    await lead({ ownerId: 'U2' });
    const october = await lead({ acquiredAt: d('2026-10-10T00:00:00'), discoveryAt: d('2026-10-20T00:00:00'), wonAt: d('2026-11-09T00:00:00'), dealAmountMinor: 7000050n, stage: 'WON' });
    await db.followUp.createMany({
      data: [
        { leadId: october.id, note: 'call', contactedAt: d('2026-11-03T00:00:00'), byId: 'U1' },
        { leadId: october.id, note: 'call', contactedAt: d('2026-11-04T00:00:00'), byId: 'U2' },
        { leadId: october.id, note: 'call', contactedAt: d('2026-10-04T00:00:00'), byId: 'U2' },
      ],
    });
  });
  afterAll(() => database?.drop());

  const measure = (metric: Parameters<typeof measureGoalMetric>[3], scope = {}) => measureGoalMetric(database.db, database.provider, T, metric, november, scope);

  it('counts new, qualified and won leads, revenue and follow-ups in the period', async () => {
    expect(await measure('NEW_LEADS')).toBe('4');
    expect(await measure('QUALIFIED_LEADS')).toBe('2');
    expect(await measure('WON_DEALS')).toBe('2');
    expect(await measure('REVENUE')).toBe('120000.5');
    expect(await measure('FOLLOW_UPS')).toBe('2');
  });

  it('computes the conversion rate of the period\'s leads and the average sales cycle of its deals', async () => {
    expect(await measure('CONVERSION_RATE')).toBe('0.25');
    expect(Number(await measure('SALES_CYCLE_DAYS'))).toBeCloseTo(20, 5);
  });

  it('narrows to one owner or one source channel', async () => {
    expect(await measure('NEW_LEADS', { ownerId: 'U2' })).toBe('2');
    expect(await measure('NEW_LEADS', { sourceChannelKey: 'seo' })).toBe('1');
    expect(await measure('FOLLOW_UPS', { ownerId: 'U2' })).toBe('1');
  });

  it('keeps a closed goal\'s result and refuses to change it afterwards', async () => {
    const by = (at: Date) => ({ byId: 'U1', at, via: 'cli' as const });
    const goal = await createGoal(database.db, T, { metric: 'WON_DEALS', target: '5', period: november, scope: 'TEAM' }, by(d('2026-11-01T00:00:00')));
    const closed = await closeGoal(database.db, database.provider, T, goal.id, by(d('2026-11-30T00:00:00')));
    expect(closed).toMatchObject({ status: 'CLOSED' });
    expect(closed!.finalActual).toBe('2');
    expect(await closeGoal(database.db, database.provider, T, goal.id, by(d('2026-12-01T00:00:00')))).toBeUndefined();
    expect(await updateGoal(database.db, T, goal.id, { metric: 'WON_DEALS', target: '1', period: november, scope: 'TEAM' }, by(d('2026-12-01T00:00:00')))).toBeUndefined();
    // Set and closed, each journaled once; the refused close and change left nothing.
    const journal = await database.db.activity.findMany({ where: { workspaceId: T, kind: 'goal' }, orderBy: { id: 'asc' } });
    const ofThisGoal = journal.map((entry) => JSON.parse(entry.after ?? '{}') as { goalId: string; status: string }).filter((after) => after.goalId === String(goal.id));
    expect(ofThisGoal.map((after) => after.status)).toEqual(['ACTIVE', 'CLOSED']);
  });
});
