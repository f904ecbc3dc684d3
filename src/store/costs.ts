import { campaignKey, type CostTarget } from '../domain/costs.js';
import type { Period } from '../domain/periods.js';
import type { Prisma } from '../generated/sqlite/client.js';
import type { Db } from './database.js';
import { appendActivity, TRANSACTION_OPTIONS, type Author } from './journal.js';

export type CostEntryRow = Prisma.CostEntryGetPayload<object>;

export interface NewCost {
  target: CostTarget;
  amountMinor: bigint;
  currency: string;
  month: Pick<Period, 'start' | 'end'>;
}

export interface CostRecorded {
  entry: CostEntryRow;
  /** All the target's entries of that month in the workspace's currency, this one included. */
  monthTotalMinor: bigint;
}

function targetWhere(target: CostTarget) {
  return target.kind === 'channel' ? { sourceChannel: target.channel.key } : { sourceChannel: null, campaign: { not: null } };
}

/** What the journal keeps of a cost entry: enough to read who spent what on what, for which month. */
function costDetails(entry: CostEntryRow): Record<string, string | null> {
  return {
    costEntryId: String(entry.id),
    sourceChannel: entry.sourceChannel,
    campaign: entry.campaign,
    periodStart: entry.periodStart.toISOString(),
    periodEnd: entry.periodEnd.toISOString(),
    amountMinor: entry.amountMinor.toString(),
    currency: entry.currency,
  };
}

/** One more entry for the month (several may be: they add up), its journal entry, and the month's total, in one transaction. */
export async function recordCostEntry(db: Db, workspaceId: string, cost: NewCost, author: Author): Promise<CostRecorded> {
  return db.$transaction(async (tx) => {
    const entry = await tx.costEntry.create({
      data: {
        workspaceId,
        sourceChannel: cost.target.kind === 'channel' ? cost.target.channel.key : null,
        campaign: cost.target.kind === 'campaign' ? cost.target.campaign : null,
        periodStart: cost.month.start,
        periodEnd: cost.month.end,
        amountMinor: cost.amountMinor,
        currency: cost.currency,
        createdById: author.byId,
      },
    });
    await appendActivity(tx, author, { workspaceId, kind: 'cost', details: { after: costDetails(entry) } });
    const sameMonth = await tx.costEntry.findMany({
      where: { workspaceId, currency: cost.currency, periodStart: cost.month.start, periodEnd: cost.month.end, ...targetWhere(cost.target) },
      select: { amountMinor: true, campaign: true },
    });
    // Campaigns are matched as leads' are, without case or width; a month has a handful of entries.
    const key = cost.target.kind === 'campaign' ? campaignKey(cost.target.campaign) : undefined;
    const monthTotalMinor = sameMonth.filter((row) => key === undefined || campaignKey(row.campaign!) === key).reduce((sum, row) => sum + row.amountMinor, 0n);
    return { entry, monthTotalMinor };
  }, TRANSACTION_OPTIONS);
}

/** Takes a mistaken entry back, journaled with what it was; undefined where it is gone already (or another workspace's). */
export async function removeCostEntry(db: Db, workspaceId: string, id: number, author: Author): Promise<CostEntryRow | undefined> {
  return db.$transaction(async (tx) => {
    const entry = await tx.costEntry.findFirst({ where: { id, workspaceId } });
    if (!entry) return undefined;
    const { count } = await tx.costEntry.deleteMany({ where: { id, workspaceId } });
    if (count !== 1) return undefined;
    await appendActivity(tx, author, { workspaceId, kind: 'cost', details: { before: costDetails(entry) } });
    return entry;
  }, TRANSACTION_OPTIONS);
}

/**
 * The cost entries whose month overlaps a period, in the workspace's currency (an entry
 * made before the currency changed is another money and is left out). A team records a
 * few a month per channel, so a report's period holds at most a few thousand.
 */
export async function costsOverlapping(db: Db, workspaceId: string, currency: string, period: Pick<Period, 'start' | 'end'>): Promise<CostEntryRow[]> {
  return db.costEntry.findMany({
    where: { workspaceId, currency, periodStart: { lt: period.end }, periodEnd: { gt: period.start } },
    orderBy: { id: 'asc' },
    take: 10_000,
  });
}
