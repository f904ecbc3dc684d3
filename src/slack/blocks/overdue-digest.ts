import type { DataTableBlock } from '@slack/types';
import { leadLateness, overdueDigestCharts, ownerName, type OverdueDigestModel } from '../../digests/overdue-digest.js';
import { LATENESS_BUCKETS } from '../../domain/follow-ups.js';
import { messagesFor } from '../../i18n/messages.js';
import type { OverdueLead } from '../../store/overdue.js';
import { escapeInline, mentionUser } from '../text.js';
import { chartBlocks, nativeLabel, NATIVE_CHART_LIMITS, type DigestRenderOptions, type NativeCharts } from './digest-charts.js';
import { contextLine, headerBlock, mrkdwnSection, type MessageBlock, type SlackMessage } from './message.js';
import { numberCell, textCell } from './table-cells.js';

/** The overdue digest (src/digests/overdue-digest.ts) as Slack messages: the managers' overview and each rep's DM. */

/** 50 blocks a message: owners beyond this are summed up in one line. */
const OWNER_SECTIONS = 30;

/** The lateness chart as Slack's own bar chart, where the workspace takes those: a series per bucket, the first 20 owners. */
export function overdueNativeCharts(model: OverdueDigestModel): NativeCharts {
  return {
    overdue: () => {
      const t = messagesFor(model.locale).overdue;
      const owners = model.owners.slice(0, NATIVE_CHART_LIMITS.categories);
      const ownerLabels = owners.map((owner) => nativeLabel(ownerName(model, owner.ownerId)));
      return {
        type: 'data_visualization',
        title: t.chartTitle.slice(0, NATIVE_CHART_LIMITS.title),
        chart: {
          type: 'bar',
          series: LATENESS_BUCKETS.map((bucket) => ({
            name: nativeLabel(t.buckets[bucket]),
            data: owners.map((owner, i) => ({ label: ownerLabels[i]!, value: owner.buckets[bucket] })),
          })),
          axis_config: { categories: ownerLabels },
        },
      };
    },
  };
}

function leadLine(lead: OverdueLead, model: OverdueDigestModel): string {
  const t = messagesFor(model.locale).overdue;
  const lateness = leadLateness(lead, model);
  return (lateness.zombie ? t.leadZombie : t.leadLate)(lead.number, escapeInline(lead.name), lateness.days);
}

function overdueTable(model: OverdueDigestModel): DataTableBlock {
  const t = messagesFor(model.locale).overdue;
  return {
    type: 'data_table',
    caption: t.tableCaption,
    page_size: 10,
    rows: [
      [t.columnOwner, ...LATENESS_BUCKETS.map((bucket) => t.buckets[bucket]), t.columnTotal].map(textCell),
      ...model.owners.slice(0, 100).map((owner) => [
        { type: 'rich_text' as const, elements: [{ type: 'rich_text_section' as const, elements: [{ type: 'user' as const, user_id: owner.ownerId }] }] },
        ...LATENESS_BUCKETS.map((bucket) => numberCell(owner.buckets[bucket])),
        numberCell(owner.total),
      ]),
    ],
  };
}

export function overdueDigestMessage(model: OverdueDigestModel, render: DigestRenderOptions): SlackMessage {
  const t = messagesFor(model.locale).overdue;
  const title = t.title(model.day);
  if (model.owners.length === 0) {
    return { text: `${title}: ${t.none}`, blocks: [headerBlock(title), mrkdwnSection(t.none)] };
  }
  const total = model.owners.reduce((sum, owner) => sum + owner.total, 0);
  const zombies = model.owners.reduce((sum, owner) => sum + owner.buckets.zombie, 0);
  const blocks: MessageBlock[] = [headerBlock(title), mrkdwnSection(t.summary(total, model.owners.length, zombies, model.zombieAfterDays))];
  // Owners are mentioned here only because each of them has overdue leads.
  const lines = model.owners.slice(0, OWNER_SECTIONS).map((owner) => {
    const oldest = model.leads.filter((lead) => lead.ownerId === owner.ownerId).map((lead) => leadLine(lead, model));
    return t.ownerLine(mentionUser(owner.ownerId), owner.total, oldest.join(', '));
  });
  for (let start = 0; start < lines.length; start += 8) blocks.push(mrkdwnSection(lines.slice(start, start + 8).join('\n')));
  if (model.owners.length > OWNER_SECTIONS) blocks.push(mrkdwnSection(messagesFor(model.locale).andMore(model.owners.length - OWNER_SECTIONS)));
  blocks.push(...chartBlocks(overdueDigestCharts(model), render, overdueNativeCharts(model)));
  if (!render.plain) blocks.push(overdueTable(model));
  blocks.push(contextLine(t.footer(model.zombieAfterDays)));
  return { text: `${title}: ${t.summary(total, model.owners.length, zombies, model.zombieAfterDays).replace(/\*/g, '')}`, blocks };
}

