import { claimFields, isPooled, poolReturnBefore, releaseFields, returnsToPool } from '../domain/pool.js';
import { authorize } from '../domain/roles.js';
import { assertOpen, type Stage } from '../domain/stages.js';
import { StageChangedMeanwhile } from '../domain/errors.js';
import type { Db } from '../store/database.js';
import { changeLead, pooledLeads } from '../store/leads.js';
import { quietLeads } from '../store/overdue.js';
import type { Provider } from '../store/schema-source.js';
import { authorOf, systemCaller, type Caller } from './caller.js';
import type { WorkspaceSettings } from '../store/workspaces.js';

/**
 * The team pool (公海, src/domain/pool.ts): releasing a lead to it, claiming one from it,
 * listing it, and the morning's return of quiet leads. Each change is one journal entry
 * of kind 'pool'.
 */

/** How many pooled leads a list reads: the longest waiting, which is where a rep starts. */
export const POOL_LIST_SIZE = 20;

export function poolOf(caller: Caller, db: Db) {
  return pooledLeads(db, caller.workspace.id, POOL_LIST_SIZE);
}

/** Gives a lead back to the team: its owner or a manager may. `released: false` where it was in the pool already. */
export async function releaseLead(caller: Caller, db: Db, request: { number: string; expectedStage?: Stage }) {
  const result = await changeLead(db, { workspaceId: caller.workspace.id, number: request.number }, authorOf(caller), (lead) => {
    if (isPooled(lead)) return undefined;
    authorize(caller, 'release', lead);
    if (request.expectedStage && lead.stage !== request.expectedStage) throw new StageChangedMeanwhile(lead.number, request.expectedStage, lead.stage);
    assertOpen(lead.number, lead.stage);
    return { kind: 'pool', set: releaseFields(caller.now) };
  });
  return { lead: result.lead, released: result.entry !== undefined };
}

/**
 * Makes a pooled lead the caller's. First come, first served: the change is conditional
 * on the version read, so of two claims at once the second is decided again on the lead
 * the first left, and is refused naming who has it.
 */
export async function claimLead(caller: Caller, db: Db, request: { number: string }) {
  const result = await changeLead(db, { workspaceId: caller.workspace.id, number: request.number }, authorOf(caller), (lead) => {
    assertOpen(lead.number, lead.stage);
    return { kind: 'pool', set: claimFields(lead, caller.userId, caller.now, caller.workspace.timeZone) };
  });
  return { lead: result.lead };
}

/** At most this many leads return to the pool in one morning; the rest follow the next. */
export const POOL_RETURNS_PER_RUN = 500;

/**
 * Where the workspace says so, open leads nobody touched for its span return to the pool,
 * each with its own journal entry by the system. Each is checked again inside its change,
 * so a lead someone followed up meanwhile stays where it is. Returns the numbers returned.
 */
export async function returnQuietLeadsToPool(workspace: WorkspaceSettings, database: { db: Db; provider: Provider }, now: Date): Promise<string[]> {
  const before = poolReturnBefore(now, workspace.poolAfterDays);
  if (!before) return [];
  const caller = systemCaller(workspace, now);
  const returned: string[] = [];
  for (const number of await quietLeads(database.db, database.provider, workspace.id, before, POOL_RETURNS_PER_RUN)) {
    const result = await changeLead(database.db, { workspaceId: workspace.id, number }, authorOf(caller), (lead) =>
      returnsToPool(lead, now, workspace.poolAfterDays) ? { kind: 'pool', set: releaseFields(now) } : undefined,
    );
    if (result.entry) returned.push(number);
  }
  return returned;
}
