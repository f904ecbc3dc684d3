import { checkActionItem, checkClosing, type ActionItemDraft } from '../domain/action-items.js';
import { authorize } from '../domain/roles.js';
import { closeActionItem as closeInStore, countOpenActionItems, createActionItem, openActionItem, openActionItems, openActionItemsDue, type ActionItemRow } from '../store/action-items.js';
import type { Locale } from '../domain/locale.js';
import { teamDayAfter } from '../domain/follow-ups.js';
import type { WorkspaceSettings } from '../store/workspaces.js';
import type { Db } from '../store/database.js';
import { authorOf, type Caller } from './caller.js';

/**
 * Action items (DOMAIN.md "Alignment", seed 004 step 6): managers create them from the
 * alignment meeting or a flag; their owner or a manager closes one with its result.
 * Everyone may read them.
 */

/** How many open items a list shows: more than a meeting gets through. */
export const ACTION_LIST_SIZE = 25;

/** Checked before the form opens, so a rep is told at once. */
export function mayCreateActionItems(caller: Caller): void {
  authorize(caller, 'action');
}

export async function addActionItem(caller: Caller, db: Db, request: { draft: ActionItemDraft; channelId?: string; threadTs?: string }): Promise<ActionItemRow> {
  authorize(caller, 'action');
  const input = checkActionItem(request.draft, { now: caller.now, timeZone: caller.workspace.timeZone });
  return createActionItem(db, caller.workspace.id, { ...input, channelId: request.channelId, threadTs: request.threadTs }, authorOf(caller));
}

export async function actionItemsOf(caller: Caller, db: Db): Promise<{ items: ActionItemRow[]; total: number }> {
  const [items, total] = await Promise.all([openActionItems(db, caller.workspace.id, ACTION_LIST_SIZE), countOpenActionItems(db, caller.workspace.id)]);
  return { items, total };
}

/** The item to close, if the caller may: undefined where it is gone or already closed. */
export async function actionItemToClose(caller: Caller, db: Db, id: number): Promise<ActionItemRow | undefined> {
  const item = await openActionItem(db, caller.workspace.id, id);
  if (item) authorize(caller, 'closeAction', { number: `#${id}`, ownerId: item.ownerId });
  return item ?? undefined;
}

export async function closeActionItem(caller: Caller, db: Db, request: { id: number; outcome?: string | null; result?: string | null }): Promise<ActionItemRow | undefined> {
  const closing = checkClosing(request);
  const item = await actionItemToClose(caller, db, request.id);
  if (!item) return undefined;
  return closeInStore(db, caller.workspace.id, request.id, closing, authorOf(caller));
}

/** The morning reminder of an item due tomorrow, for its owner, in their language. */
export interface ActionReminderModel {
  locale: Locale;
  timeZone: string;
  item: { id: number; title: string; dueAt: Date };
}

/** Open items due on the team's tomorrow: their owners are reminded the day before. */
export function actionItemsDueTomorrow(workspace: WorkspaceSettings, db: Db, now: Date): Promise<ActionItemRow[]> {
  return openActionItemsDue(db, workspace.id, teamDayAfter(now, 1, workspace.timeZone), teamDayAfter(now, 2, workspace.timeZone));
}
