import { NotInThePool } from './errors.js';
import type { FollowUpFacts } from './follow-ups.js';
import { lastTouchedAt } from './follow-ups.js';
import type { LeadPatch } from './journal.js';
import { isOpenStage } from './stages.js';
import { startOfTeamDay } from './team-time.js';

/**
 * The team pool (公海, the norm in Chinese CRMs): a lead nobody works goes back to the
 * team, and any rep may claim it, first come first served. A pooled lead keeps its last
 * holder as ownerId (for the record) and its pooledAt says it is in the pool.
 *
 * A workspace may have quiet leads return on their own: with `poolAfterDays` set, an open
 * lead nobody touched for that many days is released by the morning job. Off by default.
 */

const DAY_MS = 86_400_000;

/** The most days a workspace may set: a year, as for the other follow-up spans. */
export const MAX_POOL_AFTER_DAYS = 365;

export interface PoolFacts {
  number: string;
  ownerId: string;
  pooledAt: Date | null;
  claimedAt: Date | null;
}

export function isPooled(lead: { pooledAt: Date | null }): boolean {
  return lead.pooledAt !== null;
}

/** Last touched before this, an open lead returns to the pool; undefined where the workspace keeps leads with their owners. */
export function poolReturnBefore(now: Date, poolAfterDays: number | null | undefined): Date | undefined {
  if (!poolAfterDays || poolAfterDays < 1) return undefined;
  return new Date(now.getTime() - poolAfterDays * DAY_MS);
}

/** Whether an open lead is quiet enough to return to the pool on its own. */
export function returnsToPool(lead: FollowUpFacts & { pooledAt: Date | null }, now: Date, poolAfterDays: number | null | undefined): boolean {
  const before = poolReturnBefore(now, poolAfterDays);
  return before !== undefined && isOpenStage(lead.stage) && lead.pooledAt === null && lastTouchedAt(lead) < before;
}

/** What releasing writes: the lead is in the pool from now, and nothing is due from anyone. */
export function releaseFields(now: Date): LeadPatch {
  return { pooledAt: now, nextFollowUpAt: null };
}

/**
 * What a claim writes: the claimer owns it, it leaves the pool, and it is due today, since
 * a lead someone took on is one to call. Claiming counts as touching it (claimedAt), so it
 * is not a zombie again the moment it is taken. Refused, naming who has it, where it is no
 * longer in the pool: the loser of two claims at once hears who won.
 */
export function claimFields(lead: PoolFacts, claimerId: string, now: Date, timeZone: string): LeadPatch {
  // "Claimed it first" is the answer to a race: a claim of today. One long ago is just someone's lead.
  if (!lead.pooledAt) throw new NotInThePool(lead.number, lead.ownerId, lead.claimedAt !== null && lead.claimedAt >= startOfTeamDay(now, timeZone));
  return { ownerId: claimerId, pooledAt: null, claimedAt: now, nextFollowUpAt: startOfTeamDay(now, timeZone) };
}
