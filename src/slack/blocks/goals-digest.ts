import type { ActionsBlock, DataTableBlock, KnownBlock } from '@slack/types';
import { formatMetric, goalsCharts, type GoalsModel, type GoalView } from '../../digests/goals-digest.js';
import { percent, rangeLabel } from '../../digests/format.js';
import { goalNumber, METRIC_KIND, type GoalNumber } from '../../domain/goals.js';
import { messagesFor } from '../../i18n/messages.js';
import { ACTION } from '../ids.js';
import { escapeInline, mentionUser } from '../text.js';
import { chartBlocks, type DigestRenderOptions } from './digest-charts.js';
import { headerBlock, mrkdwnSection, type MessageBlock, type SlackMessage } from './message.js';
import { numberCell, textCell } from './table-cells.js';

/** Goal progress (src/digests/goals-digest.ts) as Slack messages: the Friday digest and `/lead goals`. */

/** Metric and scope as a message shows them: the owner @-mentioned, a channel's name (which someone typed) escaped. */
function goalLabel(goal: GoalView, model: GoalsModel): string {
  const metric = messagesFor(model.locale).goals.metrics[goal.metric];
  const scope = goal.scope.ownerId ? mentionUser(goal.scope.ownerId) : goal.scope.sourceChannelKey ? escapeInline(goal.scopeName) : goal.scopeName;
  return `${metric} · ${scope}`;
}

function goalLines(goal: GoalView, model: GoalsModel): string {
  const t = messagesFor(model.locale).goals;
  const value = (v: GoalNumber) => formatMetric(goal.metric, v, model.locale, model.currency);
  const period = rangeLabel(goal.period);
  const label = goalLabel(goal, model);
  if (goal.closed) return t.closedLine(label, value(goal.actual), value(goal.target), percent(goal.progress.done));
  const head = t.line(t.statusEmoji[goal.progress.status], label, value(goal.actual), value(goal.target), percent(goal.progress.done), t.status[goal.progress.status]);
  const detail = METRIC_KIND[goal.metric] === 'cumulative' ? t.paceLine(value(goalNumber(goal.metric, goal.progress.pace)), period) : t.rateLine(period);
  return `${head}\n${detail}`;
}

function goalsTable(model: GoalsModel): DataTableBlock {
  const t = messagesFor(model.locale).goals;
  const active = model.goals.filter((goal) => !goal.closed);
  return {
    type: 'data_table',
    caption: t.tableCaption,
    page_size: 10,
    rows: [
      [t.columnGoal, t.columnActual, t.columnTarget, t.columnDone, t.columnPace, t.columnStatus].map(textCell),
      ...active.slice(0, 100).map((goal) => [
        textCell(goal.label),
        numberCell(goal.progress.actual, formatMetric(goal.metric, goal.actual, model.locale, model.currency)),
        numberCell(goal.progress.target, formatMetric(goal.metric, goal.target, model.locale, model.currency)),
        numberCell(Number((goal.progress.done * 100).toFixed(1)), percent(goal.progress.done)),
        numberCell(goal.progress.pace, formatMetric(goal.metric, goalNumber(goal.metric, goal.progress.pace), model.locale, model.currency)),
        textCell(t.status[goal.progress.status]),
      ]),
    ],
  };
}

/** The Friday goal digest: every active goal, behind ones first, as text, bullet chart and table. */
export function goalsDigestMessage(model: GoalsModel, render: DigestRenderOptions): SlackMessage {
  const t = messagesFor(model.locale).goals;
  const title = t.digestTitle(model.today);
  const active = model.goals.filter((goal) => !goal.closed);
  const blocks: MessageBlock[] = [headerBlock(title)];
  if (active.length === 0) {
    blocks.push(mrkdwnSection(t.none));
    return { text: `${title}: ${t.none}`, blocks };
  }
  for (let start = 0; start < Math.min(active.length, 40); start += 6) {
    blocks.push(mrkdwnSection(active.slice(start, start + 6).map((goal) => goalLines(goal, model)).join('\n\n')));
  }
  // The bullet chart has no native form: it stays an image.
  blocks.push(...chartBlocks(goalsCharts(model), render));
  if (!render.plain) blocks.push(goalsTable(model));
  const behind = active.filter((goal) => goal.progress.status === 'behind').length;
  return { text: `${title}: ${t.summary(behind, active.length)}`, blocks };
}

/** `/lead goals`: each goal with its progress and, while active, Edit and Close buttons. */
export function goalsListMessage(model: GoalsModel): SlackMessage {
  const t = messagesFor(model.locale).goals;
  const blocks: KnownBlock[] = [headerBlock(t.listTitle)];
  if (model.goals.length === 0) {
    blocks.push(mrkdwnSection(t.none));
    return { text: t.none, blocks };
  }
  // Two blocks a goal: 24 goals stay within the 50 blocks of a message.
  for (const goal of model.goals.slice(0, 24)) {
    blocks.push(mrkdwnSection(goalLines(goal, model)));
    if (goal.closed) continue;
    const actions: ActionsBlock = {
      type: 'actions',
      block_id: `goal_${goal.id}`,
      elements: [
        { type: 'button', action_id: ACTION.editGoal, text: { type: 'plain_text', text: t.edit }, value: String(goal.id) },
        {
          type: 'button',
          action_id: ACTION.closeGoal,
          text: { type: 'plain_text', text: t.close },
          value: String(goal.id),
          confirm: {
            title: { type: 'plain_text', text: t.closeConfirmTitle },
            text: { type: 'plain_text', text: t.closeConfirmText },
            confirm: { type: 'plain_text', text: t.close },
            deny: { type: 'plain_text', text: messagesFor(model.locale).modal.cancel },
          },
        },
      ],
    };
    blocks.push(actions);
  }
  const active = model.goals.filter((goal) => !goal.closed);
  return { text: `${t.listTitle}: ${t.summary(active.filter((goal) => goal.progress.status === 'behind').length, active.length)}`, blocks };
}
