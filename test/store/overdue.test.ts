import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FOLLOW_UP_RULES, followUpCutoffs, followUpStatus } from '../../src/domain/follow-ups.js';
import { openLeadsForFollowUp } from '../../src/store/leads.js';
import { displayNames } from '../../src/store/members.js';
import { oldestOverdue, overdueByOwner } from '../../src/store/overdue.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';

const T = 'TOVERDUE';
const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
const ZONE = 'Asia/Shanghai';
const day = (iso: string) => new Date(`${iso}T00:00:00+08:00`); // midnight of a Shanghai day
const cutoffs = followUpCutoffs(NOW, ZONE, DEFAULT_FOLLOW_UP_RULES);

describe.each(DATABASES)('overdue follow-ups (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    const db = database.db;
    await db.workspace.create({ data: { id: T, timeZone: ZONE } });
    let n = 0;
    const lead = (ownerId: string, data: Record<string, unknown>) =>
      db.lead.create({ data: { workspaceId: T, number: String(++n).padStart(3, '0'), name: `L${n}`, ownerId, createdById: ownerId, acquiredAt: new Date('2026-11-10T00:00:00Z'), ...data } as never });
    // U1: due yesterday (1 day late), due 5 days ago, due 20 days ago but touched last week.
    await lead('U1', { nextFollowUpAt: day('2026-11-22') });
    await lead('U1', { nextFollowUpAt: day('2026-11-18') });
    await lead('U1', { nextFollowUpAt: day('2026-11-03'), acquiredAt: new Date('2026-10-20T00:00:00Z'), lastFollowUpAt: new Date('2026-11-16T00:00:00Z') });
    // U2: a zombie (acquired two months ago, never touched since), due today (not late), closed leads.
    await lead('U2', { acquiredAt: new Date('2026-09-20T00:00:00Z'), nextFollowUpAt: day('2026-09-25') });
    await lead('U2', { nextFollowUpAt: day('2026-11-23') });
    await lead('U2', { nextFollowUpAt: day('2026-11-01'), stage: 'WON' });
    await lead('U2', { nextFollowUpAt: day('2026-11-01'), stage: 'LOST' });
    // U3: nothing overdue. A lead moved on last week is not a zombie even though old.
    await lead('U3', { acquiredAt: new Date('2026-08-01T00:00:00Z'), contactedAt: new Date('2026-11-18T00:00:00Z'), nextFollowUpAt: day('2026-11-30'), stage: 'CONTACTED' });
  });
  afterAll(() => database?.drop());

  it('counts each owner\'s overdue leads by how late they are, zombies apart', async () => {
    expect(await overdueByOwner(database.db, database.provider, T, cutoffs)).toEqual([
      { ownerId: 'U1', total: 3, buckets: { days1to3: 1, days4to7: 1, days8to30: 1, zombie: 0 } },
      { ownerId: 'U2', total: 1, buckets: { days1to3: 0, days4to7: 0, days8to30: 0, zombie: 1 } },
    ]);
  });

  it('lists the oldest overdue leads of each owner first', async () => {
    const oldest = await oldestOverdue(database.db, database.provider, T, cutoffs, 2);
    expect(oldest.map((lead) => [lead.ownerId, lead.number])).toEqual([
      ['U1', '003'],
      ['U1', '002'],
      ['U2', '004'],
    ]);
    expect(oldest[2]!.lastTouchedAt.toISOString()).toBe('2026-09-20T00:00:00.000Z');
    expect((await oldestOverdue(database.db, database.provider, T, cutoffs, 10, 'U2')).map((lead) => lead.number)).toEqual(['004']);
  });

  it('keeps display names it learned and asks Slack only for unknown or stale ones', async () => {
    const asked: string[] = [];
    const lookUp = async (id: string) => (asked.push(id), { name: `Name of ${id}`, timeZone: ZONE });
    expect(await displayNames(database.db, T, ['U1', 'U2', 'U1'], NOW, lookUp)).toEqual(new Map([['U1', 'Name of U1'], ['U2', 'Name of U2']]));
    await displayNames(database.db, T, ['U1', 'U2'], new Date(NOW.getTime() + 86_400_000), lookUp);
    expect(asked).toEqual(['U1', 'U2']);
    await displayNames(database.db, T, ['U1'], new Date(NOW.getTime() + 8 * 86_400_000), async () => undefined);
    expect(await displayNames(database.db, T, ['U1', 'U9'], NOW)).toEqual(new Map([['U1', 'Name of U1'], ['U9', 'U9']]));
  });

  it('counts exactly the leads the domain calls overdue or zombie, a lead contacted today included', async () => {
    const db = database.db;
    // U4's leads span every case around the cut-offs: due yesterday but called this morning, or late last night.
    const base = { workspaceId: T, ownerId: 'U4', createdById: 'U4', acquiredAt: new Date('2026-11-10T00:00:00Z'), stage: 'CONTACTED' as const, contactedAt: new Date('2026-11-12T00:00:00Z') };
    const cases = [
      { nextFollowUpAt: day('2026-11-22'), lastFollowUpAt: new Date('2026-11-23T01:00:00Z') },
      { nextFollowUpAt: day('2026-11-22'), lastFollowUpAt: new Date('2026-11-22T15:59:00Z') },
      { nextFollowUpAt: day('2026-11-23') },
      { nextFollowUpAt: day('2026-11-24') },
      { nextFollowUpAt: null, acquiredAt: new Date('2026-09-01T00:00:00Z'), contactedAt: new Date('2026-10-01T00:00:00Z') },
      { nextFollowUpAt: day('2026-11-01'), acquiredAt: new Date('2026-09-01T00:00:00Z'), contactedAt: new Date('2026-10-01T00:00:00Z'), lastFollowUpAt: new Date('2026-11-20T00:00:00Z') },
      { nextFollowUpAt: null, stage: 'ACQUIRED' as const, contactedAt: null },
    ];
    for (const [i, data] of cases.entries()) await db.lead.create({ data: { ...base, number: `4${i}`, name: `Case ${i}`, ...data } });
    const expected = (await openLeadsForFollowUp(db, T, 'U4')).filter((lead) => ['overdue', 'zombie'].includes(followUpStatus(lead, cutoffs))).map((lead) => lead.number).sort();
    expect(expected).toEqual(['41', '44', '45']);
    const listed = (await oldestOverdue(db, database.provider, T, cutoffs, 100, 'U4')).map((lead) => lead.number).sort();
    expect(listed).toEqual(expected);
    expect((await overdueByOwner(db, database.provider, T, cutoffs)).find((owner) => owner.ownerId === 'U4')?.total).toBe(expected.length);
  });
});
