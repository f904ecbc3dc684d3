import type { DataTableBlock, KnownBlock } from '@slack/types';
import { DateTime } from 'luxon';
import { overdueChartSpec } from '../charts/overdue-chart.js';
import { startOfTeamDay } from '../domain/team-time.js';
import { messagesFor, type Locale } from '../i18n/messages.js';
import type { Db } from '../store/database.js';
import { LATENESS_BUCKETS, oldestOverdue, overdueByOwner, type OverdueLead, type OwnerOverdue } from '../store/overdue.js';
import type { Provider } from '../store/schema-source.js';
import { escapeInline, mentionUser } from '../slack/text.js';
import { chartBlocks, nativeLabel, NATIVE_CHART_LIMITS, type Chart, type DigestBlock, type DigestMessage, type DigestRenderOptions } from './digest.js';

/**
 * The weekday-morning digest: who has overdue follow-ups and which leads, for the
 * managers' channel; and each rep's own list, by DM.
 */
export interface OverdueDigestModel {
  locale: Locale;
  timeZone: string;
  day: string;
  now: Date;
  owners: OwnerOverdue[];
  /** The oldest few per owner (for the channel), or all of one rep's (for a DM). */
  leads: OverdueLead[];
  /** Chart labels: display names by user id. */
  names: Map<string, string>;
}

const OLDEST_PER_OWNER_IN_CHANNEL = 3;
const LEADS_IN_DM = 15;
/** 50 blocks a message: owners beyond this are summed up in one line. */
const OWNER_SECTIONS = 30;

export async function overdueDigestModel(
  database: { db: Db; provider: Provider },
  workspace: { id: string; timeZone: string; locale: Locale },
  now: Date,
  names: (userIds: string[]) => Promise<Map<string, string>>,
  options: { ownerId?: string } = {},
): Promise<OverdueDigestModel> {
  const today = startOfTeamDay(now, workspace.timeZone);
  const owners = (await overdueByOwner(database.db, database.provider, workspace.id, today, now)).filter((owner) => !options.ownerId || owner.ownerId === options.ownerId);
  const perOwner = options.ownerId ? LEADS_IN_DM : OLDEST_PER_OWNER_IN_CHANNEL;
  const leads = owners.length > 0 ? await oldestOverdue(database.db, database.provider, workspace.id, today, now, perOwner, options.ownerId) : [];
  return {
    locale: workspace.locale,
    timeZone: workspace.timeZone,
    day: DateTime.fromJSDate(now, { zone: workspace.timeZone }).toISODate()!,
    now,
    owners,
    leads,
    names: await names(owners.map((owner) => owner.ownerId)),
  };
}

const DAY_MS = 86_400_000;

function leadLine(lead: OverdueLead, model: OverdueDigestModel): string {
  const t = messagesFor(model.locale).overdue;
  const today = startOfTeamDay(model.now, model.timeZone).getTime();
  const quietDays = Math.floor((model.now.getTime() - lead.lastTouchedAt.getTime()) / DAY_MS);
  if (quietDays >= 30) return t.leadZombie(lead.number, escapeInline(lead.name), quietDays);
  const lateDays = lead.nextFollowUpAt ? Math.max(1, Math.round((today - lead.nextFollowUpAt.getTime()) / DAY_MS)) : quietDays;
  return t.leadLate(lead.number, escapeInline(lead.name), lateDays);
}

