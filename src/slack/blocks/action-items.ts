import type { KnownBlock } from '@slack/types';
import type { ActionReminderModel } from '../../app/action-items.js';
import type { ActionProgressModel } from '../../digests/action-progress.js';
import { percent } from '../../digests/format.js';
import { actionTiming } from '../../domain/action-items.js';
import { metricDirectionOf } from '../../domain/action-progress.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import type { ActionItemRow } from '../../store/action-items.js';
import { ACTION } from '../ids.js';
import { escapeInline, mentionUser, teamDayLabel } from '../text.js';
import { LIMITS, truncate } from './limits.js';
import type { SlackMessage } from './message.js';

/** `/lead actions`: the open items, soonest due first, each with what it tracks and a Close button. */
export function actionItemsMessage(list: { items: ActionItemRow[]; total: number }, context: { locale: Locale; timeZone: string; now: Date }): SlackMessage {
  const t = messagesFor(context.locale).actions;
  if (list.total === 0) return { text: t.none, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t.none } }] };
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: t.listTitle(list.total) } }];
  for (const item of list.items) {
    const timing = actionTiming(item.dueAt, context.now, context.timeZone);
    const marker = timing === 'overdue' ? t.overdue : timing === 'today' ? t.dueToday : timing === 'tomorrow' ? t.dueTomorrow : '';
    const lines = [t.line(item.id, escapeInline(item.title), mentionUser(item.ownerId), teamDayLabel(item.dueAt, context.timeZone, context.locale), marker)];
    if (item.metric) lines.push(t.metricLine(escapeInline(item.metric), targetText(item, context.locale)));
    if (item.conclusion) lines.push(t.conclusionLine(escapeInline(truncate(item.conclusion, 200))));
    blocks.push({
      type: 'section',
      block_id: `action_item_${item.id}`,
      text: { type: 'mrkdwn', text: truncate(lines.join('\n'), LIMITS.sectionText) },
      accessory: { type: 'button', action_id: ACTION.closeActionItem, text: { type: 'plain_text', text: t.close }, value: String(item.id) },
    });
  }
  if (list.total > list.items.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: messagesFor(context.locale).andMore(list.total - list.items.length) }] });
  return { text: `${t.listTitle(list.total).replace(/[*\u200b]/g, '')}`, blocks };
}

/** The DM to an item's owner the morning before it is due. */
export function actionReminderMessage(model: ActionReminderModel): SlackMessage {
  const t = messagesFor(model.locale).actions;
  const text = t.reminder(model.item.id, escapeInline(model.item.title), teamDayLabel(model.item.dueAt, model.timeZone, model.locale));
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } }] };
}

/** "≤ 25%" for a metric the bot measures (its direction known), the bare number for another. */
export function targetText(item: { metricKey: string | null; metricTarget: unknown }, locale: Locale): string {
  if (item.metricTarget === null || item.metricTarget === undefined) return '';
  const direction = item.metricKey ? metricDirectionOf(item.metricKey) : undefined;
  const target = String(item.metricTarget);
  return direction ? messagesFor(locale).actions.targetWords[direction](`${target}%`) : target;
}

const wholePercent = (value: number) => percent(value / 100);

/** Monday's word on an item, in the thread of the flag it came from: its metric last week against its target and where it started. */
export function actionProgressMessage(model: ActionProgressModel): SlackMessage {
  const t = messagesFor(model.locale).actions;
  const { measure } = model;
  const metric = escapeInline(measure.item.metric ?? measure.item.metricKey);
  const target = measure.targetPercent === undefined ? '' : t.targetWords[measure.direction](wholePercent(measure.targetPercent));
  const baseline = measure.baselinePercent === undefined ? '' : wholePercent(measure.baselinePercent);
  const figures = measure.ratePercent === undefined ? t.progressNoData(metric) : t.progressFigures(metric, wholePercent(measure.ratePercent), target, baseline);
  const note = t.progressNote(t.progressMarks[measure.progress], measure.item.id, escapeInline(truncate(measure.item.title, 120)), mentionUser(measure.item.ownerId), figures, t.progress[measure.progress]);
  const text = measure.progress === 'reached' ? `${note} ${t.reachedHint}` : note;
  return { text: text.replace(/[*\u200b]/g, ''), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } }] };
}
