import { majorUnits } from '../domain/amount.js';
import { Prisma } from '../generated/sqlite/client.js';
import { leadScopeOfGoal, type GoalMetric, type GoalNumber, type LeadScope, type StoredGoalScope } from '../domain/goals.js';
import type { Period } from '../domain/periods.js';
import type { Db } from './database.js';
import { daysBetween } from './dialect.js';
import { appendActivity, TRANSACTION_OPTIONS, type Author } from './journal.js';
import { scopeSql, scopeWhere } from './metrics.js';
import type { Provider } from './schema-source.js';

/**
 * A goal's metric measured over a period and scope (DOMAIN.md "Goals", "Metrics"), by
 * one aggregate query each:
 * - new leads: acquired in the period; qualified leads: reached Discovery in it (from
 *   there a lead is an opportunity, 商机);
 * - won deals and revenue: won in the period;
 * - conversion rate: won ÷ acquired, of the leads acquired in the period;
 * - sales-cycle days: the average days from acquired to won, of the deals won in it;
 * - follow-ups: contacts logged in the period.
 * Revenue is summed in minor units by the database and given back exactly, in major units.
 */
export async function measureGoalMetric(db: Db, provider: Provider, workspaceId: string, metric: GoalMetric, period: Pick<Period, 'start' | 'end'>, scope: LeadScope = {}): Promise<GoalNumber> {
  const lead = scopeWhere(workspaceId, scope);
  const within = { gte: period.start, lt: period.end };
  switch (metric) {
    case 'NEW_LEADS':
      return String(await db.lead.count({ where: { ...lead, acquiredAt: within } }));
    case 'QUALIFIED_LEADS':
      return String(await db.lead.count({ where: { ...lead, discoveryAt: within } }));
    case 'WON_DEALS':
      return String(await db.lead.count({ where: { ...lead, wonAt: within } }));
    case 'REVENUE': {
      const sum = await db.lead.aggregate({ where: { ...lead, wonAt: within }, _sum: { dealAmountMinor: true } });
      return majorUnits(sum._sum.dealAmountMinor ?? 0n);
    }
    case 'CONVERSION_RATE': {
      const counts = await db.lead.count({ where: { ...lead, acquiredAt: within }, select: { _all: true, wonAt: true } });
      return String(counts._all > 0 ? counts.wonAt / counts._all : 0);
    }
    case 'SALES_CYCLE_DAYS': {
      const days = daysBetween(provider, 'acquiredAt', 'wonAt');
      const [row] = await db.$queryRaw<Array<{ average: number | null }>>`
        SELECT AVG(${days}) AS "average" FROM "lead"
        WHERE ${scopeSql(workspaceId, scope)} AND "wonAt" >= ${period.start} AND "wonAt" < ${period.end}`;
      return String(Number(row?.average ?? 0));
    }
    case 'FOLLOW_UPS':
      return String(
        await db.followUp.count({
          where: { contactedAt: within, ...(scope.ownerId ? { byId: scope.ownerId } : {}), lead: { workspaceId, ...(scope.sourceChannelKey ? { sourceChannelKey: scope.sourceChannelKey } : {}) } },
        }),
      );
  }
}

export type GoalRow = Prisma.GoalGetPayload<object>;

export interface GoalInput extends StoredGoalScope {
  metric: GoalMetric;
  target: GoalNumber;
  period: Period;
  baseline?: GoalNumber;
}

function goalFields(input: GoalInput) {
  return {
    metric: input.metric,
    target: input.target,
    baseline: input.baseline,
    periodStart: input.period.start,
    periodEnd: input.period.end,
    scope: input.scope,
    scopeValue: input.scopeValue ?? null,
  };
}

/** What the journal keeps of a goal: enough to read who set what, and to tell it from the others. */
function goalDetails(goal: GoalRow | undefined): Record<string, string | null> | undefined {
  if (!goal) return undefined;
  return {
    goalId: String(goal.id),
    metric: goal.metric,
    target: goal.target,
    periodStart: goal.periodStart.toISOString(),
    periodEnd: goal.periodEnd.toISOString(),
    scope: goal.scope,
    scopeValue: goal.scopeValue,
    status: goal.status,
    finalActual: goal.finalActual,
  };
}

export async function createGoal(db: Db, workspaceId: string, input: GoalInput, author: Author): Promise<GoalRow> {
  return db.$transaction(async (tx) => {
    const goal = await tx.goal.create({ data: { workspaceId, ...goalFields(input), createdById: author.byId } });
    await appendActivity(tx, author, { workspaceId, kind: 'goal', details: { after: goalDetails(goal) } });
    return goal;
  }, TRANSACTION_OPTIONS);
}

export async function updateGoal(db: Db, workspaceId: string, goalId: number, input: GoalInput, author: Author): Promise<GoalRow | undefined> {
  return db.$transaction(async (tx) => {
    const before = (await tx.goal.findFirst({ where: { id: goalId, workspaceId, status: 'ACTIVE' } })) ?? undefined;
    if (!before) return undefined;
    const goal = await tx.goal.update({ where: { id: goalId }, data: goalFields(input) });
    await appendActivity(tx, author, { workspaceId, kind: 'goal', details: { before: goalDetails(before), after: goalDetails(goal) } });
    return goal;
  }, TRANSACTION_OPTIONS);
}

/** Closing keeps the result as it stands: later changes to the leads do not rewrite it. */
export async function closeGoal(db: Db, provider: Provider, workspaceId: string, goalId: number, author: Author): Promise<GoalRow | undefined> {
  const goal = await db.goal.findFirst({ where: { id: goalId, workspaceId } });
  if (!goal || goal.status !== 'ACTIVE') return undefined;
  const actual = await measureGoalMetric(db, provider, workspaceId, goal.metric as GoalMetric, { start: goal.periodStart, end: goal.periodEnd }, leadScopeOfGoal(goal));
  return db.$transaction(async (tx) => {
    const { count } = await tx.goal.updateMany({ where: { id: goalId, status: 'ACTIVE' }, data: { status: 'CLOSED', finalActual: actual, closedAt: author.at } });
    if (count !== 1) return undefined;
    const closed = await tx.goal.findUniqueOrThrow({ where: { id: goalId } });
    await appendActivity(tx, author, { workspaceId, kind: 'goal', details: { before: goalDetails(goal), after: goalDetails(closed) } });
    return closed;
  }, TRANSACTION_OPTIONS);
}

/** An active goal of the workspace, to edit; undefined once it is closed or if it is another workspace's. */
export async function activeGoal(db: Db, workspaceId: string, goalId: number): Promise<GoalRow | undefined> {
  return (await db.goal.findFirst({ where: { id: goalId, workspaceId, status: 'ACTIVE' } })) ?? undefined;
}

export async function goalsOf(db: Db, workspaceId: string, options: { closedToo?: boolean } = {}): Promise<GoalRow[]> {
  return db.goal.findMany({
    where: { workspaceId, ...(options.closedToo ? {} : { status: 'ACTIVE' }) },
    orderBy: [{ status: 'asc' }, { periodEnd: 'asc' }, { id: 'asc' }],
    take: 100,
  });
}
