import { actionItemsDueTomorrow } from '../app/action-items.js';
import { systemCaller } from '../app/caller.js';
import { dueCount, followUpsDue } from '../app/follow-ups.js';
import { returnQuietLeadsToPool } from '../app/pool.js';
import type { DigestDefaults, DigestName } from '../config.js';
import { funnelDraft, goalsDraft, overdueDraft, type DigestDraft, type NameLookup } from '../digests/drafts.js';
import { measureActionItems } from '../digests/action-progress.js';
import { bottleneckFlagPosts, flaggedWeek } from '../digests/bottleneck-flags.js';
import { localeOf } from '../domain/locale.js';
import { weekContaining } from '../domain/periods.js';
import { teamDate } from '../domain/team-time.js';
import type { Db } from '../store/database.js';
import { recordFindingPost } from '../store/findings.js';
import { ownersOfOpenLeads } from '../store/leads.js';
import type { MemberProfile } from '../store/members.js';
import type { Provider } from '../store/schema-source.js';
import type { WorkspaceSettings } from '../store/workspaces.js';

/** One message a scheduled run sends: to the managers' channel, or to a rep by DM. */
export interface Delivery {
  /** Ledger key: each delivery is claimed on its own, so a retry never repeats the others. */
  job: string;
  periodKey: string;
  to: { channel: string } | { user: string };
  draft: DigestDraft;
  /** A reply in this message's thread. */
  threadTs?: string;
  /** Told where the message went, once the ledger has it (a finding keeps its thread). */
  afterPost?(posted: { channelId: string; messageTs: string }): Promise<void>;
}

export interface JobContext {
  database: { db: Db; provider: Provider };
  /** Display names for charts, from the member table and Slack. */
  names: NameLookup;
  /** What Slack says of people (their language), from the member table and Slack. */
  profiles(userIds: string[]): Promise<Map<string, MemberProfile>>;
  workspace: WorkspaceSettings;
  /** The job's channel (the managers', or the alignment channel): always there for a job that posts to one. */
  channelId?: string;
  /** When the run was due; the digest reports as of then. */
  scheduledAt: Date;
  defaults: DigestDefaults;
}

export interface DigestJob {
  name: DigestName;
  /** A channel digest is scheduled only where a channel is set; DMs to people need none. */
  postsTo: 'channel' | 'people';
  /** Which channel a channel job posts to: the managers' (the default) or the alignment channel. */
  channel?: 'managers' | 'alignment';
  /** The period a run reports on: one post per period, however often it is triggered. */
  periodKey(at: Date, timeZone: string): string;
  deliveries(context: JobContext): Promise<Delivery[]>;
}

/** The scheduler runs a channel job only with its channel (DigestScheduler.schedules). */
function channelOf(context: JobContext): { channel: string } {
  if (!context.channelId) throw new Error('a channel digest ran without its channel');
  return { channel: context.channelId };
}

const weeklyFunnel: DigestJob = {
  name: 'weekly-funnel',
  postsTo: 'channel',
  periodKey: (at, timeZone) => weekContaining(at, timeZone).label,
  async deliveries(context) {
    const periodKey = this.periodKey(context.scheduledAt, context.workspace.timeZone);
    const draft = await funnelDraft(context.database, context.workspace, context.scheduledAt, { windowWeeks: context.defaults.funnelWindowWeeks });
    return [{ job: this.name, periodKey, to: channelOf(context), draft }];
  },
};

/** Weekday mornings: the managers' overview of who is behind, in their channel. */
const overdue: DigestJob = {
  name: 'overdue',
  postsTo: 'channel',
  periodKey: (at, timeZone) => teamDate(at, timeZone),
  async deliveries(context) {
    const day = this.periodKey(context.scheduledAt, context.workspace.timeZone);
    return [{ job: this.name, periodKey: day, to: channelOf(context), draft: await overdueDraft(context.database, context.workspace, context.scheduledAt, context.names) }];
  },
};

/**
 * Weekday mornings, each rep's day by DM: one message with what is due, untouched and
 * quiet (the same lists as `/lead due`), in the rep's language; nothing due, no DM. The
 * owners of action items due tomorrow are reminded too.
 * First, where the workspace says so, quiet leads return to the team pool, so that no
 * one is sent a lead that is no longer theirs.
 */
