import { FUNNEL_STAGES, type FunnelStage, type Reached } from '../domain/funnel.js';
import type { Period } from '../domain/periods.js';
import { STAGE_TIMESTAMP } from '../domain/stages.js';
import { Prisma } from '../generated/sqlite/client.js';
import type { Db } from './database.js';
import { daysBetween } from './dialect.js';
import type { Provider } from './schema-source.js';

/**
 * The numbers behind the digests and reports. Every one is an aggregate the database
 * computes (COUNT, SUM, GROUP BY), on SQLite and PostgreSQL alike: leads are never
 * loaded into memory to be counted.
 */

/** Which leads a number is about: the team, one owner, or one source channel. */
export interface LeadScope {
  ownerId?: string;
  sourceChannelKey?: string;
}

export function scopeWhere(workspaceId: string, scope: LeadScope = {}) {
  return {
    workspaceId,
    ...(scope.ownerId ? { ownerId: scope.ownerId } : {}),
    ...(scope.sourceChannelKey ? { sourceChannelKey: scope.sourceChannelKey } : {}),
  };
}

export function scopeSql(workspaceId: string, scope: LeadScope = {}): Prisma.Sql {
  const parts = [Prisma.sql`"workspaceId" = ${workspaceId}`];
  if (scope.ownerId) parts.push(Prisma.sql`"ownerId" = ${scope.ownerId}`);
  if (scope.sourceChannelKey) parts.push(Prisma.sql`"sourceChannelKey" = ${scope.sourceChannelKey}`);
  return Prisma.join(parts, ' AND ');
}

const within = (period: Period) => ({ gte: period.start, lt: period.end });

/** DOMAIN.md's funnel: the leads acquired in the period and how many reached each stage by now. */
export async function funnelReached(db: Db, workspaceId: string, period: Period, scope?: LeadScope): Promise<Reached> {
  const counts = await db.lead.count({
    where: { ...scopeWhere(workspaceId, scope), acquiredAt: within(period) },
    select: { _all: true, contactedAt: true, discoveryAt: true, proposalAt: true, negotiationAt: true, wonAt: true },
  });
  return {
    ACQUIRED: counts._all,
    CONTACTED: counts.contactedAt,
    DISCOVERY: counts.discoveryAt,
    PROPOSAL: counts.proposalAt,
    NEGOTIATION: counts.negotiationAt,
    WON: counts.wonAt,
  };
}

export interface PeriodActivity {
  newLeads: number;
  /** Leads that entered each stage during the period (skipped stages count, as their timestamps say). */
  stageEntries: Record<FunnelStage | 'LOST', number>;
  wonCount: number;
  revenue: number;
  lostCount: number;
}

const ENTRY_STAGES = [...FUNNEL_STAGES, 'LOST'] as const;

