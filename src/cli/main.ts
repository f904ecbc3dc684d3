import { closeSync, createWriteStream, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { DateTime, IANAZone } from 'luxon';
import { exportLeads, type ExportFormat } from '../app/export.js';
import { importLeads } from '../app/import.js';
import { activityOf } from '../app/leads.js';
import { changeScoringWeights, conversionByTier, scoringRules } from '../app/scoring.js';
import { teamSettings } from '../app/settings.js';
import type { Caller } from '../app/caller.js';
import { majorUnits } from '../domain/amount.js';
import { ImportInterrupted, InvalidScoringRules, LeadNotFound } from '../domain/errors.js';
import { DERIVED_FIELDS, encodePatch, fieldsOf } from '../domain/journal.js';
import { isHeaderRow, matchHeaders, SHEET_COLUMNS } from '../domain/lead-sheet.js';
import { OWNER_MAPPING_HEADERS, ownerMappingColumns, readOwnerMapping } from '../domain/owner-directory.js';
import { parseLeadNumber } from '../domain/lead-number.js';
import { openCsvSheet, readCsvSheet, UnreadableSheet } from '../sheets/csv-sheet.js';
import { sheetFormatOf } from '../sheets/read-sheet.js';
import { openXlsxSheet } from '../sheets/xlsx-sheet.js';
import { importProgress } from './import-progress.js';
import {
  importReportText,
  missingColumnsMessage,
  ownerMappingHeadersMessage,
  ownerMappingIncompleteMessage,
  repeatedColumnsMessage,
  sheetSummary,
  UNREADABLE_FILE,
  UNREADABLE_PART_WAY,
  unknownColumnsMessage,
  unnamedColumnsMessage,
} from './import-report.js';
import { ConfigError, loadDigestDefaults } from '../config.js';
import { seedDemo } from '../store/demo-seed.js';
import { computeFunnel } from '../domain/funnel.js';
import { dayRange, type Period } from '../domain/periods.js';
import { CHANNEL_DIMENSIONS, MIN_LEADS_TO_JUDGE, parseDimension } from '../domain/channel-metrics.js';
import { channelReportModel } from '../digests/channel-report.js';
import { renderCharts } from '../digests/charts.js';
import { funnelDraft, goalsDraft, overdueDraft, type DigestDraft } from '../digests/drafts.js';
import { digestMessage } from '../slack/blocks/digest-message.js';
import { displayNames } from '../store/members.js';
import { openDatabase, type Database } from '../store/database.js';
import { recentRuns } from '../store/job-runs.js';
import { funnelReached, medianDaysPerStage } from '../store/metrics.js';
import { findWorkspace, someWorkspaces, type WorkspaceSettings } from '../store/workspaces.js';

const USAGE = `leadops <command>

  seed-demo [--team T0DEMO] [--leads 600] [--time-zone Asia/Shanghai] [--locale zh|en] [--date YYYY-MM-DD]
      fill the database with a realistic demo team (replaces that workspace's data);
      its six months end today, or on --date
  digest <weekly|overdue|goals> --dry-run --out DIR [--team T] [--date YYYY-MM-DD]
      write the digest's message JSON and chart PNGs to DIR instead of posting it
  report funnel --from YYYY-MM-DD --to YYYY-MM-DD [--format json|csv] [--team T]
      print the funnel metrics of the leads acquired in those days
  report channels --from YYYY-MM-DD --to YYYY-MM-DD [--by channel|campaign|content|industry|owner] [--format json|csv] [--team T]
      where the money works: per group its leads, won, conversion, cost (null where none
      was recorded), revenue, cost per lead, CAC and ROI, best return first
  report scoring [--format json|csv|text] [--team T]
      each score tier's leads, won, win rate and its 95% Wilson interval, and whether
      the high and low tiers are told apart
  jobs [--team T] [--limit 20]
      the scheduled digests' recent runs: posted, late, failed, and why
  activity --lead NUMBER [--team T] [--format text|json]
      a lead's journal: every change, oldest first, who made it, when, through which way
      in, and each field from what to what
  config show [--team T]
      the team's settings as /lead config shows them, as JSON
  config scoring [--set JSON | --reset] [--team T]
      the team's lead-scoring weights, tiers and MQL threshold; --set takes a partial
      JSON over the defaults (e.g. '{"mqlThreshold":70}') and rescores every lead
  import FILE [--sheet NAME] [--team T] [--dry-run] [--strict] [--owners mapping.csv]
      bring a lead tracking sheet in (CSV: UTF-8 or GBK, comma, semicolon or tab separated;
      or .xlsx: its first sheet, or --sheet NAME; headers in 中文 or English); a lead
      number the team has is updated to the sheet (one journal entry) or left as it is
      when nothing changed; --dry-run writes nothing and says what would be created and
      updated; exit code 1 when some rows were refused, each listed with its line and why;
      --strict writes nothing then. Owners are matched by Slack user id or the name of a
      member the bot knows; --owners maps the sheet's names (first column) to Slack user
      ids (second). An owner naming nobody, or several, is listed, and its new leads go in
      unassigned, to the team pool
  export [--team T] [--lang zh|en] [--from YYYY-MM-DD --to YYYY-MM-DD] [--format csv|xlsx] [--out FILE]
      take every lead out as the tracking sheet import reads (its columns, then stage and
      score), headers in 中文 or English (the team's language by default), only the leads
      acquired in those days with --from/--to; CSV (UTF-8 with a BOM, for Excel) on stdout
      without --out; an .xlsx needs --out; --format follows --out's extension by default

The database is DATABASE_URL (default file:./data/leadops.db); the weekly digest covers
FUNNEL_WINDOW_WEEKS of leads (default 13), as the bot's does.`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

async function workspaceOf(database: Database, team: string | undefined): Promise<WorkspaceSettings> {
  if (team) return (await findWorkspace(database.db, team)) ?? fail(`no workspace ${team} in this database`);
  const all = await someWorkspaces(database.db, 10);
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
  const target = { id: workspace.id, timeZone: workspace.timeZone, locale: workspace.locale, currency: workspace.currency, followUp: workspace.followUp };
  // Without Slack, chart labels are the names the bot last saw, or user ids.
  const names = (userIds: string[]) => displayNames(database.db, workspace.id, userIds, now);
  const draft: DigestDraft =
    kind === 'weekly' ? await funnelDraft(database, target, now, { windowWeeks: loadDigestDefaults().funnelWindowWeeks }) : kind === 'overdue' ? await overdueDraft(database, target, now, names) : await goalsDraft(database, target, now, names);
  const out = path.resolve(values.out);
  mkdirSync(out, { recursive: true });
  const rendered = await renderCharts(draft);
  for (const chart of rendered) writeFileSync(path.join(out, chart.filename), chart.png);
  const images = Object.fromEntries(rendered.map((chart) => [chart.chart.name, `file:${chart.filename}`]));
  writeFileSync(path.join(out, `${draft.fileStem}.json`), `${JSON.stringify(digestMessage(draft, { images }), null, 2)}\n`);
  console.log(`wrote ${draft.fileStem}.json and ${rendered.length} chart(s) to ${out}`);
}

async function reportCommand(database: Database, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', default: 'json' }, team: { type: 'string' }, by: { type: 'string' } } });
  const report = positionals[0];
  if (report === 'scoring') return scoringReportCommand(database, values);
  if (report !== 'funnel' && report !== 'channels') fail('report: which one? funnel, channels or scoring');
  if (!values.from || !values.to) fail(`report ${report} needs --from YYYY-MM-DD --to YYYY-MM-DD`);
  if (values.format !== 'json' && values.format !== 'csv') fail('--format must be json or csv');
  const workspace = await workspaceOf(database, values.team);
  const period = dayRange(values.from, values.to, workspace.timeZone) ?? fail('--from and --to must be YYYY-MM-DD, --from not after --to');
  if (report === 'channels') return channelsReport(database, workspace, period, values.by, values.format);
  if (values.by !== undefined) fail('--by is for report channels');
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

/** Money in major units as a JSON number (exact to the cent up to MAX_AMOUNT), or null where there is none. */
function money(minor: bigint | undefined): number | null {
  return minor === undefined ? null : Number(majorUnits(minor));
}

/** Seed 004's table 2 as data: one object per group, as /lead channels shows it, for a sheet or a script. */
async function channelsReport(database: Database, workspace: WorkspaceSettings, period: Period, byText: string | undefined, format: 'json' | 'csv'): Promise<void> {
  const by = byText === undefined ? 'channel' : (parseDimension(byText) ?? fail(`--by must be one of ${CHANNEL_DIMENSIONS.join(', ')}`));
  const now = new Date();
  const model = await channelReportModel(database, workspace, period, by, (userIds) => displayNames(database.db, workspace.id, userIds, now));
  const groups = model.groups.map((group) => ({
    name: group.name || null,
    key: group.key || null,
    leads: group.leads,
    won: group.won,
    conversion: round(group.conversion),
    costRecorded: group.costRecorded,
    cost: group.costRecorded ? money(group.costMinor) : null,
    revenue: money(group.revenueMinor),
    costPerLead: money(group.costPerLeadMinor),
    cac: money(group.cacMinor),
    roi: group.roi === undefined ? null : round(group.roi),
    medianDaysToWin: group.medianDaysToWin === undefined ? null : round(group.medianDaysToWin),
    suggestion: group.suggestion,
  }));
  if (format === 'csv') {
    const columns = ['name', 'key', 'leads', 'won', 'conversion', 'costRecorded', 'cost', 'revenue', 'costPerLead', 'cac', 'roi', 'medianDaysToWin', 'suggestion'];
    process.stdout.write(stringify(groups, { header: true, columns, cast: { boolean: (value) => String(value) } }));
    return;
  }
  const { total } = model;
  console.log(
    JSON.stringify(
      {
        workspace: workspace.id,
        period: period.label,
        timeZone: workspace.timeZone,
        currency: workspace.currency,
        by,
        minLeadsToJudge: MIN_LEADS_TO_JUDGE,
        total: { leads: total.leads, won: total.won, conversion: round(total.conversion), costRecorded: total.costRecorded, cost: total.costRecorded ? money(total.costMinor) : null, revenue: money(total.revenueMinor), roi: total.roi === undefined ? null : round(total.roi) },
        groups,
      },
      null,
      2,
    ),
  );
}

/** The command line is run by whoever holds the database: it acts as an admin would. */
function cliCaller(workspace: WorkspaceSettings): Caller {
  return { workspace, userId: 'cli', role: 'admin', now: new Date(), via: 'cli' };
}

async function scoringReportCommand(database: Database, values: { format?: string; team?: string }): Promise<void> {
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'csv' && format !== 'text') fail('--format must be json, csv or text');
  const workspace = await workspaceOf(database, values.team);
  const { rules, report } = await conversionByTier(cliCaller(workspace), database.db);
  const lowest = { high: rules.tiers.high, medium: rules.tiers.medium, low: 0 } as const;
  const tiers = report.tiers.map((tier) => ({
    tier: tier.tier,
    minScore: lowest[tier.tier],
    leads: tier.leads,
    won: tier.won,
    winRate: tier.winRate === null ? null : round(tier.winRate),
    winRateLow95: tier.interval ? round(tier.interval.low) : null,
    winRateHigh95: tier.interval ? round(tier.interval.high) : null,
  }));
  if (format === 'csv') {
    process.stdout.write(stringify(tiers, { header: true, columns: Object.keys(tiers[0]!) }));
    return;
  }
  if (format === 'json') {
    console.log(JSON.stringify({ workspace: workspace.id, mqlThreshold: rules.mqlThreshold, tiers, unscored: report.unscored, toldApart: report.toldApart }, null, 2));
    return;
  }
  const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
  const rows = tiers.map((tier) => [`${tier.tier} (${tier.minScore}+)`, String(tier.leads), String(tier.won), percent(tier.winRate), tier.winRateLow95 === null ? '—' : `${percent(tier.winRateLow95)} – ${percent(tier.winRateHigh95)}`]);
  const header = ['tier', 'leads', 'won', 'win rate', '95% interval (Wilson)'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  console.log(report.toldApart ? 'high and low are told apart: their intervals do not overlap' : 'high and low are not told apart: their intervals overlap (or a tier has no leads)');
  if (report.unscored > 0) console.log(`${report.unscored} lead(s) not scored yet`);
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

/** A journal value as plain text: dates in the team's zone, money in major units, tags by label. */
function plainValue(value: unknown, timeZone: string): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: timeZone }).toFormat('yyyy-LL-dd HH:mm');
  if (typeof value === 'bigint') return majorUnits(value);
  if (Array.isArray(value)) return value.map((tag: { label: string }) => tag.label).join(' / ');
  return String(value);
}

