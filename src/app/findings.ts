import type { Caller } from './caller.js';
import { FieldCheck } from '../domain/fields.js';
import type { Db } from '../store/database.js';
import { dismissFinding, type FindingRow } from '../store/findings.js';

/**
 * "Not a problem" on a bottleneck flag: anyone in the alignment channel may say so, as
 * in the meeting, but only with a reason, which stays with the finding for the next one.
 * Undefined when the finding is not this workspace's.
 */
export async function dismissFindingAs(caller: Caller, db: Db, findingId: number, reasonText: string | undefined): Promise<FindingRow | undefined> {
  const check = new FieldCheck();
  const reason = check.text('dismissReason', reasonText, { required: true });
  check.done();
  return dismissFinding(db, caller.workspace.id, findingId, { reason: reason!, userId: caller.userId, now: caller.now });
}