/** What happened in a period, in one pass over the team's leads. */
export async function periodActivity(db: Db, workspaceId: string, period: Period, scope?: LeadScope): Promise<PeriodActivity> {
  const columns = ENTRY_STAGES.map((stage) => {
    const column = Prisma.raw(`"${STAGE_TIMESTAMP[stage]}"`);
    return Prisma.sql`SUM(CASE WHEN ${column} >= ${period.start} AND ${column} < ${period.end} THEN 1 ELSE 0 END)`;
  });
  const [row] = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT ${Prisma.join(columns.map((column, index) => Prisma.sql`${column} AS ${Prisma.raw(`"s${index}"`)}`))},
      SUM(CASE WHEN "wonAt" >= ${period.start} AND "wonAt" < ${period.end} THEN "dealAmount" ELSE 0 END) AS "revenue"
    FROM "lead" WHERE ${scopeSql(workspaceId, scope)}`;
  const entries = Object.fromEntries(ENTRY_STAGES.map((stage, index) => [stage, Number(row?.[`s${index}`] ?? 0)])) as PeriodActivity['stageEntries'];
  return {
    newLeads: entries.ACQUIRED,
    stageEntries: entries,
    wonCount: entries.WON,
    revenue: Number(row?.revenue ?? 0),
    lostCount: entries.LOST,
  };
}

export interface TagCount {
  key: string;
  label: string;
  count: number;
}

/** The most given loss reasons of the leads lost in a period. */
export async function topLossReasons(db: Db, workspaceId: string, period: Period, limit = 5, scope?: LeadScope): Promise<TagCount[]> {
  const groups = await db.leadTag.groupBy({
    by: ['tagId'],
    where: { tag: { kind: 'LOSS_REASON' }, lead: { ...scopeWhere(workspaceId, scope), lostAt: within(period) } },
    _count: { _all: true },
    orderBy: [{ _count: { tagId: 'desc' } }, { tagId: 'asc' }],
    take: limit,
  });
  const tags = await db.tag.findMany({ where: { id: { in: groups.map((group) => group.tagId) } } });
  const byId = new Map(tags.map((tag) => [tag.id, tag]));
  return groups.map((group) => ({ key: byId.get(group.tagId)!.key, label: byId.get(group.tagId)!.label, count: group._count._all }));
}

export interface WeekTrend {
  week: Period;
  newLeads: number;
  won: number;
}

/** New leads and won deals per week, in one pass: a CASE per week keeps each week's exact bounds in the team's zone. */
export async function weeklyTrend(db: Db, workspaceId: string, weeks: Period[], scope?: LeadScope): Promise<WeekTrend[]> {
  if (weeks.length === 0) return [];
  const sums = weeks.flatMap((week, index) => [
    Prisma.sql`SUM(CASE WHEN "acquiredAt" >= ${week.start} AND "acquiredAt" < ${week.end} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"n${index}"`)}`,
    Prisma.sql`SUM(CASE WHEN "wonAt" >= ${week.start} AND "wonAt" < ${week.end} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"w${index}"`)}`,
  ]);
  const first = weeks[0]!.start;
  const [row] = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT ${Prisma.join(sums)} FROM "lead"
    WHERE ${scopeSql(workspaceId, scope)} AND ("acquiredAt" >= ${first} OR "wonAt" >= ${first})`;
  return weeks.map((week, index) => ({ week, newLeads: Number(row?.[`n${index}`] ?? 0), won: Number(row?.[`w${index}`] ?? 0) }));
}

/**
 * Median days spent in each stage by the leads acquired in the period that moved on
 * from it. The database groups the durations into tenth-of-a-day buckets; the median is
 * read off that histogram, so only a few hundred rows ever leave the database.
 */
export async function medianDaysPerStage(db: Db, provider: Provider, workspaceId: string, period: Period, scope?: LeadScope): Promise<Partial<Record<FunnelStage, number>>> {
  const result: Partial<Record<FunnelStage, number>> = {};
  for (let index = 0; index < FUNNEL_STAGES.length - 1; index++) {
    const stage = FUNNEL_STAGES[index]!;
    const from = STAGE_TIMESTAMP[stage];
    const to = STAGE_TIMESTAMP[FUNNEL_STAGES[index + 1]!];
    const bucket = Prisma.sql`CAST(ROUND(${daysBetween(provider, from, to)} * 10) AS INTEGER)`;
    const rows = await db.$queryRaw<Array<{ bucket: number | bigint; n: number | bigint }>>`
      SELECT ${bucket} AS "bucket", COUNT(*) AS "n" FROM "lead"
      WHERE ${scopeSql(workspaceId, scope)} AND "acquiredAt" >= ${period.start} AND "acquiredAt" < ${period.end}
        AND ${Prisma.raw(`"${from}"`)} IS NOT NULL AND ${Prisma.raw(`"${to}"`)} IS NOT NULL
      GROUP BY ${bucket} ORDER BY ${bucket}`;
    const median = histogramMedian(rows.map((row) => ({ value: Number(row.bucket) / 10, count: Number(row.n) })));
    if (median !== undefined) result[stage] = median;
  }
  return result;
}

export function histogramMedian(buckets: Array<{ value: number; count: number }>): number | undefined {
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  if (total === 0) return undefined;
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const bucket of buckets) {
      seen += bucket.count;
      if (seen > rank) return bucket.value;
    }
    return buckets.at(-1)!.value;
  };
  return total % 2 === 1 ? valueAt((total - 1) / 2) : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}

export interface OwnerCount {
  ownerId: string;
  count: number;
}

/** Who has the most open leads waiting in a stage: whom to talk to about a bottleneck. */
export async function waitingByOwner(db: Db, workspaceId: string, stage: FunnelStage, limit = 3): Promise<OwnerCount[]> {
  const groups = await db.lead.groupBy({
    by: ['ownerId'],
    where: { workspaceId, stage },
    _count: { _all: true },
    orderBy: [{ _count: { ownerId: 'desc' } }, { ownerId: 'asc' }],
    take: limit,
  });
  return groups.map((group) => ({ ownerId: group.ownerId, count: group._count._all }));
}