async function activityCommand(database: Database, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { lead: { type: 'string' }, team: { type: 'string' }, format: { type: 'string', default: 'text' } } });
  if (!values.lead) fail('activity: which lead? --lead 20231001001');
  if (values.format !== 'text' && values.format !== 'json') fail('--format must be text or json');
  const workspace = await workspaceOf(database, values.team);
  const caller = cliCaller(workspace);
  const number = parseLeadNumber(values.lead);
  const history = await activityOf(caller, database.db, number).catch((error: unknown) => {
    if (!(error instanceof LeadNotFound)) throw error;
    return fail(`no lead ${number} in ${workspace.id}${error.suggestions.length > 0 ? `; did you mean ${error.suggestions.join(', ')}?` : ''}`);
  });
  if (values.format === 'json') {
    const encoded = history.entries.map((entry) => ({ ...entry, before: JSON.parse(encodePatch(entry.before)) as unknown, after: JSON.parse(encodePatch(entry.after)) as unknown }));
    console.log(JSON.stringify({ lead: history.lead.number, name: history.lead.name, entries: encoded }, null, 2));
    return;
  }
  console.log(`${history.lead.number} ${history.lead.name}: ${history.entries.length} entries`);
  for (const entry of history.entries) {
    const fields = fieldsOf(entry.after).filter((field) => !DERIVED_FIELDS.has(field));
    const changes = fields.map((field) => `${field}: ${plainValue(entry.before[field], workspace.timeZone)} → ${plainValue(entry.after[field], workspace.timeZone)}`);
    const when = DateTime.fromJSDate(entry.at, { zone: workspace.timeZone }).toFormat('yyyy-LL-dd HH:mm');
    const reverts = entry.revertsId !== null ? ` (undoes #${entry.revertsId})` : '';
    console.log(`#${entry.id}  ${when}  ${entry.byId}  ${entry.via}  ${entry.kind}${reverts}  ${changes.join('; ')}${entry.note ? `  “${entry.note}”` : ''}`);
  }
}

