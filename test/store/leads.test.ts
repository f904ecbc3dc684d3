import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StageChangedMeanwhile } from '../../src/domain/errors.js';
import { changeStage, createLead } from '../../src/store/leads.js';
import { Workspaces } from '../../src/store/workspaces.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';

describe.each(DATABASES)('the lead store (%s)', (kind) => {
  let database: TestDatabase;
  const at = new Date('2024-03-01T03:00:00Z');
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database?.drop());

  it('hands out distinct numbers to fifty leads created at once', async () => {
    const workspace = await new Workspaces(database.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get('TSTORE1');
    const leads = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createLead(database.db, workspace, { name: `L${i}`, ownerId: 'U1', acquiredAt: at }, 'U1')),
    );
    const numbers = new Set(leads.map((lead) => lead.number));
    expect(numbers.size).toBe(50);
    expect([...numbers].sort().at(-1)).toBe('20240301050');
  });

  it('skips a number an imported lead already holds', async () => {
    const workspace = await new Workspaces(database.db, { timeZone: 'UTC', locale: 'en' }).get('TSTORE2');
    await database.db.lead.create({
      data: { workspaceId: workspace.id, number: '20240301001', name: 'Imported', ownerId: 'U1', createdById: 'U1', acquiredAt: at },
    });
    const lead = await createLead(database.db, workspace, { name: 'New', ownerId: 'U1', acquiredAt: at }, 'U1');
    expect(lead.number).toBe('20240301002');
  });

  it('applies a button\'s change only while the lead is in the stage the card showed', async () => {
    const workspace = await new Workspaces(database.db, { timeZone: 'UTC', locale: 'en' }).get('TSTORE3');
    const lead = await createLead(database.db, workspace, { name: 'Card', ownerId: 'U1', acquiredAt: at }, 'U1');
    const fromCard = (byId: string) =>
      changeStage(database.db, { workspaceId: workspace.id, number: lead.number, to: 'CONTACTED', expectedStage: 'ACQUIRED', byId, at }, () => 'CONTACTED');
    const results = await Promise.allSettled([fromCard('U1'), fromCard('U2'), fromCard('U3')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(StageChangedMeanwhile);
    }
    expect(await database.db.stageChange.count({ where: { leadId: lead.id, toStage: 'CONTACTED' } })).toBe(1);
  });

  it('lets the same person advance twice in a row, but not someone who cannot have seen the first change', async () => {
    const workspace = await new Workspaces(database.db, { timeZone: 'UTC', locale: 'en' }).get('TSTORE4');
    const lead = await createLead(database.db, workspace, { name: 'Typed', ownerId: 'U1', acquiredAt: at }, 'U1');
    const advance = (byId: string, when: Date) =>
      changeStage(database.db, { workspaceId: workspace.id, number: lead.number, to: 'NEXT', byId, at: when }, (row) =>
        row.stage === 'ACQUIRED' ? 'CONTACTED' : row.stage === 'CONTACTED' ? 'DISCOVERY' : 'PROPOSAL',
      );
    await advance('U1', at);
    await advance('U1', new Date(at.getTime() + 1000));
    await expect(advance('U2', new Date(at.getTime() + 2000))).rejects.toBeInstanceOf(StageChangedMeanwhile);
    const later = await advance('U2', new Date(at.getTime() + 60_000));
    expect(later.lead.stage).toBe('PROPOSAL');
  });
});
