import type { CheckedActionItem, CheckedClosing } from '../domain/action-items.js';
import type { PlainValues } from '../domain/journal.js';
import type { Prisma } from '../generated/sqlite/client.js';
import type { Db } from './database.js';
import { appendActivity, TRANSACTION_OPTIONS, type Author } from './journal.js';

/** Action items (src/domain/action-items.ts): each write with its journal entry, in one transaction. */

export type ActionItemRow = Prisma.ActionItemGetPayload<object>;

function details(item: ActionItemRow): PlainValues {
  return {
    id: String(item.id),
    title: item.title,
    ownerId: item.ownerId,
    dueAt: item.dueAt.toISOString(),
    status: item.status,
    ...(item.conclusion ? { conclusion: item.conclusion } : {}),
    ...(item.metric ? { metric: item.metric } : {}),
    ...(item.metricKey ? { metricKey: item.metricKey } : {}),
    ...(item.metricTarget !== null ? { target: String(item.metricTarget) } : {}),
    ...(item.metricBaseline !== null ? { baseline: String(item.metricBaseline) } : {}),
    ...(item.result ? { result: item.result } : {}),
  };
}

export async function createActionItem(
  db: Db,
  workspaceId: string,
  input: CheckedActionItem & { channelId?: string; threadTs?: string; findingId?: number; baselinePercent?: number },
  author: Author,
): Promise<ActionItemRow> {
  return db.$transaction(async (tx) => {
    const item = await tx.actionItem.create({
      data: {
        workspaceId,
        title: input.title,
        conclusion: input.conclusion,
        ownerId: input.ownerId,
        dueAt: input.dueAt,
        metric: input.metric,
        metricKey: input.metricKey,
        metricTarget: input.target,
        metricBaseline: input.baselinePercent === undefined ? undefined : input.baselinePercent.toFixed(1),
        findingId: input.findingId,
        channelId: input.channelId,
        threadTs: input.threadTs,
        createdById: author.byId,
        createdAt: author.at,
      },
    });
    await appendActivity(tx, author, { workspaceId, kind: 'action', details: { after: details(item) } });
    return item;
  }, TRANSACTION_OPTIONS);
}

export function openActionItem(db: Db, workspaceId: string, id: number): Promise<ActionItemRow | null> {
  return db.actionItem.findFirst({ where: { id, workspaceId, status: 'OPEN' } });
}

/** The open items, soonest due first: what the meeting looks at. */
export function openActionItems(db: Db, workspaceId: string, take: number): Promise<ActionItemRow[]> {
  return db.actionItem.findMany({ where: { workspaceId, status: 'OPEN' }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take });
}

/** The open items whose metric the bot measures, oldest first: Monday's run reports on each. */
export function openMeasuredActionItems(db: Db, workspaceId: string): Promise<ActionItemRow[]> {
  return db.actionItem.findMany({ where: { workspaceId, status: 'OPEN', metricKey: { not: null } }, orderBy: { id: 'asc' } });
}

export function countOpenActionItems(db: Db, workspaceId: string): Promise<number> {
  return db.actionItem.count({ where: { workspaceId, status: 'OPEN' } });
}

/** Open items due in [from, to): the ones whose owners the morning reminds. */
export function openActionItemsDue(db: Db, workspaceId: string, from: Date, to: Date): Promise<ActionItemRow[]> {
  return db.actionItem.findMany({ where: { workspaceId, status: 'OPEN', dueAt: { gte: from, lt: to } }, orderBy: { id: 'asc' } });
}

/** Closes an open item with its result; undefined where it was closed meanwhile (the update is conditional on OPEN). */
export async function closeActionItem(db: Db, workspaceId: string, id: number, closing: CheckedClosing, author: Author): Promise<ActionItemRow | undefined> {
  return db.$transaction(async (tx) => {
    const before = await tx.actionItem.findFirst({ where: { id, workspaceId, status: 'OPEN' } });
    if (!before) return undefined;
    const { count } = await tx.actionItem.updateMany({ where: { id, status: 'OPEN' }, data: { status: closing.outcome, result: closing.result, closedAt: author.at } });
    if (count !== 1) return undefined;
    const item = await tx.actionItem.findUniqueOrThrow({ where: { id } });
    await appendActivity(tx, author, { workspaceId, kind: 'action', details: { before: details(before), after: details(item) } });
    return item;
  }, TRANSACTION_OPTIONS);
}
