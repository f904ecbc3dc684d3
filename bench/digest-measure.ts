/**
 * The measuring side of bench/digest.ts, run in a child process of its own per database
 * so that seeding (or an earlier size) never shows in its peak RSS. The parent sends one
 * `MeasureJob` over IPC and gets one `MeasureResult` back; then this process exits.
 *
 *  - measure: openDatabase() (which migrates: a no-op on the seeded database), then
 *    `runs` times the weekly digest as the bot builds it: funnelDraft() and the message
 *    (compute), renderCharts() (render).
 *  - profile (BENCH_PROFILE=1): each aggregate of src/store/metrics.ts that the weekly
 *    digest runs, one at a time, with the SQL that Prisma sends for it, its time and its
 *    query plan, then the whole funnelDraft(): where the digest's time goes.
 */
import { performance } from 'node:perf_hooks';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet } from '@prisma/driver-adapter-utils';
import type { DigestWorkspace } from '../src/digests/drafts.js';
import { localeOf } from '../src/domain/locale.js';
import type { FunnelStage } from '../src/domain/funnel.js';
import type { Period } from '../src/domain/periods.js';
import type { Db } from '../src/store/database.js';
import type { Provider } from '../src/store/schema-source.js';
import { peakRssKib } from './peak-rss.js';

/** Decimal megabytes (10^6 bytes): the stricter reading of "400 MB". The peak is in KiB. */
const maxRssMb = () => (peakRssKib() * 1024) / 1e6;

const memoryMark = (at: string): MemoryMark => {
  const usage = process.memoryUsage();
  return { at, rssMb: usage.rss / 1e6, maxRssMb: maxRssMb(), heapMb: usage.heapTotal / 1e6, externalMb: usage.external / 1e6 };
};
/** Node with tsx's loader, before any of leadops is loaded: the floor of every figure. */
const startMark = memoryMark('node+tsx');

/**
 * leadops' modules, imported here rather than at the top so that what loading them costs
 * (Prisma's query compiler, vega, the canvas) shows apart from Node's own start.
 */
async function loadApp() {
  const [drafts, charts, digestMessages, funnel, periods, postgres, sqlite, adapters, database, metrics, schemaSource] = await Promise.all([
    import('../src/digests/drafts.js'),
    import('../src/digests/charts.js'),
    import('../src/slack/blocks/digest-message.js'),
    import('../src/domain/funnel.js'),
    import('../src/domain/periods.js'),
    import('../src/generated/postgresql/client.js'),
    import('../src/generated/sqlite/client.js'),
    import('../src/store/adapters.js'),
    import('../src/store/database.js'),
    import('../src/store/metrics.js'),
    import('../src/store/schema-source.js'),
  ]);
  return { ...drafts, ...charts, ...digestMessages, ...funnel, ...periods, PostgresClient: postgres.PrismaClient, SqliteClient: sqlite.PrismaClient, ...adapters, ...database, ...metrics, ...schemaSource };
}
type App = Awaited<ReturnType<typeof loadApp>>;

export interface MeasureJob {
  kind: 'measure' | 'profile';
  url: string;
  workspace: DigestWorkspace;
  /** ISO time: the digest's "now". */
  now: string;
  runs: number;
  /** false: compute only (the PostgreSQL pass; rendering does not touch the database). */
  render: boolean;
}

export interface DigestRun {
  computeMs: number;
  renderMs: number;
  charts: number;
  pngBytes: number;
}

export interface StepTiming {
  name: string;
  ms: number;
  statements: Array<{ sql: string; ms: number; plan: string[] }>;
}

export interface Profile {
  /** In the order funnelDigestModel() starts them. */
  steps: StepTiming[];
  /** The whole funnelDraft(), its aggregates concurrent as the app runs them, best of two. */
  draftMs: number;
}

/** Memory at a point of the run: RSS then, and the high-water mark so far. */
export interface MemoryMark {
  at: string;
  rssMb: number;
  maxRssMb: number;
  /** V8's heap (allocated) and the external memory V8 knows of (ArrayBuffers, …); the rest of RSS is code and native memory (addons, SQLite, …). */
  heapMb: number;
  externalMb: number;
}

export interface MeasureResult {
  openMs: number;
  runs: DigestRun[];
  /** What the digest said: a check that the numbers are not empty. */
  summary: string;
  memory: MemoryMark[];
  /** The process's peak RSS, start to end. */
  peakRssMb: number;
  profile?: Profile;
}

// ---------------------------------------------------------------------------------------
// measure

