/**
 * How long leadops takes to acknowledge `/lead advance <number>`, next to a bare Bolt app
 * that only acks, under the same load. Both apps run in this process, on a fake Slack Web
 * API, leadops on a fresh SQLite database; a child process (bench/load-generator.ts) sends
 * correctly signed slash commands at a fixed concurrency and times each one until its
 * response body has been read.
 *
 *   npm run bench:commands [-- <requests>]
 *   BENCH_REQUESTS=5000 BENCH_CONCURRENCY=32 BENCH_WARMUP=200 npm run bench:commands
 *
 * Exits 1 if any request failed or the database does not hold exactly the advances acked.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { pino } from 'pino';
import { EVENTS_PATH, startSlackApp, type RunningSlackApp } from '../src/slack/app.js';
import { appServices, type AppServices } from '../src/slack/services.js';
import { openDatabase, type Database } from '../src/store/database.js';
import { createLead } from '../src/store/leads.js';
import { FAKE_BOT, FAKE_TEAM, FakeSlack } from '../src/playground/fake-slack.js';
import type { LoadJob, LoadResult, Outcome, PhaseResult } from './load-generator.js';

const SIGNING_SECRET = '5f1c0de0a1b2c3d4e5f60718293a4b5c';
const BOT_TOKEN = 'xoxb-bench-token';
const OWNER = 'U0MEI';
/** Slack's acknowledgement deadline. */
const SLACK_ACK_LIMIT_MS = 3000;
/** "Far under" the deadline: a tenth of it, leaving room for Slack's side and the network. */
const FAR_UNDER_MS = SLACK_ACK_LIMIT_MS / 10;
/** The aim: leadops' p99 no more than this many times the bare app's. */
const AIM_RATIO = 2;
/** Acquired → Contacted → Discovery → Proposal → Negotiation: a fifth advance is refused. */
const ADVANCES_PER_LEAD = 4;

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a positive integer, not ${JSON.stringify(value)}`);
  return number;
}

const cliRequests = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const REQUESTS = positiveInteger('the request count', cliRequests ?? process.env.BENCH_REQUESTS, 2000);
const CONCURRENCY = positiveInteger('BENCH_CONCURRENCY', process.env.BENCH_CONCURRENCY, 16);
const WARMUP = positiveInteger('BENCH_WARMUP', process.env.BENCH_WARMUP, 100);

// ---------------------------------------------------------------------------------------
// The two apps

/** The baseline: Bolt's HTTP receiver, signature check and middleware chain, then ack(). */
async function startBareApp(slackApiUrl: string): Promise<{ eventsUrl: string; stop(): Promise<void> }> {
  const app = new App({
    token: BOT_TOKEN,
    // With both ids Bolt skips auth.test; without them it would call it before listeners run.
    botId: FAKE_BOT.botId,
    botUserId: FAKE_BOT.userId,
    receiver: new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: EVENTS_PATH, logLevel: LogLevel.ERROR }),
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/lead', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  return { eventsUrl: `http://127.0.0.1:${port}${EVENTS_PATH}`, stop: () => app.stop().then(() => undefined) };
}

