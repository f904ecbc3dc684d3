import { LATENESS_BUCKETS, TOUCH_COLUMNS, type FollowUpCutoffs, type LatenessBucket } from '../domain/follow-ups.js';
import { OPEN_STAGES } from '../domain/stages.js';
import { Prisma } from '../generated/sqlite/client.js';
import type { Db } from './database.js';
import { greatest } from './dialect.js';
import type { Provider } from './schema-source.js';

/** Overdue follow-ups and zombies (src/domain/follow-ups.ts), counted and ranked by the database. */

const DAY_MS = 86_400_000;

export interface OwnerOverdue {
  ownerId: string;
  total: number;
  buckets: Record<LatenessBucket, number>;
}

export interface OverdueLead {
  ownerId: string;
  number: string;
  name: string;
  stage: string;
  nextFollowUpAt: Date | null;
  lastTouchedAt: Date;
}

// Our own constants written into the SQL, as literals of the Stage enum, not bound as text parameters.
// A lead in the team pool is open but nobody's to follow up, so it is never overdue.
const OPEN = Prisma.raw(`"stage" IN (${OPEN_STAGES.map((stage) => `'${stage}'`).join(', ')}) AND "pooledAt" IS NULL`);

/** The latest moment someone did something with the lead (domain lastTouchedAt); GREATEST and MAX ignore NULLs differently, hence COALESCE. */
function lastTouched(provider: Provider): Prisma.Sql {
  return greatest(provider, TOUCH_COLUMNS.map((column) => `COALESCE("${column}", "acquiredAt")`));
}

/**
 * The domain's "overdue or zombie" (followUpStatus) as SQL: past its follow-up day and not
 * contacted today, or untouched for the zombie span.
 */
function overdueOrZombie(touched: Prisma.Sql, cutoffs: FollowUpCutoffs): Prisma.Sql {
  return Prisma.sql`${OPEN} AND (("nextFollowUpAt" < ${cutoffs.today} AND ("lastFollowUpAt" IS NULL OR "lastFollowUpAt" < ${cutoffs.today})) OR ${touched} < ${cutoffs.zombieBefore})`;
}

/** Counts per owner and bucket, computed by the database, at the cut-offs of the team's now. */
export async function overdueByOwner(db: Db, provider: Provider, workspaceId: string, cutoffs: FollowUpCutoffs): Promise<OwnerOverdue[]> {
  const touched = lastTouched(provider);
  const { today, zombieBefore } = cutoffs;
  const threeDays = new Date(today.getTime() - 3 * DAY_MS);
  const sevenDays = new Date(today.getTime() - 7 * DAY_MS);
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT "ownerId",
      SUM(CASE WHEN ${touched} < ${zombieBefore} THEN 1 ELSE 0 END) AS "zombie",
      SUM(CASE WHEN ${touched} >= ${zombieBefore} AND "nextFollowUpAt" >= ${threeDays} THEN 1 ELSE 0 END) AS "days1to3",
      SUM(CASE WHEN ${touched} >= ${zombieBefore} AND "nextFollowUpAt" < ${threeDays} AND "nextFollowUpAt" >= ${sevenDays} THEN 1 ELSE 0 END) AS "days4to7",
      SUM(CASE WHEN ${touched} >= ${zombieBefore} AND "nextFollowUpAt" < ${sevenDays} THEN 1 ELSE 0 END) AS "days8to30"
    FROM "lead"
    WHERE "workspaceId" = ${workspaceId} AND ${overdueOrZombie(touched, cutoffs)}
    GROUP BY "ownerId"`;
  return rows
    .map((row) => {
      const buckets = Object.fromEntries(LATENESS_BUCKETS.map((bucket) => [bucket, Number(row[bucket] ?? 0)])) as Record<LatenessBucket, number>;
      return { ownerId: String(row.ownerId), buckets, total: LATENESS_BUCKETS.reduce((sum, bucket) => sum + buckets[bucket], 0) };
    })
    .sort((a, b) => b.total - a.total || a.ownerId.localeCompare(b.ownerId));
}

/** The oldest overdue leads of each owner (by due day, zombies first), `perOwner` each, ranked by the database. */
export async function oldestOverdue(db: Db, provider: Provider, workspaceId: string, cutoffs: FollowUpCutoffs, perOwner: number, ownerId?: string): Promise<OverdueLead[]> {
  const touched = lastTouched(provider);
  const rows = await db.$queryRaw<Array<{ ownerId: string; number: string; name: string; stage: string; nextFollowUpAt: unknown; lastTouchedAt: unknown }>>`
    SELECT "ownerId", "number", "name", "stage", "nextFollowUpAt", "lastTouchedAt" FROM (
      SELECT "ownerId", "number", "name", "stage", "nextFollowUpAt", ${touched} AS "lastTouchedAt",
        ROW_NUMBER() OVER (PARTITION BY "ownerId" ORDER BY COALESCE("nextFollowUpAt", ${touched}) ASC, "number" ASC) AS "rank"
      FROM "lead"
      WHERE "workspaceId" = ${workspaceId} AND ${overdueOrZombie(touched, cutoffs)}
        ${ownerId ? Prisma.sql`AND "ownerId" = ${ownerId}` : Prisma.empty}
    ) AS "ranked" WHERE "rank" <= ${perOwner}
    ORDER BY "ownerId", "rank"`;
  return rows.map((row) => ({
    ownerId: row.ownerId,
    number: row.number,
    name: row.name,
    stage: row.stage,
    nextFollowUpAt: row.nextFollowUpAt ? asDate(row.nextFollowUpAt) : null,
    lastTouchedAt: asDate(row.lastTouchedAt),
  }));
}

/**
 * Open leads nobody has touched since `before`, not yet in the pool: those the morning job
 * returns to it where the workspace says so (src/domain/pool.ts), the quietest first.
 */
export async function quietLeads(db: Db, provider: Provider, workspaceId: string, before: Date, take: number): Promise<string[]> {
  const touched = lastTouched(provider);
  const rows = await db.$queryRaw<Array<{ number: string }>>`
    SELECT "number" FROM "lead"
    WHERE "workspaceId" = ${workspaceId} AND ${OPEN} AND ${touched} < ${before}
    ORDER BY ${touched} ASC, "number" ASC LIMIT ${take}`;
  return rows.map((row) => row.number);
}

/** Raw queries hand back SQLite's stored ISO text and PostgreSQL's Date alike. */
function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
