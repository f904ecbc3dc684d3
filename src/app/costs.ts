import { minorUnits } from '../domain/amount.js';
import type { CostTarget } from '../domain/costs.js';
import type { Period } from '../domain/periods.js';
import { authorize } from '../domain/roles.js';
import type { Db } from '../store/database.js';
import { recordCostEntry, removeCostEntry, type CostEntryRow, type CostRecorded } from '../store/costs.js';
import { authorOf, type Caller } from './caller.js';

/**
 * Marketing spend is the managers' to record (DOMAIN.md "Metrics": the cost behind cost
 * per lead, CAC and ROI). Everyone may read what it buys: `/lead channels`.
 */

/** May the caller record spend? Checked before the cost form opens, so a rep is told at once. */
export function mayRecordCosts(caller: Caller): void {
  authorize(caller, 'cost');
}

export interface CostInput {
  target: CostTarget;
  /** Exact decimal text in major units, as parseAmount gives it; more than 0 (src/domain/costs.ts). */
  amount: string;
  month: Pick<Period, 'start' | 'end'>;
}

/** One cost entry in the workspace's currency, journaled with it; answers with the month's total for the same target. */
export async function recordCost(caller: Caller, db: Db, input: CostInput): Promise<CostRecorded> {
  authorize(caller, 'cost');
  return recordCostEntry(db, caller.workspace.id, { target: input.target, amountMinor: minorUnits(input.amount), currency: caller.workspace.currency, month: input.month }, authorOf(caller));
}

/** A mistyped entry taken back (the button under what `/lead cost` recorded): a manager's, as recording is. */
export async function removeCost(caller: Caller, db: Db, id: number): Promise<CostEntryRow | undefined> {
  authorize(caller, 'cost');
  return removeCostEntry(db, caller.workspace.id, id, authorOf(caller));
}
