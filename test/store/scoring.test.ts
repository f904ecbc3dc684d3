import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rescoreLeads, scoringReport } from '../../src/store/scoring.js';
import { DEFAULT_SCORING_RULES } from '../../src/domain/scoring.js';
import { Workspaces } from '../../src/store/workspaces.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';

/**
 * Leads from before scoring, or written past the store (an import, a test), get their
 * score from rescoreLeads: what the scoring migration runs once, and a change of weights
 * runs for the workspace.
 */
describe.each(DATABASES)('scoring in the store (%s)', (kind) => {
  let database: TestDatabase;
  const at = new Date('2024-03-01T03:00:00Z');
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database?.drop());

  it('scores the leads that have none from their columns, follow-ups and signals, and then has nothing left to write', async () => {
    const workspace = await new Workspaces(database.db, { timeZone: 'UTC', locale: 'en' }).get('TSCORE1');
    const base = { workspaceId: workspace.id, ownerId: 'U1', createdById: 'U1', acquiredAt: at };
    const old = await database.db.lead.create({ data: { ...base, number: '1', name: 'Old', customerType: 'ENTERPRISE', budget: '50万', stage: 'PROPOSAL', contactedAt: at, discoveryAt: at, proposalAt: at } });
    const won = await database.db.lead.create({ data: { ...base, number: '2', name: 'Won', stage: 'WON', contactedAt: at, discoveryAt: at, proposalAt: at, negotiationAt: at, wonAt: at } });
    await database.db.followUp.createMany({ data: [1, 2].map(() => ({ leadId: old.id, note: 'called', contactedAt: at, byId: 'U1' })) });
    await database.db.leadSignal.createMany({ data: ['pricing', 'pricing', 'demo'].map((signal) => ({ leadId: old.id, kind: signal, at, byId: 'U1' })) });
    expect(old.score).toBeNull();

    expect(await rescoreLeads(database.db, workspace.id)).toBe(2);
    // 10 enterprise + 6 budget + 2 × 3 follow-ups + 16 Proposal + 12 pricing (once) + 15 demo
    expect((await database.db.lead.findUniqueOrThrow({ where: { id: old.id } })).score).toBe(65);
    // Won is not a stage the score counts: a won lead scores what it reached before.
    expect((await database.db.lead.findUniqueOrThrow({ where: { id: won.id } })).score).toBe(22);
    expect(await rescoreLeads(database.db)).toBe(0);

    const report = await scoringReport(database.db, workspace.id, DEFAULT_SCORING_RULES);
    expect(report.tiers.map(({ tier, leads, won: wins }) => [tier, leads, wins])).toEqual([['high', 1, 0], ['medium', 0, 0], ['low', 1, 1]]);
    expect(report.toldApart).toBe(false);
  });
});
