import type { DigestDefaults, DigestName } from '../config.js';
import { funnelDraft, type DigestWorkspace } from '../digests/drafts.js';
import type { DigestDraft } from '../digests/publish.js';
import { weekContaining } from '../domain/periods.js';
import type { Db } from '../store/database.js';
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

export const DIGEST_JOBS: readonly DigestJob[] = [weeklyFunnel];