export function overdueDigestCharts(model: OverdueDigestModel): Chart[] {
  if (model.owners.length === 0) return [];
  const t = messagesFor(model.locale).overdue;
  const label = (ownerId: string) => model.names.get(ownerId) ?? ownerId;
  const bucketLabels = LATENESS_BUCKETS.map((bucket) => t.buckets[bucket]);
  const owners = model.owners.slice(0, NATIVE_CHART_LIMITS.categories);
  const ownerLabels = owners.map((owner) => nativeLabel(label(owner.ownerId)));
  return [
    {
      native: () => ({
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
      }),
      name: 'overdue',
      title: t.chartTitle,
      altText: t.chartAlt(model.owners.map((owner) => `${label(owner.ownerId)} ${owner.total}`).join(', ')),
      spec: overdueChartSpec({
        title: t.chartTitle,
        subtitle: t.chartSubtitle,
        owners: model.owners.map((owner) => label(owner.ownerId)),
        buckets: bucketLabels,
        bars: model.owners.flatMap((owner) =>
          LATENESS_BUCKETS.filter((bucket) => owner.buckets[bucket] > 0).map((bucket) => ({ owner: label(owner.ownerId), bucket: t.buckets[bucket], count: owner.buckets[bucket] })),
        ),
      }),
    },
  ];
}

function overdueTable(model: OverdueDigestModel): DataTableBlock {
  const t = messagesFor(model.locale).overdue;
  const text = (value: string) => ({ type: 'raw_text' as const, text: value });
  const number = (value: number) => ({ type: 'raw_number' as const, value, text: String(value) });
  return {
    type: 'data_table',
    caption: t.tableCaption,
    page_size: 10,
    rows: [
      [t.columnOwner, ...LATENESS_BUCKETS.map((bucket) => t.buckets[bucket]), t.columnTotal].map(text),
      ...model.owners.slice(0, 100).map((owner) => [
        { type: 'rich_text' as const, elements: [{ type: 'rich_text_section' as const, elements: [{ type: 'user' as const, user_id: owner.ownerId }] }] },
        ...LATENESS_BUCKETS.map((bucket) => number(owner.buckets[bucket])),
        number(owner.total),
      ]),
    ],
  };
}

export function overdueDigestMessage(model: OverdueDigestModel, render: DigestRenderOptions): DigestMessage {
  const t = messagesFor(model.locale).overdue;
  const title = t.title(model.day);
  const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
  if (model.owners.length === 0) {
    return { text: `${title}: ${t.none}`, blocks: [{ type: 'header', text: { type: 'plain_text', text: title } }, section(t.none)] };
  }
  const total = model.owners.reduce((sum, owner) => sum + owner.total, 0);
  const zombies = model.owners.reduce((sum, owner) => sum + owner.buckets.zombie, 0);
  const blocks: DigestBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title } }, section(t.summary(total, model.owners.length, zombies))];
  // Owners are mentioned here only because each of them has overdue leads.
  const lines = model.owners.slice(0, OWNER_SECTIONS).map((owner) => {
    const oldest = model.leads.filter((lead) => lead.ownerId === owner.ownerId).map((lead) => leadLine(lead, model));
    return t.ownerLine(mentionUser(owner.ownerId), owner.total, oldest.join(', '));
  });
  for (let start = 0; start < lines.length; start += 8) blocks.push(section(lines.slice(start, start + 8).join('\n')));
  if (model.owners.length > OWNER_SECTIONS) blocks.push(section(messagesFor(model.locale).andMore(model.owners.length - OWNER_SECTIONS)));
  blocks.push(...chartBlocks(overdueDigestCharts(model), render));
  if (!render.plain) blocks.push(overdueTable(model));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.footer }] });
  return { text: `${title}: ${t.summary(total, model.owners.length, zombies).replace(/\*/g, '')}`, blocks };
}

/** A rep's own overdue list, for their DM. */
export function overdueDirectMessage(model: OverdueDigestModel): DigestMessage {
  const t = messagesFor(model.locale).overdue;
  const owner = model.owners[0];
  if (!owner) return { text: t.none, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t.none } }] };
  const lines = model.leads.map((lead) => `• ${leadLine(lead, model)}`);
  if (owner.total > model.leads.length) lines.push(t.andMore(owner.total - model.leads.length));
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: t.dmTitle(owner.total) } },
    { type: 'section', text: { type: 'mrkdwn', text: `${t.dmIntro}\n${lines.join('\n')}` } },
  ];
  if (owner.buckets.zombie > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.dmZombieHint }] });
  return { text: t.dmTitle(owner.total), blocks };
}