async function configCommand(database: Database, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { team: { type: 'string' }, set: { type: 'string' }, reset: { type: 'boolean' } } });
  if (positionals[0] === 'scoring') return scoringConfigCommand(database, values);
  if (positionals[0] !== 'show') fail('config: `config show` or `config scoring` from the command line; admins change the other settings with /lead config');
  const workspace = await workspaceOf(database, values.team);
  // The command line is run by whoever holds the database: it reads as an admin would.
  const caller = cliCaller(workspace);
  console.log(JSON.stringify({ workspace: workspace.id, ...(await teamSettings(caller, database.db)) }, null, 2));
}

/**
 * The sheet importCommand reads, a chunk at a time from the file, so a sheet of a million
 * rows takes no more memory than one of a thousand: a workbook's sheet streamed from its
 * zip, a CSV read (and checked) on a thread of its own when it is big.
 */
async function openSheet(file: string, sheetName: string | undefined) {
  const head = Buffer.alloc(4);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (sheetFormatOf(file, head, sheetName) === 'xlsx') {
    const sheet = await openXlsxSheet(file, { sheet: sheetName, isHeader: isHeaderRow });
    return {
      summary: (rowsRead: number) => ({ format: 'xlsx' as const, sheetName: sheet.sheetName, sheetNames: sheet.sheetNames, rowCount: rowsRead }),
      headers: sheet.headers,
      rowCount: await sheet.countRows(),
      rows: { xlsx: sheet.source! },
    };
  }
  const sheet = await openCsvSheet(file, { isHeader: isHeaderRow });
  return {
    summary: () => ({ format: 'csv' as const, encoding: sheet.encoding, delimiter: sheet.delimiter, rowCount: sheet.rowCount }),
    headers: sheet.headers,
    rowCount: sheet.rowCount,
    rows: { csv: sheet.source },
  };
}