const morning: DigestJob = {
  name: 'morning',
  postsTo: 'people',
  periodKey: (at, timeZone) => teamDate(at, timeZone),
  async deliveries(context) {
    const { workspace, scheduledAt } = context;
    const day = this.periodKey(scheduledAt, workspace.timeZone);
    await returnQuietLeadsToPool(workspace, context.database, scheduledAt);
    const owners = await ownersOfOpenLeads(context.database.db, workspace.id);
    const dueTomorrow = await actionItemsDueTomorrow(workspace, context.database.db, scheduledAt);
    const profiles = await context.profiles([...owners, ...dueTomorrow.map((item) => item.ownerId)]);
    const localeOfPerson = (userId: string) => localeOf(profiles.get(userId)?.locale) ?? workspace.locale;
    const deliveries: Delivery[] = [];
    // An action item's owner hears the day before it is due, each item once.
    for (const item of dueTomorrow) {
      deliveries.push({
        job: 'action-due',
        periodKey: `${day}:${item.id}`,
        to: { user: item.ownerId },
        draft: { kind: 'action-due', model: { locale: localeOfPerson(item.ownerId), timeZone: workspace.timeZone, item }, charts: [], fileStem: `action-${item.id}` },
      });
    }
    for (const ownerId of owners) {
      const due = await followUpsDue(systemCaller(workspace, scheduledAt), context.database.db, ownerId);
      if (dueCount(due) === 0) continue;
      const locale = localeOfPerson(ownerId);
      deliveries.push({
        job: this.name,
        periodKey: `${day}:${ownerId}`,
        to: { user: ownerId },
        draft: { kind: 'morning', model: { locale, timeZone: workspace.timeZone, day, ownerId, due }, charts: [], fileStem: `morning-${day}-${ownerId}` },
      });
    }
    return deliveries;
  },
};

/** Friday afternoons: every active goal, behind ones first. */
const goals: DigestJob = {
  name: 'goals',
  postsTo: 'channel',
  periodKey: (at, timeZone) => weekContaining(at, timeZone).label,
  async deliveries(context) {
    const draft = await goalsDraft(context.database, context.workspace, context.scheduledAt, context.names);
    return [{ job: this.name, periodKey: this.periodKey(context.scheduledAt, context.workspace.timeZone), to: channelOf(context), draft }];
  },
};

/**
 * Monday mornings, the bottleneck flags of the week that ended, in the alignment channel:
 * each new finding its own message, and a line in the thread of each earlier one that
 * persists or cleared. Every message is a delivery of its own in the ledger.
 */
const bottlenecks: DigestJob = {
  name: 'bottlenecks',
  postsTo: 'channel',
  channel: 'alignment',
  periodKey: (at, timeZone) => flaggedWeek(at, timeZone).label,
  async deliveries(context) {
    const periodKey = this.periodKey(context.scheduledAt, context.workspace.timeZone);
    const { db } = context.database;
    const posts = await bottleneckFlagPosts(context.database, context.workspace, context.scheduledAt, context.names);
    const deliveries: Delivery[] = posts.map((post) => ({
      job: this.name,
      periodKey: `${periodKey}:${post.id}`,
      to: channelOf(context),
      draft: post.draft,
      threadTs: post.threadTs,
      afterPost: post.draft.kind === 'finding' ? (posted) => recordFindingPost(db, post.findingId, posted) : undefined,
    }));
    // An action item made from a flag hears its week in the flag's thread, where it was discussed.
    for (const measure of await measureActionItems(db, context.workspace, context.scheduledAt)) {
      const { channelId, threadTs } = measure.item;
      if (!channelId || !threadTs) continue;
      deliveries.push({
        job: this.name,
        periodKey: `${periodKey}:action:${measure.item.id}`,
        to: { channel: channelId },
        threadTs,
        draft: { kind: 'action-progress', model: { locale: context.workspace.locale, timeZone: context.workspace.timeZone, measure }, charts: [], fileStem: `action-${measure.item.id}-${periodKey.slice(0, 10)}` },
      });
    }
    return deliveries;
  },
};

export const DIGEST_JOBS: readonly DigestJob[] = [weeklyFunnel, overdue, goals, morning, bottlenecks];
