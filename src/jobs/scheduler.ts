import { schedule, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { DigestDefaults } from '../config.js';
import type { Db } from '../store/database.js';
import { markFailed, markPosted, recordAttempt } from '../store/job-runs.js';
import { displayNames, memberProfiles } from '../store/members.js';
import type { Provider } from '../store/schema-source.js';
import { workspacesWithSchedules, type WorkspaceSettings } from '../store/workspaces.js';
import { latestOccurrence } from './cron.js';
import { DIGEST_JOBS, type DigestJob, type Delivery } from './digest-jobs.js';
import type { DigestPost, DigestPoster, PostFailure } from './digest-poster.js';
import { claimRun } from './ledger.js';

export interface SchedulerDeps {
  database: { db: Db; provider: Provider };
  /** Slack: src/slack/digest-poster.ts, built in main.ts. */
  poster: DigestPoster;
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
  sleep?(ms: number): Promise<void>;
  jobs?: readonly DigestJob[];
}

interface ResolvedSchedule {
  workspace: WorkspaceSettings;
  job: DigestJob;
  /** The managers' channel; a job that only writes to people (the morning DMs) runs without one. */
  channelId?: string;
  cron: string;
}

/** A run that starts more than this after its time is posted as late. */
const ON_TIME_MS = 60_000;

/**
 * Posts the digests on their cron schedules, in each team's time zone, exactly once per
 * period: every delivery is claimed in the run ledger before it is sent. On start it
 * posts, marked late, a run it missed while it was down if that run's period is still
 * the current one.
 */
export class DigestScheduler {
  readonly #tasks = new Map<string, ScheduledTask>();
  readonly #entries = new Map<string, { key: string; cron: string; timeZone: string; channelId?: string }>();
  readonly #jobs: readonly DigestJob[];
  readonly #retry: { attempts: number; firstDelayMs: number };
  readonly #sleep: (ms: number) => Promise<void>;
  #running = new Set<Promise<unknown>>();

  constructor(private readonly deps: SchedulerDeps) {
    this.#jobs = deps.jobs ?? DIGEST_JOBS;
    this.#retry = deps.retry ?? { attempts: 4, firstDelayMs: 2000 };
    this.#sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Every (workspace, digest) that has a channel and is enabled, with its cron. */
  async schedules(): Promise<ResolvedSchedule[]> {
    const resolved: ResolvedSchedule[] = [];
    for (const { workspace, schedules } of await workspacesWithSchedules(this.deps.database.db)) {
      if (!this.deps.serves(workspace.id)) continue;
      for (const job of this.#jobs) {
        const override = schedules.find((entry) => entry.digest === job.name);
        if (override && !override.enabled) continue;
        // A digest's own channel, else the workspace's (`/lead config`), else DIGEST_CHANNEL (ALIGNMENT_CHANNEL for the flags).
        const channelId =
          job.channel === 'alignment'
            ? (override?.channelId ?? workspace.alignmentChannelId ?? this.deps.defaults.alignmentChannelId)
            : (override?.channelId ?? workspace.digestChannelId ?? this.deps.defaults.channelId);
        if (!channelId && job.postsTo === 'channel') continue;
        resolved.push({ workspace, job, channelId, cron: override?.cron ?? this.deps.defaults.cron[job.name] });
      }
    }
    return resolved;
  }

  /** Starts the cron tasks and posts what was missed. */
  async start(): Promise<void> {
    const schedules = await this.#schedule();
    if (schedules.length === 0) this.deps.logger.info('no digest channel configured (DIGEST_CHANNEL, or /lead config): digests are not scheduled');
    await this.catchUp(schedules);
  }

  /**
   * Schedules anew after a workspace's settings changed (its zone moves every cron time,
   * its channel may start or stop digests). Nothing is caught up here: a run that a new
   * zone puts in the past was not missed, and the ledger still posts each period once.
   */
  async refresh(): Promise<void> {
    const schedules = await this.#schedule();
    this.deps.logger.info({ schedules: schedules.length }, 'digests rescheduled after a settings change');
  }

  /** The cron task of each schedule, replacing those there were. */
  async #schedule(): Promise<ResolvedSchedule[]> {
    const schedules = await this.schedules();
    for (const task of this.#tasks.values()) await task.destroy();
    this.#tasks.clear();
    this.#entries.clear();
    for (const entry of schedules) {
      const key = `${entry.workspace.id}:${entry.job.name}`;
      const task = schedule(entry.cron, (context) => this.#track(this.run(entry, context.triggeredAt ?? context.date)), {
        timezone: entry.workspace.timeZone,
        name: key,
        noOverlap: true,
      });
      this.#tasks.set(key, task);
      this.#entries.set(key, { key, cron: entry.cron, timeZone: entry.workspace.timeZone, channelId: entry.channelId });
    }
    return schedules;
  }

  /** What is scheduled now, by workspace and digest: the cron and the zone it is read in. */
  scheduled(): Array<{ key: string; cron: string; timeZone: string; channelId?: string }> {
    return [...this.#entries.values()];
  }

  async stop(): Promise<void> {
    for (const task of this.#tasks.values()) await task.destroy();
    this.#tasks.clear();
    this.#entries.clear();
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
      const deliveries = await entry.job.deliveries({
        database: this.deps.database,
        names: (userIds) => displayNames(this.deps.database.db, entry.workspace.id, userIds, this.deps.now(), (userId) => this.deps.poster.profileOf(entry.workspace.id, userId)),
        profiles: (userIds) => memberProfiles(this.deps.database.db, entry.workspace.id, userIds, this.deps.now(), (userId) => this.deps.poster.profileOf(entry.workspace.id, userId)),
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
    const post: DigestPost = {
      to: delivery.to,
      draft: delivery.draft,
      threadTs: delivery.threadTs,
      run: `${claim.workspaceId}/${claim.job}/${claim.periodKey}`,
      // A retry or a take-over may find that its run's message went out before.
      postedSince: claim.attempts > 0 || claim.late ? claim.claimedAt : undefined,
      late: claim.late ? { dueAt: timing.scheduledAt } : undefined,
    };
    for (let attempt = 1; ; attempt++) {
      let failure: PostFailure;
      try {
        const outcome = await this.deps.poster.post(entry.workspace.id, post);
        if (outcome.ok) {
          const note = outcome.foundPosted ? 'already posted before a restart' : outcome.plain ? 'posted as plain text: Slack refused the newer blocks' : undefined;
          await markPosted(db, claim, { channelId: outcome.channelId, messageTs: outcome.messageTs, note }, this.deps.now());
          // Posted and in the ledger: what the job keeps of it failing now must not post it again.
          await delivery.afterPost?.({ channelId: outcome.channelId, messageTs: outcome.messageTs }).catch((error: unknown) => logger.error({ err: error, job: delivery.job }, 'could not record where a delivery went'));
          if (!outcome.foundPosted) logger.info({ job: delivery.job, period: delivery.periodKey, channel: outcome.channelId, late: claim.late }, 'digest posted');
          return;
        }
        failure = outcome;
      } catch (error) {
        // The poster answers for Slack; anything else that fails (the ledger's own writes) counts as an attempt too.
        failure = { ok: false, reason: error instanceof Error ? error.message : String(error), permanent: false };
      }
      if (attempt >= this.#retry.attempts || failure.permanent) {
        await markFailed(db, claim, `${failure.reason} (after ${attempt} attempt${attempt === 1 ? '' : 's'})`, this.deps.now());
        logger.error({ job: delivery.job, period: delivery.periodKey, error: failure.reason }, 'digest not posted');
        return;
      }
      await recordAttempt(db, claim, failure.reason);
      await this.#sleep(failure.retryAfterMs ?? this.#retry.firstDelayMs * 4 ** (attempt - 1));
    }
  }
}
