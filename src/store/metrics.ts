import { FUNNEL_STAGES, type FunnelStage, type Reached } from '../domain/funnel.js';
import type { LeadScope } from '../domain/goals.js';
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
  /** The deal amounts of the leads won in the period, in minor units. */
  revenueMinor: bigint;
  lostCount: number;
}

const ENTRY_STAGES = [...FUNNEL_STAGES, 'LOST'] as const;

/**
 * The leads of the scope whose `column` falls in [start, end), as a scalar subquery: a
 * walk over that range of the (workspaceId, column) index only. A CASE per number
 * inside one SUM would read every lead of the workspace instead (seconds at 1M leads,
 * bench/digest.ts).
 */
function countIn(column: string, period: Period, where: Prisma.Sql): Prisma.Sql {
  const field = Prisma.raw(`"${column}"`);
  return Prisma.sql`(SELECT COUNT(*) FROM "lead" WHERE ${where} AND ${field} >= ${period.start} AND ${field} < ${period.end})`;
}

/**
 * What happened in a period: stage entries (skipped stages count, as their timestamps
 * say), revenue, losses. The revenue sum comes back as text: raw results map a 64-bit
 * SUM to a bigint on SQLite but to a Decimal on PostgreSQL, and BigInt() of the text is
 * exact from either.
 */
export async function periodActivity(db: Db, workspaceId: string, period: Period, scope?: LeadScope): Promise<PeriodActivity> {
  const where = scopeSql(workspaceId, scope);
  const columns = ENTRY_STAGES.map((stage, index) => Prisma.sql`${countIn(STAGE_TIMESTAMP[stage], period, where)} AS ${Prisma.raw(`"s${index}"`)}`);
  const [row] = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT ${Prisma.join(columns)},
      (SELECT CAST(SUM("dealAmountMinor") AS TEXT) FROM "lead" WHERE ${where} AND "wonAt" >= ${period.start} AND "wonAt" < ${period.end}) AS "revenueMinor"`;
  const entries = Object.fromEntries(ENTRY_STAGES.map((stage, index) => [stage, Number(row?.[`s${index}`] ?? 0)])) as PeriodActivity['stageEntries'];
  return {
    newLeads: entries.ACQUIRED,
    stageEntries: entries,
    wonCount: entries.WON,
    revenueMinor: BigInt((row?.revenueMinor as string | null | undefined) ?? 0),
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

/** New leads and deals won per week: two index ranges per week, exact week bounds in the team's zone. */
export async function weeklyTrend(db: Db, workspaceId: string, weeks: Period[], scope?: LeadScope): Promise<WeekTrend[]> {
  if (weeks.length === 0) return [];
  const where = scopeSql(workspaceId, scope);
  const counts = weeks.flatMap((week, index) => [
    Prisma.sql`${countIn('acquiredAt', week, where)} AS ${Prisma.raw(`"n${index}"`)}`,
    Prisma.sql`${countIn('wonAt', week, where)} AS ${Prisma.raw(`"w${index}"`)}`,
  ]);
  const [row] = await db.$queryRaw<Array<Record<string, unknown>>>`SELECT ${Prisma.join(counts)}`;
  return weeks.map((week, index) => ({ week, newLeads: Number(row?.[`n${index}`] ?? 0), won: Number(row?.[`w${index}`] ?? 0) }));
}

/**
 * Median days spent in each stage by the leads acquired in the period that moved on from
 * it, in tenth-of-a-day steps, in one pass with the database's median aggregate (NULL
 * durations, stages not reached, are skipped). SQLite has median() through its
 * percentile functions, which better-sqlite3 compiles in; PostgreSQL has percentile_cont.
 * Grouping into a histogram instead sorted most of the window five times.
 */
export async function medianDaysPerStage(db: Db, provider: Provider, workspaceId: string, period: Period, scope?: LeadScope): Promise<Partial<Record<FunnelStage, number>>> {
  const pairs = FUNNEL_STAGES.slice(0, -1).map((stage, index) => ({ stage, from: STAGE_TIMESTAMP[stage], to: STAGE_TIMESTAMP[FUNNEL_STAGES[index + 1]!] }));
  const medians = pairs.map((pair, index) => {
    const bucket = Prisma.sql`CAST(ROUND(${daysBetween(provider, pair.from, pair.to)} * 10) AS INTEGER)`;
    const median = provider === 'postgresql' ? Prisma.sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${bucket})` : Prisma.sql`median(${bucket})`;
    return Prisma.sql`${median} AS ${Prisma.raw(`"m${index}"`)}`;
  });
  const [row] = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT ${Prisma.join(medians)} FROM "lead"
    WHERE ${scopeSql(workspaceId, scope)} AND "acquiredAt" >= ${period.start} AND "acquiredAt" < ${period.end}`;
  const result: Partial<Record<FunnelStage, number>> = {};
  pairs.forEach((pair, index) => {
    const median = row?.[`m${index}`];
    if (median !== null && median !== undefined) result[pair.stage] = Number(median) / 10;
  });
  return result;
}

export interface OwnerCount {
  ownerId: string;
  count: number;
}

/** Who has the most open leads waiting in a stage: whom to talk to about a bottleneck (a lead in the team pool waits on nobody). */
export async function waitingByOwner(db: Db, workspaceId: string, stage: FunnelStage, limit = 3): Promise<OwnerCount[]> {
  const groups = await db.lead.groupBy({
    by: ['ownerId'],
    where: { workspaceId, stage, pooledAt: null },
    _count: { _all: true },
    orderBy: [{ _count: { ownerId: 'desc' } }, { ownerId: 'asc' }],
    take: limit,
  });
  return groups.map((group) => ({ ownerId: group.ownerId, count: group._count._all }));
}