/** The real thing, configured as test/support/test-app.ts does. */
async function startLeadops(database: Database, slackApiUrl: string): Promise<{ services: AppServices; running: RunningSlackApp; eventsUrl: string }> {
  const services = appServices(database, { defaults: { timeZone: 'Asia/Shanghai', locale: 'en' }, logger: pino({ level: 'silent' }) });
  const running = await startSlackApp(
    { mode: { kind: 'http', botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' }, slackApiUrl, retryConfig: { retries: 0 } },
    services,
  );
  return { services, running, eventsUrl: `http://127.0.0.1:${running.port}${EVENTS_PATH}` };
}

/**
 * Open leads to advance, acquired over the last month so their numbers look like a real
 * team's. Request i goes to lead i mod count, so every lead is advanced at most four
 * times (never refused) and two requests in flight at once practically never touch one lead:
 * the same lead comes round again only `count` requests later, and `count` is kept well
 * above the concurrency.
 */
async function seedLeads(services: AppServices, total: number): Promise<string[]> {
  const count = Math.max(Math.ceil(total / ADVANCES_PER_LEAD), 4 * CONCURRENCY);
  const workspace = await services.workspaces.get(FAKE_TEAM.id);
  const numbers: string[] = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const acquiredAt = new Date(now - (i % 30) * 86_400_000 - i * 1000);
    const { lead } = await createLead(services.db, workspace, { name: `Bench Customer ${i + 1}`, sourceChannel: 'website', ownerId: OWNER, acquiredAt }, { byId: OWNER, at: acquiredAt, via: 'system' });
    numbers.push(lead.number);
  }
  return numbers;
}

// ---------------------------------------------------------------------------------------
// Load, in a child process

async function runLoad(job: LoadJob): Promise<LoadResult> {
  // fork() passes on this process's execArgv, i.e. tsx's loader, so the child can be TypeScript too.
  const child = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`load generator exited (${signal ?? code}) without a result`)));
  });
  child.send(job);
  const loadResult = await result;
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  return loadResult;
}

// ---------------------------------------------------------------------------------------
// Figures

interface Summary {
  name: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
}

/** Nearest-rank percentile: the smallest latency that at least q of the requests beat or matched. */
function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function summarize(name: string, phase: PhaseResult): Summary {
  const sorted = [...phase.latencies].sort((a, b) => a - b);
  const requests = Object.values(phase.outcomes).reduce((sum, n) => sum + n, 0);
  return {
    name,
    requests,
    errors: phase.outcomes.error ?? 0,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    perSecond: requests / (phase.wallMs / 1000),
  };
}

