import { FLAG_RULES, findingKey, LEFT_STAGES, parseFindingKey, stageAfter, type Count, type WeeklySeries } from '../domain/bottlenecks.js';
import type { FollowUpCutoffs } from '../domain/follow-ups.js';
import type { Period } from '../domain/periods.js';
import { OPEN_STAGES, STAGE_TIMESTAMP } from '../domain/stages.js';
import { Prisma } from '../generated/sqlite/client.js';
import type { Db } from './database.js';
import { TRANSACTION_OPTIONS } from './journal.js';
import { scopeSql } from './metrics.js';
import { overdueByOwner } from './overdue.js';
import type { Provider } from './schema-source.js';
import { isUniqueViolation } from './unique-violation.js';

/**
 * The counts behind the bottleneck flags (src/domain/bottlenecks.ts defines each rate):
 * per week, the leads decided in it. Aggregates only, as in src/store/metrics.ts.
 */

const column = (name: string) => Prisma.raw(`"${name}"`);
const inWeek = (name: string, week: Period) => Prisma.sql`${column(name)} >= ${week.start} AND ${column(name)} < ${week.end}`;

/** The stage after S on the way to a deal. */

/** Lost while in S: it had reached S, never the next stage, and was lost in the week. */
function lostInStage(stage: (typeof LEFT_STAGES)[number], week: Period): Prisma.Sql {
  return Prisma.sql`${inWeek('lostAt', week)} AND ${column(STAGE_TIMESTAMP[stage])} IS NOT NULL AND ${column(STAGE_TIMESTAMP[stageAfter(stage)])} IS NULL`;
}

/** Raw counts come back as bigint (SQLite) or bigint/Decimal (PostgreSQL): their text is exact from either. */
const countOf = (value: unknown) => Number(String(value ?? 0));

/** dropoff:S — per week, the leads that left S (moved on or were lost in it) and how many were lost. */
async function dropoffSeries(db: Db, workspaceId: string, weeks: Period[]): Promise<WeeklySeries[]> {
  const where = scopeSql(workspaceId);
  const columns = weeks.flatMap((week, w) =>
    LEFT_STAGES.flatMap((stage, s) => [
      Prisma.sql`(SELECT COUNT(*) FROM "lead" WHERE ${where} AND ${lostInStage(stage, week)}) AS ${Prisma.raw(`"l${w}_${s}"`)}`,
      Prisma.sql`(SELECT COUNT(*) FROM "lead" WHERE ${where} AND ${inWeek(STAGE_TIMESTAMP[stageAfter(stage)], week)}) AS ${Prisma.raw(`"a${w}_${s}"`)}`,
    ]),
  );
  const [row] = await db.$queryRaw<Array<Record<string, unknown>>>`SELECT ${Prisma.join(columns)}`;
  return LEFT_STAGES.map((stage, s) => ({
    kind: 'dropoff' as const,
    subject: stage,
    weeks: weeks.map((_, w) => {
      const lost = countOf(row?.[`l${w}_${s}`]);
      return { hits: lost, total: lost + countOf(row?.[`a${w}_${s}`]) };
    }),
  }));
}

/** channel:C — per week and source channel, the leads that reached Discovery or were lost before it, and how many reached it. */
async function channelSeries(db: Db, workspaceId: string, weeks: Period[]): Promise<WeeklySeries[]> {
  const byChannel = new Map<string, Count[]>();
  for (const [w, week] of weeks.entries()) {
    const rows = await db.$queryRaw<Array<{ channel: string; reached: unknown; decided: unknown }>>`
      SELECT "sourceChannelKey" AS "channel",
        SUM(CASE WHEN ${inWeek('discoveryAt', week)} THEN 1 ELSE 0 END) AS "reached",
        COUNT(*) AS "decided"
      FROM "lead"
      WHERE ${scopeSql(workspaceId)} AND "sourceChannelKey" IS NOT NULL
        AND ((${inWeek('discoveryAt', week)}) OR (${inWeek('lostAt', week)} AND "discoveryAt" IS NULL))
      GROUP BY "sourceChannelKey"`;
    for (const row of rows) {
      const counts = byChannel.get(row.channel) ?? weeks.map(() => ({ hits: 0, total: 0 }));
      counts[w] = { hits: countOf(row.reached), total: countOf(row.decided) };
      byChannel.set(row.channel, counts);
    }
  }
  return [...byChannel].sort(([a], [b]) => a.localeCompare(b)).map(([subject, counts]) => ({ kind: 'channel' as const, subject, weeks: counts }));
}

/** loss:R — per week, the leads lost in it and how many of them gave reason R. */
async function lossSeries(db: Db, workspaceId: string, weeks: Period[]): Promise<WeeklySeries[]> {
  const byReason = new Map<string, Count[]>();
  for (const [w, week] of weeks.entries()) {
    const lostAt = { gte: week.start, lt: week.end };
    const lost = await db.lead.count({ where: { workspaceId, lostAt } });
    const groups = await db.leadTag.groupBy({ by: ['tagId'], where: { tag: { kind: 'LOSS_REASON' }, lead: { workspaceId, lostAt } }, _count: { _all: true } });
    const tags = await db.tag.findMany({ where: { id: { in: groups.map((group) => group.tagId) } }, select: { id: true, key: true } });
    const keyOf = new Map(tags.map((tag) => [tag.id, tag.key]));
    for (const group of groups) {
      const key = keyOf.get(group.tagId)!;
      byReason.set(key, byReason.get(key) ?? weeks.map(() => ({ hits: 0, total: 0 })));
      byReason.get(key)![w] = { hits: group._count._all, total: lost };
    }
    // A reason nobody gave this week still had this week's losses to be given in.
    for (const counts of byReason.values()) if (counts[w]!.total === 0) counts[w] = { hits: 0, total: lost };
  }
  return [...byReason].sort(([a], [b]) => a.localeCompare(b)).map(([subject, counts]) => ({ kind: 'loss' as const, subject, weeks: counts }));
}