async function importCommand(database: Database, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { team: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, strict: { type: 'boolean', default: false }, owners: { type: 'string' }, sheet: { type: 'string' } } });
  const [file] = positionals;
  if (!file || positionals.length > 1) fail('import: which file? leadops import sheet.csv|sheet.xlsx [--sheet NAME] [--team T] [--dry-run] [--strict] [--owners mapping.csv]');
  const ownerMapping = values.owners === undefined ? undefined : readOwnerMappingFile(values.owners);
  let sheet: Awaited<ReturnType<typeof openSheet>>;
  try {
    sheet = await openSheet(file, values.sheet);
  } catch (error) {
    if (error instanceof UnreadableSheet || (error as NodeJS.ErrnoException).code?.startsWith('E')) fail(UNREADABLE_FILE(file, (error as Error).message));
    throw error;
  }
  const match = matchHeaders(sheet.headers);
  if (match.missing.length > 0) fail(missingColumnsMessage(match.missing, sheet.headers));
  const workspace = await workspaceOf(database, values.team);
  // Whoever holds the database acts as an admin would; the journal says the leads came by import.
  const caller: Caller = { ...cliCaller(workspace), via: 'import' };
  const progress = importProgress(sheet.rowCount);
  let report;
  try {
    report = await importLeads(caller, database.db, { columns: match.columns, headers: sheet.headers, rows: sheet.rows }, { dryRun: values['dry-run']!, strict: values.strict!, ownerMapping, onProgress: ({ rows }) => progress?.update(rows) });
  } catch (error) {
    progress?.stop();
    if (error instanceof ImportInterrupted) fail(`the leads from ${error.firstNumber} on kept changing while they were imported (someone working on them?): that part was not written; the rows before it are in. Run the same import again to finish the rest.`);
    // A sheet is read as it is imported: a workbook broken further down is found there.
    if (error instanceof UnreadableSheet) fail(UNREADABLE_PART_WAY(file, error.message));
    throw error;
  }
  progress?.stop();
  const header = (column: (typeof SHEET_COLUMNS)[number]['column']) => {
    const index = match.columns[column];
    return index === undefined ? SHEET_COLUMNS.find((entry) => entry.column === column)!.en : sheet.headers[index]!;
  };
  console.log(sheetSummary(file, sheet.summary(report.rowsRead)));
  if (match.unknown.length > 0) console.log(unknownColumnsMessage(match.unknown));
  if (match.repeated.length > 0) console.log(repeatedColumnsMessage(match.repeated));
  if (report.unnamedColumns.length > 0) console.log(unnamedColumnsMessage(report.unnamedColumns));
  for (const line of importReportText(report, header)) console.log(line);
  return report.refused.length > 0 ? 1 : 0;
}

