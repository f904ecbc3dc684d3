/**
 * How long the weekly funnel digest takes, and how much memory it needs, as the team
 * grows: for each size a fresh SQLite database with that many leads over 26 weeks in one
 * workspace (Asia/Shanghai, 中文), then, in a child process of its own, the digest built
 * (compute: every SQL aggregate, the model, the message) and its charts rendered (render:
 * Vega-Lite → SVG → PNG), several times: the first run is cold, the rest warm.
 *
 *   npm run bench:digest [-- <sizes…>]            sizes as 10000, 100k, 1M; default 10k 100k 1M
 *   BENCH_SIZES=10k,100k BENCH_RUNS=5 npm run bench:digest
 *   BENCH_PROFILE=1 npm run bench:digest -- 1M     also each aggregate alone: time, SQL, query plan
 *   BENCH_POSTGRES=1 npm run bench:digest          also the compute part on a throwaway PostgreSQL
 *   TEST_POSTGRES_URL=postgresql://… npm run bench:digest   … or on a server of yours (as the tests)
 *   BENCH_POSTGRES_SIZES=10k,100k                  PostgreSQL sizes, if not the SQLite ones
 *
 * The aim (issue): the 1M-lead weekly digest under 5 s and under 400 MB RSS on a 2-core
 * machine. Seeding is timed and printed, but is not part of it: it migrates an empty
 * database with openDatabase(), as the app does, so every index of prisma/migrations is
 * there and kept up while the leads go in (their build cost is seeding's), and the digest
 * is measured with the indexes a real database has.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../src/store/database.js';
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.js';
import { seedPostgres, seedSqlite, type SeedSpec } from './digest-seed.js';
import type { MeasureJob, MeasureResult, Profile } from './digest-measure.js';

const AIM = { leads: 1_000_000, totalMs: 5000, rssMb: 400 };
const WORKSPACE = { id: 'T0BENCH', timeZone: 'Asia/Shanghai', locale: 'zh' as const, currency: 'CNY' };
/** A Friday, 17:00 in Shanghai: when managers read the weekly digest (DOMAIN.md). Fixed, so runs compare. */
const NOW = new Date('2026-11-20T09:00:00Z');
const WEEKS = 26;

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a positive integer, not ${JSON.stringify(value)}`);
  return number;
}

/** 10000, 10k, 1M, 1_000_000. */
function parseSize(text: string): number {
  const match = /^(\d[\d_]*)([km]?)$/i.exec(text.trim());
  const size = match ? Number(match[1]!.replaceAll('_', '')) * ({ '': 1, k: 1e3, m: 1e6 } as Record<string, number>)[match[2]!.toLowerCase()]! : NaN;
  if (!Number.isInteger(size) || size < 1) throw new Error(`a size must be a lead count such as 10000, 100k or 1M, not ${JSON.stringify(text)}`);
  return size;
}

const parseSizes = (text: string) => text.split(/[\s,]+/).filter(Boolean).map(parseSize);
const cliSizes = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const SIZES = cliSizes.length > 0 ? cliSizes.map(parseSize) : parseSizes(process.env.BENCH_SIZES ?? '10k 100k 1M');
const RUNS = positiveInteger('BENCH_RUNS', process.env.BENCH_RUNS, 3);
const PROFILE = process.env.BENCH_PROFILE === '1';
/** A server the benchmark may create databases on; with BENCH_POSTGRES=1 and none given, a throwaway one. */
const POSTGRES_URL = process.env.TEST_POSTGRES_URL || undefined;
const POSTGRES = POSTGRES_URL !== undefined || process.env.BENCH_POSTGRES === '1';
const POSTGRES_SIZES = process.env.BENCH_POSTGRES_SIZES ? parseSizes(process.env.BENCH_POSTGRES_SIZES) : SIZES;

// ---------------------------------------------------------------------------------------
// The child

async function inChild(job: MeasureJob): Promise<MeasureResult> {
  // fork() passes on this process's execArgv, i.e. tsx's loader, so the child can be TypeScript too.
  const child = fork(fileURLToPath(new URL('./digest-measure.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const result = new Promise<MeasureResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as MeasureResult));
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`the measuring process exited (${signal ?? code}) without a result`)));
  });
  child.send(job);
  const measured = await result;
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  return measured;
}

// ---------------------------------------------------------------------------------------
// Figures

interface Row {
  database: 'SQLite' | 'PostgreSQL';
  leads: number;
  seedS: number;
  /** The SQLite file's size, or pg_database_size(). */
  databaseMb?: number;
  result: MeasureResult;
}

const best = (values: number[]) => Math.min(...values);
const totalsOf = (result: MeasureResult) => result.runs.map((run) => run.computeMs + run.renderMs);
/** The figure judged against the aim: the cold run. The bot builds the weekly digest once, in a process that has not built one since last Friday. */
const coldTotal = (result: MeasureResult) => totalsOf(result)[0]!;

const ms = (value: number) => value.toFixed(0);
const count = (value: number) => value.toLocaleString('en-US');

function table(header: string[], cells: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (values: string[]) => values.map((value, column) => (column === 0 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}

function resultsTable(rows: Row[], withRender: boolean): string {
  const coldBest = (values: number[]) => `${ms(values[0]!)} / ${ms(best(values))}`;
  const header = ['leads', 'seed s*', 'db MB', 'open ms', 'compute ms', ...(withRender ? ['render ms', 'total ms'] : []), 'peak RSS MB'];
  return table(
    header,
    rows.map((row) => [
      count(row.leads),
      row.seedS.toFixed(1),
      row.databaseMb === undefined ? '–' : row.databaseMb.toFixed(0),
      ms(row.result.openMs),
      coldBest(row.result.runs.map((run) => run.computeMs)),
      ...(withRender ? [coldBest(row.result.runs.map((run) => run.renderMs)), coldBest(totalsOf(row.result))] : []),
      row.result.peakRssMb.toFixed(0),
    ]),
  );
}

const oneLine = (sql: string, max = 150) => {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * A plan line without what differs between the subqueries of one statement: SQLite's
 * subquery numbers; PostgreSQL's InitPlan numbers, table aliases, cost estimates and the
 * bound timestamps (its EXPLAIN shows the arguments inline).
 */
function planShape(line: string): string {
  return line
    .replace(/SCALAR SUBQUERY \d+/, 'SCALAR SUBQUERY')
    .replace(/InitPlan \d+( \(returns \$\d+\))?/, 'InitPlan')
    .replace(/ on lead lead_\d+/, ' on lead')
    .replace(/ {2}\(cost=[^)]*\)/, '')
    .replace(/'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?'::timestamp without time zone/g, "'…'::timestamp");
}

function printProfile(profile: Profile): void {
  const total = profile.steps.reduce((sum, step) => sum + step.ms, 0);
  console.log(`  each aggregate alone (best of 2), slowest first; ${ms(total)} ms in all, funnelDraft() with them concurrent ${ms(profile.draftMs)} ms:`);
  for (const step of [...profile.steps].sort((a, b) => b.ms - a.ms)) {
    console.log(`  ${ms(step.ms).padStart(6)} ms  ${(((step.ms / total) * 100).toFixed(0) + '%').padStart(4)}  ${step.name}`);
    for (const statement of step.statements) {
      console.log(`             ${ms(statement.ms).padStart(6)} ms  ${oneLine(statement.sql)}`);
      // A statement with a scalar subquery per number (periodActivity, weeklyTrend) repeats
      // the same plan lines: each distinct line once, in order, with its count.
      const lines = new Map<string, number>();
      for (const line of statement.plan.map(planShape)) lines.set(line, (lines.get(line) ?? 0) + 1);
      for (const [line, n] of lines) console.log(`                        plan: ${line}${n > 1 ? ` (×${n})` : ''}`);
    }
  }
}

// ---------------------------------------------------------------------------------------

const temporary = new Set<string>();
let postgresServer: PostgresServer | undefined;
// Ctrl-C would skip the finally blocks; the seeded databases are big, and a throwaway
// PostgreSQL server would outlive the benchmark, so clean up anyway.
process.once('SIGINT', () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  postgresServer?.stop();
  process.exit(130);
});

function seedSpec(leads: number): SeedSpec {
  return { workspaceId: WORKSPACE.id, timeZone: WORKSPACE.timeZone, locale: WORKSPACE.locale, now: NOW, leads, weeks: WEEKS };
}

function job(url: string, kind: MeasureJob['kind'], render: boolean): MeasureJob {
  return { kind, url, workspace: WORKSPACE, now: NOW.toISOString(), runs: RUNS, render };
}

/**
 * The lead table's indexes in the seeded database, as the migrations left them (primary
 * and unique keys included), shortened: "lead_workspaceId_wonAt_idx" → "workspaceId_wonAt".
 * Printed so that a run shows which indexes its figures were measured with.
 */
async function leadIndexes(url: string, provider: 'sqlite' | 'postgresql'): Promise<string> {
  let names: string[];
  if (provider === 'sqlite') {
    const db = new Database(url.replace(/^file:/, ''), { readonly: true });
    try {
      names = db.prepare<[], { name: string }>(`SELECT "name" FROM sqlite_master WHERE "type" = 'index' AND "tbl_name" = 'lead' ORDER BY "name"`).all().map((row) => row.name);
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      names = (await client.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'lead' ORDER BY indexname`)).rows.map((row) => row.indexname);
    } finally {
      await client.end();
    }
  }
  return names.map((name) => name.replace(/^lead_/, '').replace(/_idx$/, '')).join(', ');
}

