import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { IANAZone } from 'luxon';
import { ConfigError, loadDigestDefaults } from '../config.js';
import { seedDemo } from '../demo/seed-demo.js';
import { computeFunnel } from '../domain/funnel.js';
import { dayRange } from '../domain/periods.js';
import { renderCharts, type DigestDraft } from '../digests/publish.js';
import { funnelDraft, goalsDraft, overdueDraft } from '../digests/drafts.js';
import { displayNames } from '../store/members.js';
import { openDatabase, type Database } from '../store/database.js';
import { funnelReached, medianDaysPerStage } from '../store/metrics.js';
import { recentRuns } from '../jobs/ledger.js';

const USAGE = `leadops <command>

  seed-demo [--team T0DEMO] [--leads 600] [--time-zone Asia/Shanghai] [--locale zh|en] [--date YYYY-MM-DD]
      fill the database with a realistic demo team (replaces that workspace's data);
      its six months end today, or on --date
  digest <weekly|overdue|goals> --dry-run --out DIR [--team T] [--date YYYY-MM-DD]
      write the digest's message JSON and chart PNGs to DIR instead of posting it
  report funnel --from YYYY-MM-DD --to YYYY-MM-DD [--format json|csv] [--team T]
      print the funnel metrics of the leads acquired in those days
  jobs [--team T] [--limit 20]
      the scheduled digests' recent runs: posted, late, failed, and why

The database is DATABASE_URL (default file:./data/leadops.db); the weekly digest covers
FUNNEL_WINDOW_WEEKS of leads (default 13), as the bot's does.`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

async function workspaceOf(database: Database, team: string | undefined) {
  if (team) {
    const workspace = await database.db.workspace.findUnique({ where: { id: team } });
    return workspace ?? fail(`no workspace ${team} in this database`);
  }
  const all = await database.db.workspace.findMany({ take: 10 });
  if (all.length === 1) return all[0]!;
  if (all.length === 0) return fail('the database has no workspace yet: run `leadops seed-demo`, or use the bot in Slack first');
  return fail(`several workspaces here (${all.map((w) => w.id).join(', ')}): pick one with --team`);
}