/** The mark of a counted week among the overdue snapshots: no owner has an empty id. */
const COUNTED_WEEK = '';

/**
 * Keeps how many leads each owner had overdue (overdueByOwner at the cut-offs given) as
 * `week` ended, once: a second run of the week, or a replica's, keeps the first count.
 */
export async function recordOverdueSnapshot(database: { db: Db; provider: Provider }, workspaceId: string, week: string, cutoffs: FollowUpCutoffs, takenAt: Date): Promise<void> {
  const { db } = database;
  if (await db.overdueSnapshot.findUnique({ where: { workspaceId_week_ownerId: { workspaceId, week, ownerId: COUNTED_WEEK } } })) return;
  const owners = await overdueByOwner(db, database.provider, workspaceId, cutoffs);
  try {
    await db.$transaction(async (tx) => {
      for (const owner of owners) await tx.overdueSnapshot.create({ data: { workspaceId, week, ownerId: owner.ownerId, overdue: owner.total, takenAt } });
      await tx.overdueSnapshot.create({ data: { workspaceId, week, ownerId: COUNTED_WEEK, overdue: owners.reduce((sum, owner) => sum + owner.total, 0), takenAt } });
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    // A replica's run of the same week counted it first.
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Each owner's overdue as the given weeks ended, from the snapshots: { count, 1 } a counted week, { 0, 0 } one the bot did not count. */
async function ownerSeries(db: Db, workspaceId: string, weeks: Period[]): Promise<WeeklySeries[]> {
  const rows = await db.overdueSnapshot.findMany({ where: { workspaceId, week: { in: weeks.map((week) => week.label) } } });
  const counted = new Set(rows.filter((row) => row.ownerId === COUNTED_WEEK).map((row) => row.week));
  const owners = [...new Set(rows.filter((row) => row.ownerId !== COUNTED_WEEK).map((row) => row.ownerId))].sort();
  return owners.map((ownerId) => ({
    kind: 'owner' as const,
    subject: ownerId,
    weeks: weeks.map((week) => (counted.has(week.label) ? { hits: rows.find((row) => row.week === week.label && row.ownerId === ownerId)?.overdue ?? 0, total: 1 } : { hits: 0, total: 0 })),
  }));
}

/** Every series the flags judge, over the given weeks (the baseline, then the week). */
export async function bottleneckSeries(db: Db, workspaceId: string, weeks: Period[]): Promise<WeeklySeries[]> {
  return [
    ...(await dropoffSeries(db, workspaceId, weeks)),
    ...(await channelSeries(db, workspaceId, weeks)),
    ...(await lossSeries(db, workspaceId, weeks)),
    ...(await ownerSeries(db, workspaceId, weeks)),
  ];
}

/** The week's counts of the given metrics (finding keys), as the flags count them; a key nobody was counted under is absent. */
export async function metricCounts(db: Db, workspaceId: string, keys: readonly string[], week: Period): Promise<Map<string, Count>> {
  if (keys.length === 0) return new Map();
  const wanted = new Set(keys);
  const counts = new Map<string, Count>();
  for (const series of await bottleneckSeries(db, workspaceId, [week])) {
    const key = findingKey(series.kind, series.subject);
    if (wanted.has(key)) counts.set(key, series.weeks[0]!);
  }
  return counts;
}

/** The numbers of the leads behind a finding in its week: those that dropped, latest first. */
export async function leadsBehindFinding(db: Db, workspaceId: string, key: string, week: Period, limit: number = FLAG_RULES.leadsShown): Promise<string[]> {
  const parsed = parseFindingKey(key);
  if (!parsed) return [];
  const lostAt = { gte: week.start, lt: week.end };
  let where: Prisma.LeadWhereInput;
  if (parsed.kind === 'dropoff') {
    const stage = parsed.subject as (typeof LEFT_STAGES)[number];
    if (!LEFT_STAGES.includes(stage)) return [];
    where = { lostAt, [STAGE_TIMESTAMP[stage]]: { not: null }, [STAGE_TIMESTAMP[stageAfter(stage)]]: null };
  } else if (parsed.kind === 'owner') {
    // The owner's leads overdue as the week ended, longest overdue first.
    const leads = await db.lead.findMany({
      where: { workspaceId, ownerId: parsed.subject, stage: { in: [...OPEN_STAGES] }, pooledAt: null, nextFollowUpAt: { lt: week.end } },
      select: { number: true },
      orderBy: [{ nextFollowUpAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return leads.map((lead) => lead.number);
  } else if (parsed.kind === 'channel') {
    where = { lostAt, sourceChannelKey: parsed.subject, discoveryAt: null };
  } else {
    where = { lostAt, tags: { some: { tag: { kind: 'LOSS_REASON', key: parsed.subject } } } };
  }
  const leads = await db.lead.findMany({ where: { workspaceId, ...where }, select: { number: true }, orderBy: [{ lostAt: 'desc' }, { id: 'desc' }], take: limit });
  return leads.map((lead) => lead.number);
}

/** How the team wrote its channels and loss reasons, by tag key, for the findings' words. */
export async function tagLabels(db: Db, workspaceId: string): Promise<Map<string, string>> {
  const tags = await db.tag.findMany({ where: { workspaceId }, select: { kind: true, key: true, label: true } });
  return new Map(tags.map((tag) => [`${tag.kind === 'SOURCE_CHANNEL' ? 'channel' : 'loss'}:${tag.key}`, tag.label]));
}