function printMeasured(row: Row, rendered: boolean): void {
  const { result } = row;
  if (rendered) {
    const runs = result.runs.map((run, index) => `${index === 0 ? 'cold' : `warm ${index}`} ${ms(run.computeMs)}+${ms(run.renderMs)} ms`).join(', ');
    console.log(`  digest (compute+render): ${runs}; ${result.runs[0]!.charts} charts, ${(result.runs[0]!.pngBytes / 1024).toFixed(0)} KiB of PNG`);
  } else {
    const runs = result.runs.map((run, index) => `${index === 0 ? 'cold' : `warm ${index}`} ${ms(run.computeMs)} ms`).join(', ');
    console.log(`  digest (compute only): ${runs}; ${result.runs[0]!.charts} charts, not rendered`);
  }
  // The high-water mark after each phase says which one set the peak.
  console.log(`  RSS MB (now/high-water) after: ${result.memory.map((mark) => `${mark.at} ${mark.rssMb.toFixed(0)}/${mark.maxRssMb.toFixed(0)}`).join(', ')}`);
  console.log(`  V8 heap/V8-tracked external MB at the same points: ${result.memory.map((mark) => `${mark.at} ${mark.heapMb.toFixed(0)}/${mark.externalMb.toFixed(0)}`).join(', ')}`);
  console.log(`  says: ${result.summary}`);
}

