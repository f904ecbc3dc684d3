import type { WebClient } from '@slack/web-api';
import { schedule, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { DigestDefaults } from '../config.js';
import type { DigestWorkspace } from '../digests/drafts.js';
import { postDigest, type DigestDraft, type RunMetadata } from '../digests/publish.js';
import { messagesFor } from '../i18n/messages.js';
import type { Db } from '../store/database.js';
import { displayNames } from '../store/members.js';
import { profileFromSlack } from '../slack/profiles.js';
import type { Provider } from '../store/schema-source.js';
import { latestOccurrence } from './cron.js';
import { DIGEST_JOBS, type DigestJob, type Delivery } from './digest-jobs.js';
import { claimRun, markFailed, markPosted, recordAttempt, type Claim } from './ledger.js';
import { ChannelPacer } from './pacer.js';

export interface SchedulerDeps {
  database: { db: Db; provider: Provider };
  /** The Web API client of a workspace (one bot token today, one per install later). */
  clientFor(workspaceId: string): Promise<WebClient>;
  /**
   * Whether the bot acts for this workspace. Only those get digests: a row left by a
   * stranger's request must never receive the managers' channel of another team.
   */
  serves(workspaceId: string): boolean;
  defaults: DigestDefaults;
  logger: Logger;
  now(): Date;
  /** Retries of a failed post; the delay grows 4× each time unless Slack says how long to wait. */
  retry?: { attempts: number; firstDelayMs: number };
  pacer?: ChannelPacer;
  sleep?(ms: number): Promise<void>;
  jobs?: readonly DigestJob[];
}

interface ResolvedSchedule {
  workspace: DigestWorkspace;
  job: DigestJob;
  channelId: string;
  cron: string;
}

/** A run that starts more than this after its time is posted as late. */
const ON_TIME_MS = 60_000;

function slackErrorOf(error: unknown): { code?: string; retryAfterMs?: number } {
  const data = (error as { data?: { error?: string } }).data;
  const retryAfter = (error as { retryAfter?: number }).retryAfter;
  return { code: data?.error ?? (error as { code?: string }).code, retryAfterMs: retryAfter ? retryAfter * 1000 : undefined };
}

/**
 * Posts the digests on their cron schedules, in each team's time zone, exactly once per
 * period: every delivery is claimed in the run ledger before it is sent. On start it
 * posts, marked late, a run it missed while it was down if that run's period is still
 * the current one.
 */
export class DigestScheduler {
  readonly #tasks = new Map<string, ScheduledTask>();
  readonly #pacer: ChannelPacer;
  readonly #jobs: readonly DigestJob[];
  readonly #retry: { attempts: number; firstDelayMs: number };
  readonly #sleep: (ms: number) => Promise<void>;
  #running = new Set<Promise<unknown>>();

  constructor(private readonly deps: SchedulerDeps) {
    this.#pacer = deps.pacer ?? new ChannelPacer();
    this.#jobs = deps.jobs ?? DIGEST_JOBS;
    this.#retry = deps.retry ?? { attempts: 4, firstDelayMs: 2000 };
    this.#sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Every (workspace, digest) that has a channel and is enabled, with its cron. */
  async schedules(): Promise<ResolvedSchedule[]> {
    const { db } = this.deps.database;
    const workspaces = await db.workspace.findMany({ include: { schedules: true } });
    const resolved: ResolvedSchedule[] = [];
    for (const row of workspaces) {
      if (!this.deps.serves(row.id)) continue;
      const workspace: DigestWorkspace = { id: row.id, timeZone: row.timeZone, locale: row.locale === 'zh' ? 'zh' : 'en', currency: row.currency, nativeCharts: row.nativeCharts };
      for (const job of this.#jobs) {
        const override = row.schedules.find((entry) => entry.digest === job.name);
        if (override && !override.enabled) continue;
        const channelId = override?.channelId ?? this.deps.defaults.channelId;
        if (!channelId) continue;
        resolved.push({ workspace, job, channelId, cron: override?.cron ?? this.deps.defaults.cron[job.name] });
      }
    }
    return resolved;
  }

  /** Starts the cron tasks and posts what was missed. */
  async start(): Promise<void> {
    const schedules = await this.schedules();
    for (const entry of schedules) {
      const key = `${entry.workspace.id}:${entry.job.name}`;
      const task = schedule(entry.cron, (context) => this.#track(this.run(entry, context.triggeredAt ?? context.date)), {
        timezone: entry.workspace.timeZone,
        name: key,
        noOverlap: true,
      });
      this.#tasks.set(key, task);
    }
    if (schedules.length === 0) this.deps.logger.info('no digest channel configured (DIGEST_CHANNEL): digests are not scheduled');
    await this.catchUp(schedules);
  }

  async stop(): Promise<void> {
    for (const task of this.#tasks.values()) await task.destroy();
    this.#tasks.clear();
    await Promise.allSettled([...this.#running]);
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#running.add(work);
    void work.finally(() => this.#running.delete(work));
    return work;
  }

  /** Posts, late, the latest missed run of each schedule whose period is still current. */
  async catchUp(schedules?: ResolvedSchedule[]): Promise<void> {
    const now = this.deps.now();
    for (const entry of schedules ?? (await this.schedules())) {
      const due = latestOccurrence(entry.cron, entry.workspace.timeZone, now);
      if (!due) continue;
      if (entry.job.periodKey(due, entry.workspace.timeZone) !== entry.job.periodKey(now, entry.workspace.timeZone)) continue;
      await this.#track(this.run(entry, due));
    }
  }

  /** One scheduled run of a digest in a workspace: each of its deliveries claimed and sent once. */
  async run(entry: ResolvedSchedule, scheduledAt: Date): Promise<void> {
    const late = this.deps.now().getTime() - scheduledAt.getTime() > ON_TIME_MS;
    const logger = this.deps.logger.child({ workspace: entry.workspace.id, digest: entry.job.name });
    try {
      const client = await this.deps.clientFor(entry.workspace.id);
      const deliveries = await entry.job.deliveries({
        database: this.deps.database,
        names: (userIds) => displayNames(this.deps.database.db, entry.workspace.id, userIds, this.deps.now(), (userId) => profileFromSlack(client, userId)),
        workspace: entry.workspace,
        channelId: entry.channelId,
        scheduledAt,
        defaults: this.deps.defaults,
      });
      for (const delivery of deliveries) await this.#deliver(entry, delivery, { late, scheduledAt }, logger);
    } catch (error) {
      logger.error({ err: error }, 'digest run failed before posting');
    }
  }

  async #deliver(entry: ResolvedSchedule, delivery: Delivery, timing: { late: boolean; scheduledAt: Date }, logger: Logger): Promise<void> {
    const { db } = this.deps.database;
    const claim = await claimRun(db, { workspaceId: entry.workspace.id, job: delivery.job, periodKey: delivery.periodKey }, { now: this.deps.now(), late: timing.late });
    if (!claim) {
      logger.debug({ job: delivery.job, period: delivery.periodKey }, 'already claimed elsewhere');
      return;
    }
    const client = await this.deps.clientFor(entry.workspace.id);
    const metadata: RunMetadata = { event_type: 'leadops_digest', event_payload: { run: `${claim.workspaceId}/${claim.job}/${claim.periodKey}` } };
    const draft = claim.late ? withLateNote(delivery.draft, entry.workspace, timing.scheduledAt) : delivery.draft;
    for (let attempt = 1; ; attempt++) {
      try {
        const channel = await this.#channelOf(client, delivery.to);
        if (claim.attempts > 0 || claim.late) {
          const existing = await findPosted(client, channel, claim, metadata);
          if (existing) {
            await markPosted(db, claim, { channelId: channel, messageTs: existing, note: 'already posted before a restart' }, this.deps.now());
            return;
          }
        }
        await this.#pacer.wait(channel);
        const posted = await postDigest(client, channel, draft, logger, metadata);
        await markPosted(db, claim, { channelId: channel, messageTs: posted.ts, note: posted.fallback ? 'posted as plain text: Slack refused the newer blocks' : undefined }, this.deps.now());
        logger.info({ job: delivery.job, period: delivery.periodKey, channel, late: claim.late }, 'digest posted');
        return;
      } catch (error) {
        const { code, retryAfterMs } = slackErrorOf(error);
        const message = code ?? (error instanceof Error ? error.message : String(error));
        if (attempt >= this.#retry.attempts || PERMANENT.has(code ?? '')) {
          await markFailed(db, claim, `${message} (after ${attempt} attempt${attempt === 1 ? '' : 's'})`, this.deps.now());
          logger.error({ job: delivery.job, period: delivery.periodKey, error: message }, 'digest not posted');
          return;
        }
        await recordAttempt(db, claim, message);
        await this.#sleep(retryAfterMs ?? this.#retry.firstDelayMs * 4 ** (attempt - 1));
      }
    }
  }

  /** The bot joins a public channel before posting there; a DM is opened first. */
  async #channelOf(client: WebClient, to: Delivery['to']): Promise<string> {
    if ('user' in to) {
      const opened = await client.conversations.open({ users: to.user });
      return opened.channel!.id!;
    }
    try {
      await client.conversations.join({ channel: to.channel });
    } catch (error) {
      // Private channels cannot be joined; posting tells whether the bot was invited.
      if (slackErrorOf(error).code !== 'method_not_supported_for_channel_type') throw error;
    }
    return to.channel;
  }
}

/** Slack errors no retry can fix: they go to the ledger at once. */
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'account_inactive', 'missing_scope', 'token_revoked', 'user_not_found']);

/** A run taken over after a crash looks for its own message first (by metadata) before posting again. */
async function findPosted(client: WebClient, channel: string, claim: Claim, metadata: RunMetadata): Promise<string | undefined> {
  try {
    const history = await client.conversations.history({
      channel,
      oldest: String(Math.floor(claim.claimedAt.getTime() / 1000) - 60),
      include_all_metadata: true,
      limit: 100,
    });
    return history.messages?.find(
      (message) => (message.metadata as { event_payload?: { run?: string } } | undefined)?.event_payload?.run === metadata.event_payload.run,
    )?.ts;
  } catch {
    return undefined;
  }
}

function withLateNote(draft: DigestDraft, workspace: DigestWorkspace, scheduledAt: Date): DigestDraft {
  const note = messagesFor(workspace.locale).digest.lateNote(`<!date^${Math.floor(scheduledAt.getTime() / 1000)}^{date_short_pretty} {time}|${scheduledAt.toISOString()}>`);
  return {
    ...draft,
    message(render) {
      const message = draft.message(render);
      return { ...message, blocks: [...message.blocks, { type: 'context', elements: [{ type: 'mrkdwn', text: note }] }] };
    },
  };
}

