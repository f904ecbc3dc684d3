import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFunnel } from '../../src/domain/funnel.js';
import { dayRange, trailingWeeks, weekContaining } from '../../src/domain/periods.js';
import { funnelReached, medianDaysPerStage, periodActivity, topLossReasons, weeklyTrend } from '../../src/store/metrics.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';

const T = 'TMETRICS';
const d = (iso: string) => new Date(`${iso}Z`);
const week = dayRange('2023-10-02', '2023-10-08', 'UTC')!;

/** Hand-made history with known answers; see each expectation for the arithmetic. */
async function seed(database: TestDatabase) {
  const db = database.db;
  await db.workspace.create({ data: { id: T } });
  await db.workspace.create({ data: { id: 'TOTHER' } });
  const lead = (number: string, data: Record<string, unknown>) =>
    db.lead.create({ data: { workspaceId: T, number, name: number, ownerId: 'U1', createdById: 'U1', ...data } as never });
  await lead('1', { acquiredAt: d('2023-10-02T10:00:00'), contactedAt: d('2023-10-03T10:00:00'), discoveryAt: d('2023-10-05T10:00:00'), stage: 'DISCOVERY', ownerId: 'U2', sourceChannelKey: 'seo' });
  const lost = await lead('2', { acquiredAt: d('2023-10-02T10:00:00'), contactedAt: d('2023-10-02T22:00:00'), lostAt: d('2023-10-04T09:00:00'), stage: 'LOST' });
  await lead('3', {
    acquiredAt: d('2023-10-03T08:00:00'), contactedAt: d('2023-10-04T08:00:00'), discoveryAt: d('2023-10-05T08:00:00'),
    proposalAt: d('2023-10-06T08:00:00'), negotiationAt: d('2023-10-06T20:00:00'), wonAt: d('2023-10-07T08:00:00'), stage: 'WON', dealAmountMinor: 100000n,
  });
  await lead('4', { acquiredAt: d('2023-10-04T00:00:00') });
  await lead('5', { acquiredAt: d('2023-10-08T23:00:00') });
  // Acquired the week before, won in this week by a jump from Contacted.
  const jump = d('2023-10-03T12:00:00');
  await lead('6', { acquiredAt: d('2023-09-28T09:00:00'), contactedAt: d('2023-09-29T09:00:00'), discoveryAt: jump, proposalAt: jump, negotiationAt: jump, wonAt: jump, stage: 'WON', dealAmountMinor: 50050n });
  await lead('7', { acquiredAt: d('2023-10-09T00:00:00') });
  await db.lead.create({ data: { workspaceId: 'TOTHER', number: '8', name: 'other', ownerId: 'U1', createdById: 'U1', acquiredAt: d('2023-10-03T00:00:00'), wonAt: d('2023-10-03T00:00:00'), dealAmountMinor: 9999900n } });
  const budget = await db.tag.create({ data: { workspaceId: T, kind: 'LOSS_REASON', key: 'budget', label: 'No budget' } });
  await db.leadTag.create({ data: { leadId: lost.id, tagId: budget.id } });
}

describe.each(DATABASES)('digest numbers from SQL aggregates (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    await seed(database);
  });
  afterAll(() => database?.drop());

  it('counts how many of the week\'s leads reached each stage by now', async () => {
    expect(await funnelReached(database.db, T, week)).toEqual({ ACQUIRED: 5, CONTACTED: 3, DISCOVERY: 2, PROPOSAL: 1, NEGOTIATION: 1, WON: 1 });
    // 3 → 2 is the largest drop after Acquired→Contacted's 5 → 3 (40%) and Discovery→Proposal's 50%.
    expect(computeFunnel(await funnelReached(database.db, T, week)).bottleneck).toBe('PROPOSAL');
  });

  it('narrows to one owner or one source channel', async () => {
    expect((await funnelReached(database.db, T, week, { ownerId: 'U2' })).ACQUIRED).toBe(1);
    expect((await funnelReached(database.db, T, week, { sourceChannelKey: 'seo' })).DISCOVERY).toBe(1);
  });

  it('counts the week\'s activity: stage entries (jumps included), deals won with revenue, leads lost', async () => {
    expect(await periodActivity(database.db, T, week)).toEqual({
      newLeads: 5,
      stageEntries: { ACQUIRED: 5, CONTACTED: 3, DISCOVERY: 3, PROPOSAL: 2, NEGOTIATION: 2, WON: 2, LOST: 1 },
      wonCount: 2,
      revenueMinor: 150050n,
      lostCount: 1,
    });
  });

  it('ranks the loss reasons of the week', async () => {
    expect(await topLossReasons(database.db, T, week)).toEqual([{ key: 'budget', label: 'No budget', count: 1 }]);
    expect(await topLossReasons(database.db, T, dayRange('2023-10-09', '2023-10-15', 'UTC')!)).toEqual([]);
  });

  it('gives new leads and deals won per week', async () => {
    const weeks = trailingWeeks(d('2023-10-05T00:00:00'), 2, 'UTC');
    const trend = await weeklyTrend(database.db, T, weeks);
    expect(trend.map(({ week: w, newLeads, won }) => [w.label, newLeads, won])).toEqual([
      ['2023-09-25..2023-10-01', 1, 0],
      ['2023-10-02..2023-10-08', 5, 2],
    ]);
  });

  it('finds the median days in each stage', async () => {
    // Acquired→Contacted: 1, 0.5, 1 days → 1. Contacted→Discovery: 2 and 1 → 1.5. Proposal→Negotiation: 0.5.
    expect(await medianDaysPerStage(database.db, database.provider, T, week)).toEqual({ ACQUIRED: 1, CONTACTED: 1.5, DISCOVERY: 1, PROPOSAL: 0.5, NEGOTIATION: 0.5 });
  });

  it('names Contacted→Discovery the bottleneck of DOMAIN.md\'s example: 100 leads, 80 contacted, 48 discovered (40% lost)', async () => {
    const db = database.db;
    await db.workspace.create({ data: { id: 'TEXAMPLE' } });
    const at = d('2023-10-02T10:00:00');
    await db.lead.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({
        workspaceId: 'TEXAMPLE', number: `2023100200${i}`, name: `L${i}`, ownerId: 'U1', createdById: 'U1', acquiredAt: at,
        contactedAt: i < 80 ? at : null, discoveryAt: i < 48 ? at : null, proposalAt: i < 40 ? at : null, negotiationAt: i < 32 ? at : null, wonAt: i < 24 ? at : null,
      })),
    });
    const funnel = computeFunnel(await funnelReached(db, 'TEXAMPLE', week));
    expect(funnel.bottleneck).toBe('DISCOVERY');
    expect(funnel.steps.find((step) => step.stage === 'DISCOVERY')!.dropOff).toBeCloseTo(0.4);
  });

  it('keeps week bounds in the team\'s zone: Sunday 23:00 UTC is Monday in Shanghai', async () => {
    const shanghaiWeek = weekContaining(d('2023-10-05T00:00:00'), 'Asia/Shanghai');
    // Lead 5 (Sunday 23:00 UTC = Monday 07:00 in Shanghai) belongs to the next Shanghai week.
    expect((await funnelReached(database.db, T, shanghaiWeek)).ACQUIRED).toBe(4);
  });
});
