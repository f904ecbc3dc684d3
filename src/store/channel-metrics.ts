import type { ChannelDimension } from '../domain/channel-metrics.js';
import type { Period } from '../domain/periods.js';
import { Prisma } from '../generated/sqlite/client.js';
import type { Db } from './database.js';
import { daysBetween } from './dialect.js';
import type { Provider } from './schema-source.js';

/** The lead column each grouping of `/lead channels` reads (ours, never user input). */
export const DIMENSION_COLUMN: Record<ChannelDimension, string> = {
  channel: 'sourceChannelKey',
  campaign: 'campaign',
  content: 'contentAsset',
  industry: 'industry',
  owner: 'ownerId',
};

/** One group of the leads acquired in a period, as the database adds it up; `key` null where the field is empty. */
export interface LeadGroupRow {
  key: string | null;
  leads: number;
  won: number;
  revenueMinor: bigint;
  medianDaysToWin?: number;
}

function median(provider: Provider, expression: Prisma.Sql): Prisma.Sql {
  return provider === 'postgresql' ? Prisma.sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expression})` : Prisma.sql`median(${expression})`;
}

/**
 * The leads acquired in the period by group, with how many of them are won, their deal
 * amounts and the median days from acquired to won (NULLs, the leads not won, skipped),
 * in one GROUP BY over the (workspaceId, acquiredAt) range. Sums come back as text: a
 * 64-bit SUM is a bigint on SQLite and a Decimal on PostgreSQL (src/store/metrics.ts).
 */
export async function leadGroups(db: Db, provider: Provider, workspaceId: string, period: Pick<Period, 'start' | 'end'>, by: ChannelDimension): Promise<LeadGroupRow[]> {
  const column = Prisma.raw(`"${DIMENSION_COLUMN[by]}"`);
  const toWin = Prisma.sql`CASE WHEN "wonAt" IS NOT NULL THEN ${daysBetween(provider, 'acquiredAt', 'wonAt')} END`;
  const rows = await db.$queryRaw<Array<{ key: string | null; leads: unknown; won: unknown; revenue: string | null; median: unknown }>>`
    SELECT ${column} AS "key", COUNT(*) AS "leads", COUNT("wonAt") AS "won",
      CAST(SUM(CASE WHEN "wonAt" IS NOT NULL THEN "dealAmountMinor" END) AS TEXT) AS "revenue",
      ${median(provider, toWin)} AS "median"
    FROM "lead"
    WHERE "workspaceId" = ${workspaceId} AND "acquiredAt" >= ${period.start} AND "acquiredAt" < ${period.end}
    GROUP BY ${column}`;
  return rows.map((row) => ({
    key: row.key,
    leads: Number(row.leads),
    won: Number(row.won),
    revenueMinor: BigInt(row.revenue ?? 0),
    ...(row.median !== null && row.median !== undefined ? { medianDaysToWin: Number(row.median) } : {}),
  }));
}

/** How many of each group's leads came from each source channel: what a channel's spend is shared out by, grouping by anything else. */
export async function leadsByGroupAndChannel(db: Db, workspaceId: string, period: Pick<Period, 'start' | 'end'>, by: ChannelDimension): Promise<Array<{ key: string | null; channel: string | null; leads: number }>> {
  const column = DIMENSION_COLUMN[by] as 'campaign' | 'contentAsset' | 'industry' | 'ownerId' | 'sourceChannelKey';
  const groups = await db.lead.groupBy({
    by: [column, 'sourceChannelKey'],
    where: { workspaceId, acquiredAt: { gte: period.start, lt: period.end } },
    _count: { _all: true },
  });
  return groups.map((group) => ({ key: (group as Record<string, unknown>)[column] as string | null, channel: group.sourceChannelKey, leads: group._count._all }));
}
