import type { Db } from '../store/database.js';
import { isUniqueViolation } from '../store/unique-violation.js';

/**
 * The run ledger: one row per (workspace, job, period). A run is claimed by inserting
 * its row before anything is posted; the unique key makes the insert fail for every
 * other claimant (a restart, a second replica, an overlapping tick), so a digest is
 * posted at most once per period, and the row says what became of it.
 */
export interface RunKey {
  workspaceId: string;
  job: string;
  periodKey: string;
}

export interface Claim extends RunKey {
  id: number;
  attempts: number;
  late: boolean;
  /** When this claim was taken; a message posted after it may be this run's. */
  claimedAt: Date;
}

/** A claim left CLAIMED this long belongs to a process that died mid-run. */
export const ABANDONED_AFTER_MS = 10 * 60_000;

export async function claimRun(db: Db, key: RunKey, options: { now: Date; late?: boolean }): Promise<Claim | undefined> {
  try {
    const row = await db.jobRun.create({
      data: { ...key, status: 'CLAIMED', claimedAt: options.now, late: options.late ?? false, attempts: 0 },
    });
    return { ...key, id: row.id, attempts: 0, late: row.late, claimedAt: row.claimedAt };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return reclaimAbandoned(db, key, options.now);
}

/**
 * Takes over a run whose claimant died before finishing. The update is conditional on
 * the row still being the abandoned claim, so of two processes only one takes it over.
 */
async function reclaimAbandoned(db: Db, key: RunKey, now: Date): Promise<Claim | undefined> {
  const row = await db.jobRun.findUnique({ where: { workspaceId_job_periodKey: key } });
  if (!row || row.status !== 'CLAIMED' || now.getTime() - row.claimedAt.getTime() < ABANDONED_AFTER_MS) return undefined;
  const { count } = await db.jobRun.updateMany({
    where: { id: row.id, status: 'CLAIMED', claimedAt: row.claimedAt },
    data: { claimedAt: now, late: true, error: 'taken over from a claim that was never finished' },
  });
  return count === 1 ? { ...key, id: row.id, attempts: row.attempts, late: true, claimedAt: row.claimedAt } : undefined;
}

export async function recordAttempt(db: Db, claim: Claim, error: string): Promise<void> {
  await db.jobRun.update({ where: { id: claim.id }, data: { attempts: { increment: 1 }, error } });
}

export async function markPosted(db: Db, claim: Claim, result: { channelId: string; messageTs?: string; note?: string }, now: Date): Promise<void> {
  await db.jobRun.update({
    where: { id: claim.id },
    data: { status: 'POSTED', finishedAt: now, channelId: result.channelId, messageTs: result.messageTs, attempts: { increment: 1 }, error: result.note ?? null },
  });
}

export async function markFailed(db: Db, claim: Claim, error: string, now: Date): Promise<void> {
  await db.jobRun.update({ where: { id: claim.id }, data: { status: 'FAILED', finishedAt: now, error } });
}

export async function recentRuns(db: Db, options: { workspaceId?: string; limit?: number } = {}) {
  return db.jobRun.findMany({
    where: options.workspaceId ? { workspaceId: options.workspaceId } : {},
    orderBy: [{ claimedAt: 'desc' }, { id: 'desc' }],
    take: options.limit ?? 20,
  });
}
