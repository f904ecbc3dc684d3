import { checkActionItem, checkClosing, type ActionItemDraft } from '../domain/action-items.js';
import { ratePercent } from '../domain/action-progress.js';
import { parseFindingKey } from '../domain/bottlenecks.js';
import { previousWeek, weekContaining } from '../domain/periods.js';
import { KNOWN_LOSS_REASONS, KNOWN_SOURCE_CHANNELS, knownTag } from '../domain/tags.js';
import { metricCounts, tagLabels } from '../store/bottlenecks.js';
import { findingById, type FindingRow } from '../store/findings.js';
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

/**
 * An item made from a bottleneck flag starts from the flag's week (its baseline is the
 * rate that raised it) and lives in the flag's thread; one made with `/lead action new`
 * and a measured metric starts from the metric's last complete week.
 */
export async function addActionItem(caller: Caller, db: Db, request: { draft: ActionItemDraft; channelId?: string; threadTs?: string; findingId?: number }): Promise<ActionItemRow> {
  authorize(caller, 'action');
  const input = checkActionItem(request.draft, { now: caller.now, timeZone: caller.workspace.timeZone });
  const finding = request.findingId === undefined ? undefined : await findingById(db, caller.workspace.id, request.findingId);
  const place = finding?.channelId && finding.threadTs ? { channelId: finding.channelId, threadTs: finding.threadTs, findingId: finding.id } : { channelId: request.channelId, threadTs: request.threadTs };
  let baselinePercent: number | undefined;
  if (input.metricKey && finding?.key === input.metricKey) baselinePercent = findingWeekPercent(finding);
  else if (input.metricKey) {
    const lastWeek = previousWeek(weekContaining(caller.now, caller.workspace.timeZone), caller.workspace.timeZone);
    baselinePercent = ratePercent((await metricCounts(db, caller.workspace.id, [input.metricKey], lastWeek)).get(input.metricKey));
  }
  return createActionItem(db, caller.workspace.id, { ...input, ...place, baselinePercent }, authorOf(caller));
}

/** The rate that raised a flag, in percent, from the numbers its message showed. */
function findingWeekPercent(finding: FindingRow): number | undefined {
  const detail = JSON.parse(finding.detail) as { finding?: { week?: { rate?: number } } };
  const rate = detail.finding?.week?.rate;
  return typeof rate === 'number' ? rate * 100 : undefined;
}

/** The flag an action item is being made from, for its form: the caller must be one who may make items. */
export async function findingForActionItem(caller: Caller, db: Db, findingId: number): Promise<FindingRow | undefined> {
  authorize(caller, 'action');
  return findingById(db, caller.workspace.id, findingId);
}

/** What the bot can measure an item by, beyond the stage drop-offs: the team's channels and loss reasons, by name. */
export interface MetricChoices {
  channels: Array<{ key: string; label: string }>;
  lossReasons: Array<{ key: string; label: string }>;
}

/** Slack's select takes 100 options: 4 stage pairs, and room for the rest. */
const METRIC_CHOICES_EACH = 48;

export async function actionMetricChoices(caller: Caller, db: Db): Promise<MetricChoices> {
  const labels = await tagLabels(db, caller.workspace.id);
  const { locale } = caller.workspace;
  const choices: MetricChoices = { channels: [], lossReasons: [] };
  for (const [key, label] of labels) {
    const parsed = parseFindingKey(key);
    if (parsed?.kind === 'channel') choices.channels.push({ key, label: knownTag(parsed.subject, KNOWN_SOURCE_CHANNELS)?.[locale] ?? label });
    if (parsed?.kind === 'loss') choices.lossReasons.push({ key, label: knownTag(parsed.subject, KNOWN_LOSS_REASONS)?.[locale] ?? label });
  }
  for (const reason of KNOWN_LOSS_REASONS) if (!labels.has(`loss:${reason.key}`)) choices.lossReasons.push({ key: `loss:${reason.key}`, label: reason[locale] });
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  return { channels: choices.channels.sort(byLabel).slice(0, METRIC_CHOICES_EACH), lossReasons: choices.lossReasons.sort(byLabel).slice(0, METRIC_CHOICES_EACH) };
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
