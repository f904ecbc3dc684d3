import type { Db } from '../store/database.js';
import { insertClaim, takeOverClaim, type Claim, type RunKey } from '../store/job-runs.js';

/**
 * The run ledger: a run is claimed by inserting its row (src/store/job-runs.ts) before
 * anything is posted; the unique key makes the insert fail for every other claimant (a
 * restart, a second replica, an overlapping tick), so a digest is posted at most once
 * per period, and the row says what became of it.
 */

/** A claim left CLAIMED this long belongs to a process that died mid-run. */
export const ABANDONED_AFTER_MS = 10 * 60_000;

export async function claimRun(db: Db, key: RunKey, options: { now: Date; late?: boolean }): Promise<Claim | undefined> {
  return (await insertClaim(db, key, { now: options.now, late: options.late ?? false })) ?? takeOverClaim(db, key, options.now, ABANDONED_AFTER_MS);
}
