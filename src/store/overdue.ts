import { LATENESS_BUCKETS, ZOMBIE_AFTER_DAYS, type LatenessBucket } from '../domain/follow-ups.js';
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
const OPEN = Prisma.raw(`"stage" IN (${OPEN_STAGES.map((stage) => `'${stage}'`).join(', ')})`);

/** The latest moment someone did something with the lead; GREATEST and MAX ignore NULLs differently, hence COALESCE. */
function lastTouched(provider: Provider): Prisma.Sql {
  const columns = ['lastFollowUpAt', 'contactedAt', 'discoveryAt', 'proposalAt', 'negotiationAt'].map((column) => `COALESCE("${column}", "acquiredAt")`);
  return greatest(provider, ['"acquiredAt"', ...columns]);
}

/** Counts per owner and bucket, computed by the database. `today` is midnight of the team's day. */
export async function overdueByOwner(db: Db, provider: Provider, workspaceId: string, today: Date, now: Date): Promise<OwnerOverdue[]> {
  const touched = lastTouched(provider);
  const zombieBefore = new Date(now.getTime() - ZOMBIE_AFTER_DAYS * DAY_MS);
  const threeDays = new Date(today.getTime() - 3 * DAY_MS);
  const sevenDays = new Date(today.getTime() - 7 * DAY_MS);
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT "ownerId",
      SUM(CASE WHEN ${touched} < ${zombieBefore} THEN 1 ELSE 0 END) AS "zombie",
      SUM(CASE WHEN ${touched} >= ${zombieBefore} AND "nextFollowUpAt" >= ${threeDays} THEN 1 ELSE 0 END) AS "days1to3",
      SUM(CASE WHEN ${touched} >= ${zombieBefore} AND "nextFollowUpAt" < ${threeDays} AND "nextFollowUpAt" >= ${sevenDays} THEN 1 ELSE 0 END) AS "days4to7",
      SUM(CASE WHEN ${touched} >= ${zombieBefore} AND "nextFollowUpAt" < ${sevenDays} THEN 1 ELSE 0 END) AS "days8to30"
    FROM "lead"
    WHERE "workspaceId" = ${workspaceId} AND ${OPEN} AND ("nextFollowUpAt" < ${today} OR ${touched} < ${zombieBefore})
    GROUP BY "ownerId"`;
  return rows
    .map((row) => {
      const buckets = Object.fromEntries(LATENESS_BUCKETS.map((bucket) => [bucket, Number(row[bucket] ?? 0)])) as Record<LatenessBucket, number>;
      return { ownerId: String(row.ownerId), buckets, total: LATENESS_BUCKETS.reduce((sum, bucket) => sum + buckets[bucket], 0) };
    })
    .sort((a, b) => b.total - a.total || a.ownerId.localeCompare(b.ownerId));
}

/** The oldest overdue leads of each owner (by due day, zombies first), `perOwner` each, ranked by the database. */
export async function oldestOverdue(db: Db, provider: Provider, workspaceId: string, today: Date, now: Date, perOwner: number, ownerId?: string): Promise<OverdueLead[]> {
  const touched = lastTouched(provider);
  const zombieBefore = new Date(now.getTime() - ZOMBIE_AFTER_DAYS * DAY_MS);
  const rows = await db.$queryRaw<Array<{ ownerId: string; number: string; name: string; stage: string; nextFollowUpAt: unknown; lastTouchedAt: unknown }>>`
    SELECT "ownerId", "number", "name", "stage", "nextFollowUpAt", "lastTouchedAt" FROM (
      SELECT "ownerId", "number", "name", "stage", "nextFollowUpAt", ${touched} AS "lastTouchedAt",
        ROW_NUMBER() OVER (PARTITION BY "ownerId" ORDER BY COALESCE("nextFollowUpAt", ${touched}) ASC, "number" ASC) AS "rank"
      FROM "lead"
      WHERE "workspaceId" = ${workspaceId} AND ${OPEN} AND ("nextFollowUpAt" < ${today} OR ${touched} < ${zombieBefore})
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

/** Raw queries hand back SQLite's stored ISO text and PostgreSQL's Date alike. */
function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
