import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceLead } from '../../src/app/leads.js';
import type { Caller } from '../../src/app/caller.js';
import { StageChangedMeanwhile } from '../../src/domain/errors.js';
import { importLeadBatch } from '../../src/store/lead-import.js';
import { createLead, type ImportedLead } from '../../src/store/leads.js';
import { Workspaces, type WorkspaceSettings } from '../../src/store/workspaces.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { journalOf } from '../support/leads.js';

describe.each(DATABASES)('the lead store (%s)', (kind) => {
  let database: TestDatabase;
  const at = new Date('2024-03-01T03:00:00Z');
  const author = { byId: 'U1', at, via: 'system' as const };
  const caller = (workspace: WorkspaceSettings, userId: string, now: Date): Caller => ({ workspace, userId, role: 'manager', now, via: 'cli' });
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(() => database?.drop());

  it('hands out distinct numbers to fifty leads created at once', async () => {
    const workspace = await new Workspaces(database.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get('TSTORE1');
    const leads = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createLead(database.db, workspace, { name: `L${i}`, ownerId: 'U1', acquiredAt: at }, author)),
    );
    const numbers = new Set(leads.map(({ lead }) => lead.number));
    expect(numbers.size).toBe(50);
    expect([...numbers].sort().at(-1)).toBe('20240301050');
  });

  it('adds each imported number once when two imports of one sheet run at the same time', async () => {
    const workspace = await new Workspaces(database.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get('TSTOREIMPORT');
    const rows: ImportedLead[] = Array.from({ length: 20 }, (_, i) => ({
      number: String(20231001 + i),
      name: `Row ${i}`,
      ownerId: 'U1',
      acquiredAt: at,
      stage: 'WON',
      timestamps: { contactedAt: at, discoveryAt: at, proposalAt: at, negotiationAt: at, wonAt: at },
      lossReasons: [],
      dealAmountMinor: 5_000_000n,
    }));
    const batch = rows.map((lead) => ({ lead, values: { name: lead.name, stage: lead.stage } }));
    const importing = () => importLeadBatch(database.db, workspace, batch, author, { dryRun: false });
    const outcomes = (await Promise.all([importing(), importing()])).flatMap((result) => [...result.values()]);
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(20);
    expect(outcomes.filter((outcome) => outcome === 'unchanged')).toHaveLength(20);
    expect(await database.db.lead.count({ where: { workspaceId: workspace.id } })).toBe(20);
    // Each: created, then one jump to WON (every stage time is the same).
    expect(await database.db.activity.count({ where: { workspaceId: workspace.id } })).toBe(40);
    expect([...(await importing()).values()].every((outcome) => outcome === 'unchanged')).toBe(true);
  });

  it('skips a number an imported lead already holds', async () => {
    const workspace = await new Workspaces(database.db, { timeZone: 'UTC', locale: 'en' }).get('TSTORE2');
    await database.db.lead.create({
      data: { workspaceId: workspace.id, number: '20240301001', name: 'Imported', ownerId: 'U1', createdById: 'U1', acquiredAt: at },
    });
    const { lead } = await createLead(database.db, workspace, { name: 'New', ownerId: 'U1', acquiredAt: at }, author);
    expect(lead.number).toBe('20240301002');
  });

  it('applies a button\'s change only while the lead is in the stage the card showed', async () => {
    const workspace = await new Workspaces(database.db, { timeZone: 'UTC', locale: 'en' }).get('TSTORE3');
    const { lead } = await createLead(database.db, workspace, { name: 'Card', ownerId: 'U1', acquiredAt: at }, author);
    const fromCard = (userId: string) => advanceLead(caller(workspace, userId, at), database.db, { number: lead.number, expectedStage: 'ACQUIRED' });
    const results = await Promise.allSettled([fromCard('U1'), fromCard('U2'), fromCard('U3')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(StageChangedMeanwhile);
    }
    expect((await journalOf(database.db, lead.id)).filter((entry) => entry.after?.stage === 'CONTACTED')).toHaveLength(1);
  });

  it('lets the same person advance twice in a row, but not someone who cannot have seen the first change', async () => {
    const workspace = await new Workspaces(database.db, { timeZone: 'UTC', locale: 'en' }).get('TSTORE4');
    const { lead } = await createLead(database.db, workspace, { name: 'Typed', ownerId: 'U1', acquiredAt: at }, author);
    const advance = (userId: string, when: Date) => advanceLead(caller(workspace, userId, when), database.db, { number: lead.number });
    await advance('U1', at);
    await advance('U1', new Date(at.getTime() + 1000));
    await expect(advance('U2', new Date(at.getTime() + 2000))).rejects.toBeInstanceOf(StageChangedMeanwhile);
    const later = await advance('U2', new Date(at.getTime() + 60_000));
    expect(later.lead.stage).toBe('PROPOSAL');
  });
});
