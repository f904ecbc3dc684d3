import type { Db } from './database.js';
import { isUniqueViolation } from './unique-violation.js';

/**
 * The run ledger's rows (job_run): one per (workspace, job, period). The unique key makes
 * a second insert of the same run fail, which is what lets src/jobs/ledger.ts claim a run
 * at most once.
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

/** Inserts the run's row as CLAIMED; undefined when the run already has one. */
export async function insertClaim(db: Db, key: RunKey, options: { now: Date; late: boolean }): Promise<Claim | undefined> {
  try {
    const row = await db.jobRun.create({
      data: { ...key, status: 'CLAIMED', claimedAt: options.now, late: options.late, attempts: 0 },
    });
    return { ...key, id: row.id, attempts: 0, late: row.late, claimedAt: row.claimedAt };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return undefined;
  }
}

/**
 * Takes over the run's claim if it has been CLAIMED for `abandonedAfterMs` or longer.
 * The update is conditional on the row still being that claim, so of two processes
 * only one takes it over.
 */
export async function takeOverClaim(db: Db, key: RunKey, now: Date, abandonedAfterMs: number): Promise<Claim | undefined> {
  const row = await db.jobRun.findUnique({ where: { workspaceId_job_periodKey: key } });
  if (!row || row.status !== 'CLAIMED' || now.getTime() - row.claimedAt.getTime() < abandonedAfterMs) return undefined;
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

/** Forgets the runs of these jobs for a period, so that they may post again (the playground's "Run now"). */
export async function forgetRuns(db: Db, workspaceId: string, jobs: string[], periodKeyPrefix: string): Promise<void> {
  await db.jobRun.deleteMany({ where: { workspaceId, job: { in: jobs }, periodKey: { startsWith: periodKeyPrefix } } });
}
