import { authorize } from '../domain/roles.js';
import type { Db } from '../store/database.js';
import { activeGoal, closeGoal, createGoal, updateGoal, type GoalInput, type GoalRow } from '../store/goals.js';
import type { Provider } from '../store/schema-source.js';
import { authorOf, type Caller } from './caller.js';

/**
 * Goals are the managers' (DOMAIN.md "Goals"): setting, changing and closing one is
 * refused to reps before anything is read or written; each write is journaled with it.
 * Everyone may read goals (src/digests/goals-digest.ts builds their model).
 */

/** May the caller set goals? Checked before the goal form opens, so a rep is told at once. */
export function mayManageGoals(caller: Caller): void {
  authorize(caller, 'goal');
}

export async function goalToEdit(caller: Caller, db: Db, goalId: number): Promise<GoalRow | undefined> {
  authorize(caller, 'goal');
  return activeGoal(db, caller.workspace.id, goalId);
}

/** A new goal, or a change to an active one (undefined: it is gone or closed). */
export async function setGoal(caller: Caller, db: Db, request: { goalId?: number; input: GoalInput }): Promise<GoalRow | undefined> {
  authorize(caller, 'goal');
  return request.goalId !== undefined
    ? updateGoal(db, caller.workspace.id, request.goalId, request.input, authorOf(caller))
    : createGoal(db, caller.workspace.id, request.input, authorOf(caller));
}

export async function closeGoalNow(caller: Caller, db: Db, provider: Provider, goalId: number): Promise<GoalRow | undefined> {
  authorize(caller, 'goal');
  return closeGoal(db, provider, caller.workspace.id, goalId, authorOf(caller));
}