/** BENCH_PROFILE=1: each aggregate alone, in a child of its own (its RSS is not the digest's). */
async function profileIfAsked(row: Row, url: string, render: boolean): Promise<void> {
  if (!PROFILE) return;
  console.log(`  profile of the ${count(row.leads)}-lead digest's aggregates (${row.database}):`);
  const profiled = await inChild(job(url, 'profile', render));
  if (profiled.profile) printProfile(profiled.profile);
}

async function sqliteSize(leads: number): Promise<Row> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leadops-bench-digest-'));
  temporary.add(dir);
  try {
    const file = path.join(dir, 'leadops.db');
    const url = `file:${file}`;
    const started = performance.now();
    // Creates the database and runs every migration, indexes included, before a lead goes in.
    await (await openDatabase(url)).close();
    const seed = seedSqlite(file, seedSpec(leads));
    const seedS = (performance.now() - started) / 1000;
    const databaseMb = statSync(file).size / 1e6;
    console.log(`${count(leads)} leads: seeded ${count(seed.leads)} leads and ${count(seed.leadTags)} lead tags in ${seedS.toFixed(1)} s (not part of the aim); database ${databaseMb.toFixed(0)} MB in ${dir}`);
    console.log(`  lead indexes: ${await leadIndexes(url, 'sqlite')}`);
    const row: Row = { database: 'SQLite', leads, seedS, databaseMb, result: await inChild(job(url, 'measure', true)) };
    printMeasured(row, true);
    await profileIfAsked(row, url, true);
    return row;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    temporary.delete(dir);
  }
}