async function measure(job: MeasureJob): Promise<MeasureResult> {
  const memory: MemoryMark[] = [startMark];
  const mark = (at: string) => memory.push(memoryMark(at));
  const app = await loadApp();
  mark('modules');
  const now = new Date(job.now);
  let started = performance.now();
  const database = await app.openDatabase(job.url);
  const openMs = performance.now() - started;
  mark('open');
  try {
    // What the scheduled job and the CLI do first: read the workspace's zone and locale. It
    // is also the process's first query, which loads Prisma's query compiler; a bot that
    // posts the weekly digest has long done that, so it is kept out of the cold run.
    const row = await database.db.workspace.findUniqueOrThrow({ where: { id: job.workspace.id } });
    const workspace: DigestWorkspace = { id: row.id, timeZone: row.timeZone, locale: localeOf(row.locale) ?? 'en', currency: row.currency };
    mark('1st query');
    const runs: DigestRun[] = [];
    let summary = '';
    for (let run = 0; run < job.runs; run++) {
      started = performance.now();
      const draft = await app.funnelDraft(database, workspace, now);
      // The message as it is posted: image blocks for every chart (file ids are Slack's, so made up).
      const message = app.digestMessage(draft, { images: Object.fromEntries(draft.charts.map((chart, index) => [chart.name, `F0BENCH${index}`])) });
      const computeMs = performance.now() - started;
      summary = message.text;
      if (run === 0) mark('compute');

      let renderMs = 0;
      let pngBytes = 0;
      if (job.render) {
        started = performance.now();
        const rendered = await app.renderCharts(draft);
        renderMs = performance.now() - started;
        pngBytes = rendered.reduce((sum, chart) => sum + chart.png.length, 0);
        if (run === 0) mark('render');
      }
      runs.push({ computeMs, renderMs, charts: draft.charts.length, pngBytes });
    }
    mark('end');
    return { openMs, runs, summary, memory, peakRssMb: maxRssMb() };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------
// profile

interface Recorded {
  query: SqlQuery;
  ms: number;
}

/**
 * A driver adapter factory that records every statement Prisma sends and how long the
 * driver took. The aggregates are timed one at a time, so no statement waits for another
 * (the SQLite adapter serializes them) and the recorded time is the database's.
 */
function recordingFactory(inner: SqlDriverAdapterFactory, log: Recorded[], connected: (adapter: SqlDriverAdapter) => void): SqlDriverAdapterFactory {
  const timed =
    <T>(run: (query: SqlQuery) => Promise<T>) =>
    async (query: SqlQuery): Promise<T> => {
      const started = performance.now();
      const result = await run(query);
      log.push({ query, ms: performance.now() - started });
      return result;
    };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect();
      connected(adapter);
      return new Proxy(adapter, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown;
          if (property === 'queryRaw') return timed((query) => target.queryRaw(query));
          if (property === 'executeRaw') return timed((query) => target.executeRaw(query));
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
}

/** The query plan, through the same adapter so that arguments are bound as the app binds them. */
async function planOf(adapter: SqlDriverAdapter, provider: Provider, query: SqlQuery): Promise<string[]> {
  const explained: SqlResultSet = await adapter.queryRaw({ ...query, sql: `${provider === 'postgresql' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${query.sql}` });
  if (provider === 'postgresql') return explained.rows.map((row) => String(row[0]));
  // SQLite: (id, parent, notused, detail); indent children under their parent.
  const depth = new Map<number, number>();
  return explained.rows.map((row) => {
    const level = (depth.get(Number(row[1])) ?? -1) + 1;
    depth.set(Number(row[0]), level);
    return `${'  '.repeat(level)}${String(row[3])}`;
  });
}

interface Call {
  name: string;
  run(): Promise<unknown>;
}

/**
 * Mirrors funnelDigestModel() (src/digests/funnel-digest.ts) for the weekly digest with
 * its defaults (a 13-week window, 12 weeks of trend): the same aggregates, the same periods.
 */
function weeklyDigestCalls(app: App, db: Db, provider: Provider, workspace: DigestWorkspace, now: Date): Call[] {
  const thisWeek = app.weekContaining(now, workspace.timeZone);
  // sameSpanLastWeek(): last week up to the same moment.
  const last = app.previousWeek(thisWeek, workspace.timeZone);
  const elapsed = Math.min(now.getTime(), thisWeek.end.getTime()) - thisWeek.start.getTime();
  const previous: Period = { ...last, end: new Date(Math.min(last.end.getTime(), last.start.getTime() + Math.max(0, elapsed))) };
  const weeks = app.trailingWeeks(now, 13, workspace.timeZone);
  const window: Period = { start: weeks[0]!.start, end: weeks.at(-1)!.end, label: 'window' };
  const trendWeeks = app.trailingWeeks(now, 12, workspace.timeZone);
  // The stage before the bottleneck (bottleneckSource()), found by the funnelReached step, which runs first.
  let waitingStage: FunnelStage | undefined;
  return [
    { name: 'periodActivity (this week)', run: () => app.periodActivity(db, workspace.id, thisWeek) },
    { name: 'periodActivity (last week, same span)', run: () => app.periodActivity(db, workspace.id, previous) },
    { name: 'topLossReasons (this week)', run: () => app.topLossReasons(db, workspace.id, thisWeek, 3) },
    {
      name: 'funnelReached (13-week window)',
      run: async () => {
        const reached = await app.funnelReached(db, workspace.id, window);
        const funnel = app.computeFunnel(reached);
        waitingStage = funnel.bottleneck ? app.FUNNEL_STAGES[app.FUNNEL_STAGES.indexOf(funnel.bottleneck) - 1] : undefined;
        return reached;
      },
    },
    { name: 'medianDaysPerStage (13-week window)', run: () => app.medianDaysPerStage(db, provider, workspace.id, window) },
    { name: 'weeklyTrend (12 weeks)', run: () => app.weeklyTrend(db, workspace.id, trendWeeks) },
    { name: `waitingByOwner (bottleneck's stage)`, run: async () => (waitingStage ? app.waitingByOwner(db, workspace.id, waitingStage, 3) : []) },
  ];
}

/** Each aggregate alone (twice, keeping its faster run), its statements' plans, then funnelDraft() whole. */
async function profileDigest(app: App, db: Db, provider: Provider, adapter: SqlDriverAdapter, log: Recorded[], job: MeasureJob): Promise<Profile> {
  const now = new Date(job.now);
  const calls = weeklyDigestCalls(app, db, provider, job.workspace, now);
  const best = new Map<string, { timing: StepTiming; queries: SqlQuery[] }>();
  // Twice, keeping each step's faster run: the first may pay for a cold page cache.
  for (let round = 0; round < 2; round++) {
    for (const call of calls) {
      log.length = 0;
      const started = performance.now();
      await call.run();
      const ms = performance.now() - started;
      if ((best.get(call.name)?.timing.ms ?? Infinity) <= ms) continue;
      const timing: StepTiming = { name: call.name, ms, statements: log.map((entry) => ({ sql: entry.query.sql, ms: entry.ms, plan: [] })) };
      best.set(call.name, { timing, queries: log.map((entry) => entry.query) });
    }
  }
  // Plans last, so that they never warm anything a timing uses.
  for (const call of calls) {
    const { timing, queries } = best.get(call.name)!;
    for (const [index, query] of queries.entries()) timing.statements[index]!.plan = await planOf(adapter, provider, query);
  }
  let draftMs = Infinity;
  for (let round = 0; round < 2; round++) {
    const started = performance.now();
    await app.funnelDraft({ db, provider }, job.workspace, now);
    draftMs = Math.min(draftMs, performance.now() - started);
  }
  return { steps: calls.map((call) => best.get(call.name)!.timing), draftMs };
}

/**
 * The profile runs on a PrismaClient of its own around the recording adapter (openDatabase
 * builds its own adapter); no migration: the measure job's openDatabase has run it.
 */
async function profile(job: MeasureJob): Promise<MeasureResult> {
  const app = await loadApp();
  const provider = app.providerOf(job.url);
  const log: Recorded[] = [];
  let adapter: SqlDriverAdapter | undefined;
  const factory = recordingFactory(app.adapterFactoryFor(job.url, provider), log, (connected) => (adapter = connected));
  const started = performance.now();
  const db = provider === 'postgresql' ? (new app.PostgresClient({ adapter: factory }) as unknown as Db) : new app.SqliteClient({ adapter: factory });
  await db.$connect();
  const openMs = performance.now() - started;
  try {
    const profiled = await profileDigest(app, db, provider, adapter!, log, job);
    return { openMs, runs: [], summary: '', memory: [], peakRssMb: maxRssMb(), profile: profiled };
  } finally {
    await db.$disconnect();
  }
}

// ---------------------------------------------------------------------------------------

process.once('message', (job: MeasureJob) => {
  (job.kind === 'profile' ? profile(job) : measure(job)).then(
    (result) => process.send!(result, () => process.disconnect()),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