/** --owners: the sheet's names for people and the Slack users they are, read as any sheet is (encoding, separator, a title row). */
function readOwnerMappingFile(file: string): Array<{ name: string; owner: string }> {
  let sheet;
  try {
    sheet = readCsvSheet(readFileSync(file), { isHeader: (cells) => ownerMappingColumns(cells) !== undefined });
  } catch (error) {
    if (error instanceof UnreadableSheet || (error as NodeJS.ErrnoException).code?.startsWith('E')) fail(UNREADABLE_FILE(file, (error as Error).message));
    throw error;
  }
  const columns = ownerMappingColumns(sheet.headers);
  if (!columns) fail(ownerMappingHeadersMessage(file, sheet.headers, OWNER_MAPPING_HEADERS));
  const { mapping, incomplete } = readOwnerMapping(columns, sheet.rows);
  if (incomplete.length > 0) fail(ownerMappingIncompleteMessage(file, incomplete));
  return mapping;
}

async function exportCommand(database: Database, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { team: { type: 'string' }, lang: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } } });
  const format = (values.format ?? (values.out && /\.xlsx$/i.test(values.out) ? 'xlsx' : 'csv')) as ExportFormat;
  if (format !== 'csv' && format !== 'xlsx') fail('--format must be csv or xlsx');
  if (format === 'xlsx' && !values.out) fail('an .xlsx is a file: give it --out FILE (CSV goes to stdout without one)');
  if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en') fail('--lang must be zh or en');
  if ((values.from === undefined) !== (values.to === undefined)) fail('--from and --to go together: --from YYYY-MM-DD --to YYYY-MM-DD');
  const workspace = await workspaceOf(database, values.team);
  const acquired = values.from && values.to ? (dayRange(values.from, values.to, workspace.timeZone) ?? fail('--from and --to must be YYYY-MM-DD, --from not after --to')) : undefined;
  const request = { format, language: values.lang as 'zh' | 'en' | undefined, acquired };
  if (!values.out) {
    try {
      const result = await exportLeads(cliCaller(workspace), database.db, request, process.stdout, { end: false });
      console.error(`exported ${result.leads} lead(s)`);
    } catch (error) {
      // `leadops export | head` closes the pipe early: the reader has what it wanted.
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
    }
    return;
  }
  const result = await exportLeads(cliCaller(workspace), database.db, request, createWriteStream(values.out));
  console.error(`exported ${result.leads} lead(s) to ${values.out}`);
}