function dateOption(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(`${value}T12:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) ? date : fail(`--${name} must be YYYY-MM-DD`);
}

async function seedDemoCommand(database: Database, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      team: { type: 'string', default: 'T0DEMO' },
      leads: { type: 'string', default: '600' },
      'time-zone': { type: 'string', default: 'Asia/Shanghai' },
      locale: { type: 'string', default: 'zh' },
      date: { type: 'string' },
    },
  });
  const leads = Number(values.leads);
  if (!Number.isInteger(leads) || leads < 1) fail('--leads must be a positive whole number');
  if (!IANAZone.isValidZone(values['time-zone']!)) fail('--time-zone must be an IANA zone such as Asia/Shanghai');
  if (values.locale !== 'zh' && values.locale !== 'en') fail('--locale must be zh or en');
  const now = dateOption(values.date, 'date') ?? new Date();
  const result = await seedDemo(database.db, { workspaceId: values.team!, timeZone: values['time-zone']!, locale: values.locale, now, leads });
  console.log(`seeded ${result.leads} demo leads into workspace ${values.team}`);
}

async function digestCommand(database: Database, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false }, out: { type: 'string' }, team: { type: 'string' }, date: { type: 'string' } } });
  const [kind] = positionals;
  if (kind !== 'weekly' && kind !== 'overdue' && kind !== 'goals') fail('digest: which one? weekly, overdue or goals');
  if (!values['dry-run'] || !values.out) fail('digest: only --dry-run --out DIR is available from the command line; the bot posts digests on schedule');
  const workspace = await workspaceOf(database, values.team);
  const now = dateOption(values.date, 'date') ?? new Date();
  const target = { id: workspace.id, timeZone: workspace.timeZone, locale: workspace.locale === 'zh' ? ('zh' as const) : ('en' as const), currency: workspace.currency };
  // Without Slack, chart labels are the names the bot last saw, or user ids.
  const names = (userIds: string[]) => displayNames(database.db, workspace.id, userIds, now);
  const draft: DigestDraft =
    kind === 'weekly' ? await funnelDraft(database, target, now, { windowWeeks: loadDigestDefaults().funnelWindowWeeks }) : kind === 'overdue' ? await overdueDraft(database, target, now, names) : await goalsDraft(database, target, now, names);
  const out = path.resolve(values.out);
  mkdirSync(out, { recursive: true });
  const rendered = await renderCharts(draft);
  for (const chart of rendered) writeFileSync(path.join(out, chart.filename), chart.png);
  const images = Object.fromEntries(rendered.map((chart) => [chart.chart.name, `file:${chart.filename}`]));
  writeFileSync(path.join(out, `${draft.fileStem}.json`), `${JSON.stringify(draft.message({ images }), null, 2)}\n`);
  console.log(`wrote ${draft.fileStem}.json and ${rendered.length} chart(s) to ${out}`);
}

async function reportCommand(database: Database, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', default: 'json' }, team: { type: 'string' } } });
  if (positionals[0] !== 'funnel') fail('report: which one? funnel');
  if (!values.from || !values.to) fail('report funnel needs --from YYYY-MM-DD --to YYYY-MM-DD');
  if (values.format !== 'json' && values.format !== 'csv') fail('--format must be json or csv');
  const workspace = await workspaceOf(database, values.team);
  const period = dayRange(values.from, values.to, workspace.timeZone) ?? fail('--from and --to must be YYYY-MM-DD, --from not after --to');
  const funnel = computeFunnel(await funnelReached(database.db, workspace.id, period));
  const medians = await medianDaysPerStage(database.db, database.provider, workspace.id, period);
  const stages = funnel.steps.map((step) => ({
    stage: step.stage,
    reached: step.reached,
    shareOfAcquired: round(step.shareOfAcquired),
    conversionFromPrevious: step.conversionFromPrevious === undefined ? null : round(step.conversionFromPrevious),
    dropOff: step.dropOff === undefined ? null : round(step.dropOff),
    medianDaysInStage: medians[step.stage] ?? null,
  }));
  if (values.format === 'csv') {
    process.stdout.write(stringify(stages, { header: true, columns: Object.keys(stages[0]!) }));
    return;
  }
  console.log(JSON.stringify({ workspace: workspace.id, period: period.label, timeZone: workspace.timeZone, acquired: funnel.acquired, won: funnel.won, conversionRate: round(funnel.conversionRate), bottleneck: funnel.bottleneck ?? null, stages }, null, 2));
}

async function jobsCommand(database: Database, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { team: { type: 'string' }, limit: { type: 'string', default: '20' } } });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) fail('--limit must be a positive whole number');
  const runs = await recentRuns(database.db, { workspaceId: values.team, limit });
  if (runs.length === 0) {
    console.log('no digest runs yet');
    return;
  }
  const rows = runs.map((run) => [
    run.claimedAt.toISOString().slice(0, 16).replace('T', ' '),
    run.workspaceId,
    run.job,
    run.periodKey,
    run.status + (run.late ? ' (late)' : ''),
    String(run.attempts),
    run.channelId ?? '',
    run.error ?? '',
  ]);
  const header = ['claimed (UTC)', 'workspace', 'digest', 'period', 'status', 'tries', 'channel', 'note'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const commands: Record<string, (database: Database, args: string[]) => Promise<void>> = {
    'seed-demo': seedDemoCommand,
    digest: digestCommand,
    report: reportCommand,
    jobs: jobsCommand,
  };
  const run = command ? commands[command] : undefined;
  if (!run) {
    console.log(USAGE);
    return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
  let database: Database | undefined;
  try {
    database = await openDatabase(process.env.DATABASE_URL?.trim() || 'file:./data/leadops.db');
    await run(database, rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`leadops ${command}: ${(error as Error).message}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`leadops ${command}: ${error.problems.join('; ')}`);
      return 2;
    }
    throw error;
  } finally {
    await database?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