function table(rows: Summary[]): string {
  const header = ['app', 'requests', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'req/s'];
  const cells = rows.map((row) => [
    row.name,
    String(row.requests),
    String(row.errors),
    row.p50.toFixed(2),
    row.p95.toFixed(2),
    row.p99.toFixed(2),
    row.max.toFixed(2),
    row.perSecond.toFixed(0),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (values: string[]) => values.map((value, column) => (column === 0 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}

const describeOutcomes = (outcomes: Partial<Record<Outcome, number>>) =>
  Object.entries(outcomes)
    .map(([outcome, count]) => `${outcome} ${count}`)
    .join(', ');

// ---------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const cpus = os.cpus();
  console.log(`leadops /lead advance benchmark`);
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}, ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown model'})`);
  // Other work on the machine shows up in every figure below; the load average says whether there was any.
  console.log(`load average before the run: ${os.loadavg().map((load) => load.toFixed(2)).join(', ')} (1, 5, 15 min)`);
  console.log(`${REQUESTS} measured requests per app after ${WARMUP} warm-up, ${CONCURRENCY} in flight; client in a child process`);

  const cleanup: Array<() => Promise<void> | void> = [];
  try {
    const fake = await new FakeSlack().start();
    cleanup.unshift(() => fake.stop());

    const dir = mkdtempSync(path.join(os.tmpdir(), 'leadops-bench-'));
    cleanup.unshift(() => rmSync(dir, { recursive: true, force: true }));
    const database = await openDatabase(`file:${path.join(dir, 'leadops.db')}`);
    cleanup.unshift(() => database.close());

    const leadops = await startLeadops(database, fake.apiUrl);
    cleanup.unshift(() => leadops.running.stop());
    const bare = await startBareApp(fake.apiUrl);
    cleanup.unshift(() => bare.stop());

    const total = WARMUP + REQUESTS;
    let started = performance.now();
    const numbers = await seedLeads(leadops.services, total);
    console.log(`seeded ${numbers.length} leads through the store in ${((performance.now() - started) / 1000).toFixed(1)} s (SQLite in ${dir})`);
    const texts = Array.from({ length: total }, (_, i) => `advance ${numbers[i % numbers.length]!}`);
    const stageChangesBefore = await database.db.activity.count({ where: { kind: 'stage' } });
    fake.clear();

    const job = { signingSecret: SIGNING_SECRET, responseUrl: fake.responseUrl('bench'), texts, warmup: WARMUP, concurrency: CONCURRENCY };
    // The bare app first, so that leadops' database work cannot warm anything it uses.
    started = performance.now();
    const bareResult = await runLoad({ ...job, eventsUrl: bare.eventsUrl, expect: 'ack' });
    const leadopsResult = await runLoad({ ...job, eventsUrl: leadops.eventsUrl, expect: 'advance' });
    console.log(`load ran in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const rows = [summarize('bare Bolt (ack only)', bareResult.measured), summarize('leadops', leadopsResult.measured)];
    console.log();
    console.log(table(rows));
    console.log();

    const [bareRow, leadopsRow] = rows as [Summary, Summary];
    const ratio = leadopsRow.p99 / bareRow.p99;
    const withinRatio = ratio <= AIM_RATIO;
    const farUnder = leadopsRow.p99 <= FAR_UNDER_MS;
    console.log(`leadops p99 / bare p99 = ${leadopsRow.p99.toFixed(2)} / ${bareRow.p99.toFixed(2)} ms = ${ratio.toFixed(2)}×`);
    console.log(
      `aim "p99 within ${AIM_RATIO}× of the bare app and far under Slack's 3-second ack limit" (≤ ${FAR_UNDER_MS} ms): ` +
        (withinRatio && farUnder
          ? 'HOLDS'
          : `DOES NOT HOLD (${withinRatio ? 'within' : 'over'} ${AIM_RATIO}×; p99 ${farUnder ? 'far under' : 'not far under'} ${SLACK_ACK_LIMIT_MS} ms)`),
    );
    // A closed loop keeps the apps saturated, so by Little's law latency ≈ concurrency ÷ throughput:
    // comparing the two apps' latencies mostly compares what one request costs each on its one thread.
    console.log(
      `(closed loop at saturation: latency ≈ ${CONCURRENCY} in flight × time per request, ` +
        `${(1000 / bareRow.perSecond).toFixed(2)} ms bare and ${(1000 / leadopsRow.perSecond).toFixed(2)} ms leadops)`,
    );
    console.log();
    console.log(`replies, bare:    warm-up ${describeOutcomes(bareResult.warmup.outcomes)}; measured ${describeOutcomes(bareResult.measured.outcomes)}`);
    console.log(`replies, leadops: warm-up ${describeOutcomes(leadopsResult.warmup.outcomes)}; measured ${describeOutcomes(leadopsResult.measured.outcomes)}`);

    // The proof that leadops did the work: every acknowledged advance left exactly one
    // stage entry in the journal (and nothing else did: the bare app has no database).
    const advancesAcked = (leadopsResult.warmup.outcomes.advanced ?? 0) + (leadopsResult.measured.outcomes.advanced ?? 0);
    const stageChangesMade = (await database.db.activity.count({ where: { kind: 'stage' } })) - stageChangesBefore;
    const workDone = stageChangesMade === advancesAcked;
    console.log(
      `work check: ${stageChangesMade} stage changes written during the run, ${advancesAcked} advances acknowledged ` +
        `(warm-up + measured): ${workDone ? 'equal ✓' : 'MISMATCH ✗'}`,
    );
    const apiCalls = fake.calls.map((call) => call.method);
    console.log(`Slack seen by the apps during the run: ${apiCalls.length} Web API calls${apiCalls.length ? ` (${[...new Set(apiCalls)].join(', ')})` : ''}, ${fake.responses.length} response_url posts`);

    const failures = [...bareResult.warmup.failures, ...bareResult.measured.failures, ...leadopsResult.warmup.failures, ...leadopsResult.measured.failures];
    for (const failure of failures.slice(0, 10)) console.log(`  failed: ${failure}`);
    const errors = [bareResult.warmup, bareResult.measured, leadopsResult.warmup, leadopsResult.measured].reduce((sum, phase) => sum + (phase.outcomes.error ?? 0), 0);
    return errors === 0 && workDone ? 0 : 1;
  } finally {
    for (const step of cleanup) await step();
  }
}

process.exitCode = await main();