async function scoringConfigCommand(database: Database, values: { team?: string; set?: string; reset?: boolean }): Promise<void> {
  if (values.set !== undefined && values.reset) fail('config scoring: --set or --reset, not both');
  const caller = cliCaller(await workspaceOf(database, values.team));
  if (values.set === undefined && !values.reset) {
    console.log(JSON.stringify(await scoringRules(caller, database.db), null, 2));
    return;
  }
  let override: object | null = null;
  if (values.set !== undefined) {
    try {
      override = JSON.parse(values.set) as object;
    } catch {
      fail('--set takes JSON, e.g. \'{"mqlThreshold":70}\'');
    }
    if (typeof override !== 'object' || override === null || Array.isArray(override)) fail('--set takes a JSON object');
  }
  try {
    const saved = await changeScoringWeights(caller, database.db, override);
    console.log(JSON.stringify(saved.rules, null, 2));
    console.error(saved.changed ? `saved; ${saved.rescored} lead(s) rescored` : 'unchanged');
  } catch (error) {
    if (error instanceof InvalidScoringRules) fail(error.problems.join('; '));
    throw error;
  }
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const commands: Record<string, (database: Database, args: string[]) => Promise<void | number>> = {
    'seed-demo': seedDemoCommand,
    digest: digestCommand,
    report: reportCommand,
    jobs: jobsCommand,
    activity: activityCommand,
    config: configCommand,
    import: importCommand,
    export: exportCommand,
  };
  const run = command ? commands[command] : undefined;
  if (!run) {
    console.log(USAGE);
    return command && command !== 'help' && command !== '--help' ? 2 : 0;
  }
  let database: Database | undefined;
  try {
    database = await openDatabase(process.env.DATABASE_URL?.trim() || 'file:./data/leadops.db');
    return (await run(database, rest)) ?? 0;
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
