import type { DigestDefaults, DigestName } from '../config.js';
import { funnelDraft, goalsDraft, overdueDirectDraft, overdueDraft, type DigestDraft, type DigestWorkspace, type NameLookup } from '../digests/drafts.js';
import { DEFAULT_FOLLOW_UP_RULES, followUpCutoffs } from '../domain/follow-ups.js';
import { weekContaining } from '../domain/periods.js';
import { teamDate } from '../domain/team-time.js';
import type { Db } from '../store/database.js';
import { overdueByOwner } from '../store/overdue.js';
import type { Provider } from '../store/schema-source.js';

/** One message a scheduled run sends: to the managers' channel, or to a rep by DM. */
export interface Delivery {
  /** Ledger key: each delivery is claimed on its own, so a retry never repeats the others. */
  job: string;
  periodKey: string;
  to: { channel: string } | { user: string };
  draft: DigestDraft;
}

export interface JobContext {
  database: { db: Db; provider: Provider };
  /** Display names for charts, from the member table and Slack. */
  names: NameLookup;
  workspace: DigestWorkspace;
  channelId: string;
  /** When the run was due; the digest reports as of then. */
  scheduledAt: Date;
  defaults: DigestDefaults;
}

export interface DigestJob {
  name: DigestName;
  /** The period a run reports on: one post per period, however often it is triggered. */
  periodKey(at: Date, timeZone: string): string;
  deliveries(context: JobContext): Promise<Delivery[]>;
}

const weeklyFunnel: DigestJob = {
  name: 'weekly-funnel',
  periodKey: (at, timeZone) => weekContaining(at, timeZone).label,
  async deliveries(context) {
    const periodKey = this.periodKey(context.scheduledAt, context.workspace.timeZone);
    const draft = await funnelDraft(context.database, context.workspace, context.scheduledAt, { windowWeeks: context.defaults.funnelWindowWeeks });
    return [{ job: this.name, periodKey, to: { channel: context.channelId }, draft }];
  },
};

/** Weekday mornings: the managers' overview in the channel, and each rep with overdue leads gets their own list by DM. */
const overdue: DigestJob = {
  name: 'overdue',
  periodKey: (at, timeZone) => teamDate(at, timeZone),
  async deliveries(context) {
    const day = this.periodKey(context.scheduledAt, context.workspace.timeZone);
    const deliveries: Delivery[] = [
      { job: this.name, periodKey: day, to: { channel: context.channelId }, draft: await overdueDraft(context.database, context.workspace, context.scheduledAt, context.names) },
    ];
    const cutoffs = followUpCutoffs(context.scheduledAt, context.workspace.timeZone, context.workspace.followUp ?? DEFAULT_FOLLOW_UP_RULES);
    for (const owner of await overdueByOwner(context.database.db, context.database.provider, context.workspace.id, cutoffs)) {
      const draft = await overdueDirectDraft(context.database, context.workspace, context.scheduledAt, owner.ownerId);
      if (draft) deliveries.push({ job: 'overdue-dm', periodKey: `${day}:${owner.ownerId}`, to: { user: owner.ownerId }, draft });
    }
    return deliveries;
  },
};

/** Friday afternoons: every active goal, behind ones first. */
const goals: DigestJob = {
  name: 'goals',
  periodKey: (at, timeZone) => weekContaining(at, timeZone).label,
  async deliveries(context) {
    const draft = await goalsDraft(context.database, context.workspace, context.scheduledAt, context.names);
    return [{ job: this.name, periodKey: this.periodKey(context.scheduledAt, context.workspace.timeZone), to: { channel: context.channelId }, draft }];
  },
};

export const DIGEST_JOBS: readonly DigestJob[] = [weeklyFunnel, overdue, goals];
