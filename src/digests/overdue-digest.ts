import { overdueChartSpec } from '../charts/overdue-chart.js';
import { DEFAULT_FOLLOW_UP_RULES, followUpCutoffs, LATENESS_BUCKETS, type FollowUpRules } from '../domain/follow-ups.js';
import { startOfTeamDay, teamDate } from '../domain/team-time.js';
import { messagesFor, type Locale } from '../i18n/messages.js';
import type { Db } from '../store/database.js';
import { oldestOverdue, overdueByOwner, type OverdueLead, type OwnerOverdue } from '../store/overdue.js';
import type { Provider } from '../store/schema-source.js';
import type { Chart } from './charts.js';

/**
 * The weekday-morning digest: who has overdue follow-ups and which leads, for the
 * managers' channel; and each rep's own list, by DM. Its messages are
 * src/slack/blocks/overdue-digest.ts.
 */
export interface OverdueDigestModel {
  locale: Locale;
  timeZone: string;
  day: string;
  now: Date;
  /** The workspace's zombie span, which the messages name. */
  zombieAfterDays: number;
  owners: OwnerOverdue[];
  /** The oldest few per owner (for the channel), or all of one rep's (for a DM). */
  leads: OverdueLead[];
  /** Chart labels: display names by user id. */
  names: Map<string, string>;
}

const OLDEST_PER_OWNER_IN_CHANNEL = 3;
const LEADS_IN_DM = 15;

export async function overdueDigestModel(
  database: { db: Db; provider: Provider },
  workspace: { id: string; timeZone: string; locale: Locale; followUp?: FollowUpRules },
  now: Date,
  names: (userIds: string[]) => Promise<Map<string, string>>,
  options: { ownerId?: string } = {},
): Promise<OverdueDigestModel> {
  const rules = workspace.followUp ?? DEFAULT_FOLLOW_UP_RULES;
  const cutoffs = followUpCutoffs(now, workspace.timeZone, rules);
  const owners = (await overdueByOwner(database.db, database.provider, workspace.id, cutoffs)).filter((owner) => !options.ownerId || owner.ownerId === options.ownerId);
  const perOwner = options.ownerId ? LEADS_IN_DM : OLDEST_PER_OWNER_IN_CHANNEL;
  const leads = owners.length > 0 ? await oldestOverdue(database.db, database.provider, workspace.id, cutoffs, perOwner, options.ownerId) : [];
  return {
    locale: workspace.locale,
    timeZone: workspace.timeZone,
    day: teamDate(now, workspace.timeZone),
    now,
    zombieAfterDays: rules.zombieAfterDays,
    owners,
    leads,
    names: await names(owners.map((owner) => owner.ownerId)),
  };
}

const DAY_MS = 86_400_000;

/** How late a lead is: a zombie by the days nobody touched it, else by the days since its follow-up was due. */
export function leadLateness(lead: OverdueLead, model: Pick<OverdueDigestModel, 'now' | 'timeZone' | 'zombieAfterDays'>): { zombie: boolean; days: number } {
  const today = startOfTeamDay(model.now, model.timeZone).getTime();
  const quietDays = Math.floor((model.now.getTime() - lead.lastTouchedAt.getTime()) / DAY_MS);
  if (quietDays >= model.zombieAfterDays) return { zombie: true, days: quietDays };
  return { zombie: false, days: lead.nextFollowUpAt ? Math.max(1, Math.round((today - lead.nextFollowUpAt.getTime()) / DAY_MS)) : quietDays };
}

/** An owner as a chart shows them: by display name, else by user id. */
export function ownerName(model: OverdueDigestModel, ownerId: string): string {
  return model.names.get(ownerId) ?? ownerId;
}

export function overdueDigestCharts(model: OverdueDigestModel): Chart[] {
  if (model.owners.length === 0) return [];
  const t = messagesFor(model.locale).overdue;
  const label = (ownerId: string) => ownerName(model, ownerId);
  return [
    {
      name: 'overdue',
      title: t.chartTitle,
      altText: t.chartAlt(model.owners.map((owner) => `${label(owner.ownerId)} ${owner.total}`).join(', ')),
      spec: overdueChartSpec({
        title: t.chartTitle,
        subtitle: t.chartSubtitle,
        owners: model.owners.map((owner) => label(owner.ownerId)),
        buckets: LATENESS_BUCKETS.map((bucket) => t.buckets[bucket]),
        bars: model.owners.flatMap((owner) =>
          LATENESS_BUCKETS.filter((bucket) => owner.buckets[bucket] > 0).map((bucket) => ({ owner: label(owner.ownerId), bucket: t.buckets[bucket], count: owner.buckets[bucket] })),
        ),
      }),
    },
  ];
}