/** A database of its own on the server (as the tests do), dropped afterwards. */
async function postgresSize(serverUrl: string, leads: number): Promise<Row> {
  const name = `leadops_bench_${Date.now().toString(36)}_${leads}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const started = performance.now();
    // As for SQLite: every migration, indexes included, before a lead goes in.
    await (await openDatabase(url.toString())).close();
    const seed = await seedPostgres(url.toString(), seedSpec(leads));
    const seedS = (performance.now() - started) / 1000;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const databaseMb = Number((await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes')).rows[0]!.bytes) / 1e6;
    await client.end();
    console.log(`${count(leads)} leads: seeded ${count(seed.leads)} leads and ${count(seed.leadTags)} lead tags in ${seedS.toFixed(1)} s (not part of the aim); database ${name}, ${databaseMb.toFixed(0)} MB`);
    console.log(`  lead indexes: ${await leadIndexes(url.toString(), 'postgresql')}`);
    const row: Row = { database: 'PostgreSQL', leads, seedS, databaseMb, result: await inChild(job(url.toString(), 'measure', false)) };
    printMeasured(row, false);
    await profileIfAsked(row, url.toString(), false);
    return row;
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

function verdict(rows: Row[]): string {
  const row = rows.find((candidate) => candidate.leads === AIM.leads);
  if (!row) return `aim (${count(AIM.leads)} leads): not measured in this run (sizes ${SIZES.map(count).join(', ')})`;
  const total = coldTotal(row.result);
  const fast = total < AIM.totalMs;
  const small = row.result.peakRssMb < AIM.rssMb;
  // Time: the profile says which aggregate; memory: the RSS line below says which phase.
  const hints = [...(fast ? [] : [PROFILE ? 'time: profile above' : 'time: BENCH_PROFILE=1 shows where it goes']), ...(small ? [] : ['RSS: where it was reached below'])];
  const hint = hints.length > 0 ? ` (${hints.join('; ')})` : '';
  return (
    `aim "${count(AIM.leads)}-lead weekly digest under ${AIM.totalMs / 1000} s and ${AIM.rssMb} MB RSS": ${fast && small ? 'MET' : 'MISSED'} — ` +
    `cold ${(total / 1000).toFixed(2)} s ${fast ? '<' : '≥'} ${AIM.totalMs / 1000} s (best warm ${(best(totalsOf(row.result)) / 1000).toFixed(2)} s), ` +
    `peak RSS ${row.result.peakRssMb.toFixed(0)} MB ${small ? '<' : '≥'} ${AIM.rssMb} MB${hint}`
  );
}

/** Where a row's peak RSS was reached: before the digest (the process's fixed cost), while computing it, or rendering and after. */
function rssShares(row: Row): string {
  const highWater = (at: string) => row.result.memory.find((mark) => mark.at === at)?.maxRssMb ?? 0;
  const before = highWater('1st query');
  const compute = highWater('compute') - before;
  const after = row.result.peakRssMb - before - compute;
  return (
    `peak RSS of the ${count(row.leads)}-lead run, ${row.result.peakRssMb.toFixed(0)} MB: ${before.toFixed(0)} MB reached before the digest ` +
    `(Node + tsx, modules, openDatabase, first query), +${compute.toFixed(0)} MB computing it, +${after.toFixed(0)} MB rendering and in the warm runs`
  );
}

/** The compute part on PostgreSQL: on TEST_POSTGRES_URL's server, or on a throwaway one (BENCH_POSTGRES=1), stopped at the end. */
async function postgresPass(): Promise<void> {
  if (!POSTGRES) {
    console.log('PostgreSQL: skipped (BENCH_POSTGRES=1 for a throwaway server, or TEST_POSTGRES_URL for a server where the benchmark may create databases)');
    return;
  }
  let serverUrl = POSTGRES_URL;
  if (!serverUrl) {
    postgresServer = await startPostgres();
    serverUrl = postgresServer.url;
  }
  try {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    await client.end();
    console.log(`PostgreSQL ${version} at ${new URL(serverUrl).host}${postgresServer ? ' (throwaway: fsync off, as the tests run it)' : ''}; sizes ${POSTGRES_SIZES.map(count).join(', ')}`);
    const rows: Row[] = [];
    for (const leads of POSTGRES_SIZES) rows.push(await postgresSize(serverUrl, leads));
    console.log();
    console.log(`PostgreSQL ${version}, compute only (rendering does not touch the database); cold / best of ${RUNS}`);
    console.log(resultsTable(rows, false));
  } finally {
    postgresServer?.stop();
    postgresServer = undefined;
  }
}

async function main(): Promise<number> {
  const cpus = os.cpus();
  console.log('leadops weekly funnel digest benchmark');
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}, ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown model'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM`);
  // Other work on the machine shows up in every figure below; the load average says whether there was any.
  console.log(`load average before the run: ${os.loadavg().map((load) => load.toFixed(2)).join(', ')} (1, 5, 15 min)`);
  console.log(`sizes ${SIZES.map(count).join(', ')} leads over ${WEEKS} weeks in one workspace (${WORKSPACE.timeZone}, ${WORKSPACE.locale}); digest for ${NOW.toISOString()}; ${RUNS} runs each (first cold)`);
  console.log();

  const rows: Row[] = [];
  for (const leads of SIZES) rows.push(await sqliteSize(leads));
  console.log();
  console.log(`SQLite (better-sqlite3), ${RUNS} runs per size; cold / best of the runs`);
  console.log(resultsTable(rows, true));
  console.log('* seeding (migrations, indexes kept up while inserting): not part of the aim. open: openDatabase() with its migration check, once per process, not part of the digest.');
  console.log('  total = compute (SQL aggregates + model + message) + render (charts to PNG); peak RSS: the measuring process, start to end.');
  console.log(verdict(rows));
  console.log(rssShares(rows.reduce((largest, row) => (row.leads > largest.leads ? row : largest))));
  console.log(`load average after the run: ${os.loadavg().map((load) => load.toFixed(2)).join(', ')}`);

  console.log();
  await postgresPass();
  return 0;
}

process.exitCode = await main();
