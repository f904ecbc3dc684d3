import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/app/caller.js';
import { SYSTEM_USER_ID } from '../../src/app/caller.js';
import { importLeads } from '../../src/app/import.js';
import { claimLead, poolOf } from '../../src/app/pool.js';
import { NotAllowed } from '../../src/domain/errors.js';
import { matchHeaders } from '../../src/domain/lead-sheet.js';
import type { Role } from '../../src/domain/roles.js';
import { Workspaces, type WorkspaceSettings } from '../../src/store/workspaces.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';

/** importLeads with a sheet given as rows, as the command line (and later Slack) reads one; on a real database of each kind. */

const TEAM = 'TIMPORTAPP';
const HEADERS = ['线索编号', '线索名称', '获取时间', '负责人', '成交时间', '成交金额(元)'];
const { columns } = matchHeaders(HEADERS);
const sheet = (...rows: string[][]) => ({ columns, rows: rows.map((cells, index) => ({ line: index + 2, cells })) });

describe.each(DATABASES)('importing a sheet (%s)', (kind) => {
  let database: TestDatabase;
  let workspace: WorkspaceSettings;
  const caller = (role: Role = 'manager'): Caller => ({ workspace, userId: 'U0BOSS', role, now: new Date('2026-03-02T01:00:00Z'), via: 'import' });
  const leadCount = () => database.db.lead.count({ where: { workspaceId: TEAM } });

  beforeAll(async () => {
    database = await freshDatabase(kind);
    workspace = await new Workspaces(database.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(TEAM);
    const fetchedAt = new Date();
    await database.db.member.createMany({
      data: [
        { workspaceId: TEAM, userId: 'U0MEI', name: '韩梅梅', fetchedAt },
        { workspaceId: TEAM, userId: 'U0LEI1', name: '李雷', fetchedAt },
        { workspaceId: TEAM, userId: 'U0LEI2', name: '李雷', fetchedAt },
      ],
    });
  });
  afterAll(() => database.drop());

  it('is a manager\'s to do', async () => {
    await expect(importLeads(caller('rep'), database.db, sheet(), { dryRun: true })).rejects.toBeInstanceOf(NotAllowed);
  });

  it('matches owners by id or by the one member of that name; the others go in unassigned, to the team pool, listed once each with their rows', async () => {
    const report = await importLeads(
      caller(),
      database.db,
      sheet(
        ['101', 'Acme', '2026-01-05', '韩梅梅', '', ''],
        ['102', 'Globex', '2026-01-05', '李雷', '', ''],
        ['103', 'Initech', '2026-01-05', 'Bob', '', ''],
        ['104', 'Umbrella', '2026-01-05', '', '', ''],
        ['105', 'Hooli', '2026-01-05', 'bob', '2026-02-01', '1万'],
        ['106', 'Stark', '2026-01-05', 'U0NEW', '', ''],
      ),
      { dryRun: false },
    );
    expect(report).toMatchObject({ created: 6, updated: 0, unchanged: 0 });
    expect(report.refused).toEqual([]);
    expect(report.unassigned).toEqual([
      { owner: '李雷', why: 'ambiguous', userIds: ['U0LEI1', 'U0LEI2'], rows: 1 },
      { owner: 'Bob', why: 'unmatched', rows: 2 },
      { owner: '', why: 'none', rows: 1 },
    ]);
    const owners = await database.db.lead.findMany({ where: { workspaceId: TEAM }, orderBy: { number: 'asc' }, select: { number: true, ownerId: true, pooledAt: true, nextFollowUpAt: true } });
    expect(owners.map((lead) => [lead.number, lead.ownerId, lead.pooledAt?.toISOString() ?? null])).toEqual([
      ['101', 'U0MEI', null],
      ['102', SYSTEM_USER_ID, '2026-03-02T01:00:00.000Z'],
      ['103', SYSTEM_USER_ID, '2026-03-02T01:00:00.000Z'],
      ['104', SYSTEM_USER_ID, '2026-03-02T01:00:00.000Z'],
      // Won: nobody's, and nothing for the pool to offer.
      ['105', SYSTEM_USER_ID, null],
      ['106', 'U0NEW', null],
    ]);
    expect(owners.filter((lead) => lead.pooledAt).every((lead) => lead.nextFollowUpAt === null)).toBe(true);
    // A manager sees them where unowned leads are, and a rep may claim one.
    const pool = await poolOf(caller(), database.db);
    expect(pool.leads.map((lead) => lead.number)).toEqual(['102', '103', '104']);
    await claimLead({ ...caller('rep'), userId: 'U0MEI', via: 'slack' }, database.db, { number: '103' });
    expect((await database.db.lead.findUniqueOrThrow({ where: { workspaceId_number: { workspaceId: TEAM, number: '103' } } })).ownerId).toBe('U0MEI');
    await database.db.lead.deleteMany({ where: { workspaceId: TEAM } });
  });

  it('matches owners against the people it is given by id, display name, real name or email; a mapping decides first; an id outside them is nobody', async () => {
    const owners = [
      { userId: 'U0MEI', displayName: 'meimei', realName: '韩梅梅', email: 'mei@example.com' },
      { userId: 'U0LEI1', displayName: 'Li Lei', realName: '李雷' },
      { userId: 'U0LEI2', displayName: 'lei', realName: '李雷', email: 'lei@example.com' },
    ];
    const report = await importLeads(
      caller(),
      database.db,
      sheet(
        ['401', 'Acme', '2026-01-05', 'MeiMei', '', ''],
        ['402', 'Globex', '2026-01-05', 'mei@example.com', '', ''],
        ['403', 'Initech', '2026-01-05', '李雷', '', ''],
        ['404', 'Umbrella', '2026-01-05', '雷雷', '', ''],
        ['405', 'Hooli', '2026-01-05', 'U0NEW', '', ''],
        ['406', 'Stark', '2026-01-05', 'U0LEI1', '', ''],
      ),
      { dryRun: true, owners, ownerMapping: [{ name: '雷雷', owner: 'lei@example.com' }, { name: 'Bob', owner: 'bob@example.com' }] },
    );
    expect(report).toMatchObject({ dryRun: true, created: 6 });
    expect(report.unassigned).toEqual([
      { owner: '李雷', why: 'ambiguous', userIds: ['U0LEI1', 'U0LEI2'], rows: 1 },
      { owner: 'U0NEW', why: 'unmatched', rows: 1 },
    ]);
    expect(report.unresolvedMapping).toEqual([{ name: 'Bob', owner: 'bob@example.com' }]);
    expect(await leadCount()).toBe(0);

    const mapped = await importLeads(caller(), database.db, sheet(['407', 'Wayne', '2026-01-05', '李雷', '', '']), { dryRun: false, owners, ownerMapping: [{ name: '李雷', owner: 'U0LEI2' }] });
    expect(mapped.unassigned).toEqual([]);
    expect((await database.db.lead.findUniqueOrThrow({ where: { workspaceId_number: { workspaceId: TEAM, number: '407' } } })).ownerId).toBe('U0LEI2');
    await database.db.lead.deleteMany({ where: { workspaceId: TEAM } });
  });

  it('imports nothing on strict when any row is refused, and everything when none is', async () => {
    const bad = await importLeads(caller(), database.db, sheet(['301', 'Acme', '2026-01-05', 'U0MEI', '', ''], ['302', 'Globex', 'someday', 'U0MEI', '', '']), { dryRun: false, strict: true });
    expect(bad).toMatchObject({ dryRun: false, created: 0, heldBack: 1, refused: [{ line: 3, number: '302' }] });
    expect(await leadCount()).toBe(0);
    const good = await importLeads(caller(), database.db, sheet(['301', 'Acme', '2026-01-05', 'U0MEI', '', '']), { dryRun: false, strict: true });
    expect(good).toMatchObject({ created: 1, refused: [] });
    expect(good.heldBack).toBeUndefined();
    await database.db.lead.deleteMany({ where: { workspaceId: TEAM } });
  });

  it('imports the good rows and writes nothing of a refused one; a number twice in the sheet is refused the second time', async () => {
    const report = await importLeads(
      caller(),
      database.db,
      sheet(['201', 'Acme', '2026-01-05 09:00', 'U0MEI', '2026-02-01', '12万'], ['201', 'Acme again', '2026-01-06', 'U0MEI', '', ''], ['202', 'x'.repeat(201), '2026-01-05', 'U0MEI', '', '']),
      { dryRun: false },
    );
    expect(report).toMatchObject({ rowsRead: 3, created: 1, updated: 0, unchanged: 0 });
    expect(report.refused).toEqual([
      { line: 3, number: '201', refusal: { kind: 'repeated_number', number: '201', firstLine: 2 } },
      { line: 4, number: '202', refusal: { kind: 'fields', problems: [{ field: 'leadName', kind: 'too_long', max: 200 }] } },
    ]);
    const lead = await database.db.lead.findUniqueOrThrow({ where: { workspaceId_number: { workspaceId: TEAM, number: '201' } } });
    expect(lead).toMatchObject({ name: 'Acme', stage: 'WON', ownerId: 'U0MEI', dealAmountMinor: 12_000_000n, createdById: 'U0BOSS' });
    expect(await leadCount()).toBe(1);
    const entries = await database.db.activity.findMany({ where: { workspaceId: TEAM, leadId: lead.id } });
    expect(entries.map((entry) => [entry.kind, entry.via, entry.byId])).toEqual([
      ['created', 'import', 'U0BOSS'],
      ['stage', 'import', 'U0BOSS'],
    ]);

    const again = await importLeads(caller(), database.db, sheet(['201', 'Acme', '2026-01-05 09:00', 'U0MEI', '2026-02-01', '12万']), { dryRun: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1, refused: [] });
    expect(await database.db.activity.count({ where: { leadId: lead.id } })).toBe(2);
    await database.db.lead.deleteMany({ where: { workspaceId: TEAM } });
  });

  it('updates a lead it has by number, one journal entry with before and after; changes nothing where nothing changed; a dry run says which and writes nothing', async () => {
    const first = sheet(['501', 'Acme', '2026-01-05 09:00', 'U0MEI', '', ''], ['502', 'Globex', '2026-01-06', 'U0MEI', '', ''], ['503', 'Initech', '2026-01-07', 'U0MEI', '', '']);
    expect(await importLeads(caller(), database.db, first, { dryRun: false })).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const snapshot = async () => ({
      leads: await database.db.lead.findMany({ where: { workspaceId: TEAM }, orderBy: { number: 'asc' } }),
      entries: await database.db.activity.count({ where: { workspaceId: TEAM } }),
    });
    const before = await snapshot();
    expect(await importLeads(caller(), database.db, first, { dryRun: false })).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await snapshot()).toEqual(before);

    const changed = sheet(
      ['501', 'Apex', '2026-01-05 09:00', 'U0MEI', '', ''],
      ['502', 'Globex', '2026-01-06', 'U0MEI', '2026-02-01 10:00', '5万'],
      ['503', 'Initech', '2026-01-07', 'U0MEI', '', ''],
      ['504', 'Umbrella', '2026-01-08', 'U0MEI', '', ''],
    );
    expect(await importLeads(caller(), database.db, changed, { dryRun: true })).toMatchObject({ dryRun: true, created: 1, updated: 2, unchanged: 1 });
    expect(await snapshot()).toEqual(before);

    const later = { ...caller(), now: new Date('2026-03-03T02:00:00Z') };
    expect(await importLeads(later, database.db, changed, { dryRun: false })).toMatchObject({ created: 1, updated: 2, unchanged: 1 });
    const entryOf = async (number: string) => {
      const lead = await database.db.lead.findUniqueOrThrow({ where: { workspaceId_number: { workspaceId: TEAM, number } } });
      const entries = await database.db.activity.findMany({ where: { leadId: lead.id }, orderBy: { id: 'asc' } });
      return { lead, entries, last: entries.at(-1)! };
    };
    const renamed = await entryOf('501');
    expect(renamed.lead).toMatchObject({ name: 'Apex', version: 2 });
    expect(renamed.entries).toHaveLength(2);
    expect(renamed.last).toMatchObject({ kind: 'edit', via: 'import', byId: 'U0BOSS', leadVersion: 2, at: later.now });
    expect(JSON.parse(renamed.last.before!)).toEqual({ name: 'Acme' });
    expect(JSON.parse(renamed.last.after!)).toEqual({ name: 'Apex' });
    // The search keys follow the name.
    expect(renamed.lead.nameKey).not.toBe(before.leads[0]!.nameKey);

    const won = await entryOf('502');
    expect(won.lead).toMatchObject({ stage: 'WON', dealAmountMinor: 5_000_000n, version: 2 });
    expect(won.entries).toHaveLength(2);
    expect(won.last).toMatchObject({ kind: 'stage', via: 'import' });
    expect(JSON.parse(won.last.before!)).toMatchObject({ stage: 'ACQUIRED', wonAt: null, dealAmountMinor: null });
    expect(JSON.parse(won.last.after!)).toMatchObject({ stage: 'WON', wonAt: '2026-02-01T02:00:00.000Z', dealAmountMinor: '5000000' });
    expect((await entryOf('503')).lead.version).toBe(1);
    expect(await importLeads(later, database.db, changed, { dryRun: false })).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    await database.db.lead.deleteMany({ where: { workspaceId: TEAM } });
  });

  it('takes a loss reason the team labelled in its own words for the same reason: the sheet again changes nothing', async () => {
    const { columns: withReasons } = matchHeaders(['线索编号', '线索名称', '获取时间', '负责人', '流失时间', '流失原因']);
    const lost = { columns: withReasons, rows: [{ line: 2, cells: ['551', 'Acme', '2026-01-05', 'U0MEI', '2026-02-01', '决策链长'] }] };
    expect(await importLeads(caller(), database.db, lost, { dryRun: false })).toMatchObject({ created: 1 });
    // As if the team had first given the reason in its own words: one tag, its label as they wrote it.
    const { count } = await database.db.tag.updateMany({ where: { workspaceId: TEAM, kind: 'LOSS_REASON', key: 'long_decision_chain' }, data: { label: '决策链长' } });
    expect(count).toBe(1);
    expect(await importLeads(caller(), database.db, lost, { dryRun: false })).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    await database.db.lead.deleteMany({ where: { workspaceId: TEAM } });
  });

  it('leaves a lead with its owner when the sheet names nobody for sure, and gives a pooled one to the owner a later import names', async () => {
    await importLeads(caller(), database.db, sheet(['601', 'Acme', '2026-01-05', 'U0MEI', '', ''], ['602', 'Globex', '2026-01-05', '王五', '', '']), { dryRun: false });
    const again = await importLeads(caller(), database.db, sheet(['601', 'Acme', '2026-01-05', '李雷', '', ''], ['602', 'Globex', '2026-01-05', '王五', '', '']), {
      dryRun: false,
      ownerMapping: [{ name: '王五', owner: 'U0WANG' }],
    });
    expect(again).toMatchObject({ updated: 1, unchanged: 1, unassigned: [{ owner: '李雷', why: 'ambiguous', rows: 1 }] });
    const leads = await database.db.lead.findMany({ where: { workspaceId: TEAM }, orderBy: { number: 'asc' }, select: { ownerId: true, pooledAt: true } });
    expect(leads).toEqual([
      { ownerId: 'U0MEI', pooledAt: null },
      { ownerId: 'U0WANG', pooledAt: null },
    ]);
    await database.db.lead.deleteMany({ where: { workspaceId: TEAM } });
  });

  it('finishes an import stopped halfway when run again: the same leads and journal as one run straight through, batch by batch', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [String(700_000 + i), `Company ${i}`, `2026-01-${String((i % 28) + 1).padStart(2, '0')} 09:00`, i % 3 === 0 ? '韩梅梅' : 'U0MEI', i % 4 === 0 ? '2026-02-10' : '', i % 4 === 0 ? '3万' : '']);
    const other = await new Workspaces(database.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get('TIMPORTAPP2');
    await database.db.member.create({ data: { workspaceId: other.id, userId: 'U0MEI', name: '韩梅梅', fetchedAt: new Date() } });
    const progress: number[] = [];
    await importLeads(caller(), database.db, sheet(...rows), { dryRun: false, onProgress: ({ rows }) => progress.push(rows) });
    expect(progress).toEqual([1000, 2000, 2500]);

    const otherCaller = { ...caller(), workspace: other };
    // What a run cut off after its first batch left: that batch, and nothing of the rest.
    await importLeads(otherCaller, database.db, sheet(...rows.slice(0, 1000)), { dryRun: false });
    expect(await importLeads(otherCaller, database.db, sheet(...rows), { dryRun: false })).toMatchObject({ created: 1500, unchanged: 1000, updated: 0 });

    const contents = async (workspaceId: string) => {
      const leads = await database.db.lead.findMany({ where: { workspaceId }, orderBy: { number: 'asc' } });
      const entries = await database.db.activity.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } });
      const journal = new Map<number, unknown[]>();
      for (const entry of entries) journal.set(entry.leadId!, [...(journal.get(entry.leadId!) ?? []), [entry.kind, entry.at.toISOString(), entry.before, entry.after, entry.leadVersion]]);
      return leads.map(({ id, workspaceId: _w, createdAt: _c, updatedAt: _u, ...lead }) => ({ ...lead, journal: journal.get(id) }));
    };
    const straight = await contents(TEAM);
    expect(straight).toHaveLength(2500);
    expect(await contents(other.id)).toEqual(straight);
    await database.db.lead.deleteMany({ where: { workspaceId: TEAM } });
  });
});
