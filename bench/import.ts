/**
 * How fast `leadops import` brings a tracking sheet in, next to only parsing the same
 * sheet (reading the CSV or workbook and every row's cells, writing nothing) in the same run, so the
 * figures read as ratios. Sheets of generated rows (seed 004's columns, 中文 headers,
 * owners by name, a fifth of the leads won or lost) are written to a temp folder; each
 * figure is taken in a child process of its own, so its peak RSS is its own. Each size is
 * imported into a fresh database, then imported again (every row unchanged).
 *
 *   npm run bench:import                      10 000 and 100 000 rows, SQLite (and PostgreSQL, below)
 *   npm run bench:import -- --rows 1000000    other sizes (repeat --rows for several)
 *   TEST_POSTGRES_URL=postgresql://… npm run bench:import   PostgreSQL on a server of yours;
 *       without it, a throwaway local one where the server is installed (as the tests do)
 *   npm run bench:import -- --no-postgres
 *   BENCH_NODE_OPTIONS=--max-old-space-size=128 npm run bench:import -- --rows 1000000   a small heap (the
 *       import's thread has it too): the import still finishes when its memory is flat in the row count
 *   npm run bench:import -- --format csv      one format only (default: CSV and .xlsx, each imported alike)
 *   npm run bench:import -- --rows 5000 --write-sheet sheet.csv    only write the sheet (sheet.xlsx: a workbook), to try `leadops import` on
 *
 * Exits 1 if an import leaves other than one lead per row, or a first import is below the
 * issue's floor (20 000 rows/s on CSV).
 */
import ExcelJS from 'exceljs';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Caller } from '../src/app/caller.js';
import { importLeads, type SheetToImport } from '../src/app/import.js';
import { isHeaderRow, matchHeaders, readSheetRow } from '../src/domain/lead-sheet.js';
import { openCsvSheet } from '../src/sheets/csv-sheet.js';
import { openXlsxSheet } from '../src/sheets/xlsx-sheet.js';
import { openDatabase } from '../src/store/database.js';
import { Workspaces } from '../src/store/workspaces.js';
import { createScratchDatabase, startPostgres, type PostgresServer } from '../test/support/postgres-server.js';
import { peakRssKib } from './peak-rss.js';

const FLOOR_ROWS_PER_SECOND = 20_000;
const AIM_ROWS_PER_SECOND = 50_000;
const WORKSPACE = 'T0BENCHIMPORT';
const OWNERS = [
  { userId: 'U0MEI', name: '韩梅梅' },
  { userId: 'U0LEI', name: '李雷' },
  { userId: 'U0WANG', name: '王芳' },
  { userId: 'U0ZHAO', name: '赵强' },
  { userId: 'U0CHEN', name: '陈静' },
];
const CHANNELS = ['抖音', '百度', '展会', '微信', '官网', 'LinkedIn', '转介绍', 'SEO'];
const CAMPAIGNS = ['抖音信息流-教育行业广告', '百度SEM-品牌词', '展会-2026上海工博会', 'LinkedIn ABM Q4', ''];
const INDUSTRIES = ['教育', '制造', '零售', '医疗', '金融', '物流'];
const REASONS = ['预算不足', '决策链长', '选择竞品', '需求不明确'];
const HEADER = '线索编号,线索名称,来源渠道,推广策略,获取时间,负责人,客户类型,客户行业,初次接触时间,需求确认时间,方案提交时间,商务谈判时间,成交时间,流失时间,流失原因（未成交）,成交金额（元）,获客成本（元）,备注'.split(',');

type Format = 'csv' | 'xlsx';
type Case = { task: 'parse' | 'import'; format: Format; provider: 'sqlite' | 'postgresql'; url: string; file: string; rows: number; again: boolean };
type Figure = { seconds: number; rowsPerSecond: number; peakRssMb: number; leads: number; report?: string };

/** A small deterministic generator, so two runs write the same sheet. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pad = (value: number) => String(value).padStart(2, '0');
const wall = (at: number) => {
  const d = new Date(at);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

/** A sheet's row as the generator makes it: times as instants (a CSV writes their wall clock, a workbook a date cell). */
type Cell = string | number | { at: number };

/** The sheet's rows, the same in every run. */
function* generatedRows(rows: number): Generator<Cell[]> {
  const rand = random(20261203);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  // 800 leads a day from 2020 on: a million rows end in 2023, so no time is in the future.
  const start = Date.UTC(2020, 0, 1, 1);
  for (let i = 0; i < rows; i++) {
    const acquired = start + Math.floor(i / 800) * 86_400_000 + (i % 800) * 60_000;
    const day = new Date(acquired).toISOString().slice(0, 10).replace(/-/g, '');
    const number = `${day}${String((i % 800) + 1).padStart(3, '0')}`;
    // A lead's fate: most still open at some stage, a tenth won, a tenth lost.
    const fate = rand();
    const reached = fate < 0.8 ? Math.floor(fate * 6.25) : 4;
    const stageTimes = [1, 2, 3, 4].map((step): Cell => (step <= reached ? { at: acquired + step * 2 * 86_400_000 } : ''));
    const won: Cell = fate >= 0.8 && fate < 0.9 ? { at: acquired + 12 * 86_400_000 } : '';
    const lost: Cell = fate >= 0.9 ? { at: acquired + 11 * 86_400_000 } : '';
    const owner = rand() < 0.5 ? pick(OWNERS).name : pick(OWNERS).userId;
    yield [
      number,
      `${pick(INDUSTRIES)}客户${i}号有限公司`,
      pick(CHANNELS),
      pick(CAMPAIGNS),
      { at: acquired },
      owner,
      rand() < 0.8 ? '企业客户' : '个人客户',
      pick(INDUSTRIES),
      ...stageTimes,
      won,
      lost,
      lost ? pick(REASONS) : '',
      won ? 10_000 + Math.floor(rand() * 90) * 1000 : '',
      200 + Math.floor(rand() * 800),
      rand() < 0.1 ? '客户要求下周回电' : '',
    ];
  }
}

/** The sheet as CSV, written a chunk at a time: a million rows are some 150 MB of text. */
async function writeCsvSheet(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(`\uFEFF${HEADER.join(',')}\n`);
  const text = (cell: Cell) => (typeof cell === 'object' ? wall(cell.at) : typeof cell === 'number' && cell >= 10_000 ? `"${cell.toLocaleString('en-US')}"` : String(cell));
  let chunk: string[] = [];
  for (const row of generatedRows(rows)) {
    chunk.push(row.map(text).join(','));
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  out.end(chunk.length > 0 ? `${chunk.join('\n')}\n` : '');
  await once(out, 'finish');
}

/** The same rows as the workbook Excel saves: shared strings, date cells in a date format, amounts as numbers. */
async function writeXlsxSheet(file: string, rows: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = book.addWorksheet('线索跟踪表');
  sheet.addRow(HEADER).commit();
  for (const cells of generatedRows(rows)) {
    // A date cell holds the wall clock; exceljs writes a Date's UTC fields as that clock.
    const row = sheet.addRow(cells.map((cell) => (typeof cell === 'object' ? new Date(cell.at) : cell)));
    cells.forEach((cell, index) => {
      if (typeof cell === 'object') row.getCell(index + 1).numFmt = 'yyyy-mm-dd hh:mm';
    });
    row.commit();
  }
  sheet.commit();
  await book.commit();
}

function writeSheet(file: string, rows: number): Promise<void> {
  return file.endsWith('.xlsx') ? writeXlsxSheet(file, rows) : writeCsvSheet(file, rows);
}

/** In the child: one figure. */
async function runCase(job: Case): Promise<Figure> {
  const started = performance.now();
  let leads = 0;
  let report: string | undefined;
  if (job.task === 'parse') {
    // As the command line reads a sheet: a chunk at a time, each row's cells read as the import reads them.
    const sheet = await openSheet(job);
    const { columns } = matchHeaders(sheet.headers);
    const context = { timeZone: 'Asia/Shanghai', now: new Date() };
    for await (const row of sheet.rows()) if (readSheetRow(row.cells, columns, context).ok) leads++;
  } else {
    const database = await openDatabase(job.url);
    try {
      const workspace = await new Workspaces(database.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(WORKSPACE);
      if (!job.again) {
        const fetchedAt = new Date();
        await database.db.member.createMany({ data: OWNERS.map((owner) => ({ workspaceId: WORKSPACE, userId: owner.userId, name: owner.name, fetchedAt })) });
      }
      const timed = performance.now();
      const sheet = await openSheet(job);
      const { columns } = matchHeaders(sheet.headers);
      const caller: Caller = { workspace, userId: 'cli', role: 'admin', now: new Date(), via: 'import' };
      const result = await importLeads(caller, database.db, { columns, rows: sheet.toImport }, { dryRun: false });
      const seconds = (performance.now() - timed) / 1000;
      report = `${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.refused.length} refused`;
      leads = await database.db.lead.count({ where: { workspaceId: WORKSPACE } });
      return { seconds, rowsPerSecond: job.rows / seconds, peakRssMb: peakRssKib() / 1024, leads, report };
    } finally {
      await database.close();
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, rowsPerSecond: job.rows / seconds, peakRssMb: peakRssKib() / 1024, leads, report };
}

/** The sheet opened as `leadops import` opens it: a CSV checked on a thread, a workbook's sheet streamed from its zip. */
async function openSheet(job: Case): Promise<{ headers: string[]; rows(): AsyncIterable<{ cells: string[] }>; toImport: SheetToImport['rows'] }> {
  if (job.format === 'xlsx') {
    const sheet = await openXlsxSheet(job.file, { isHeader: isHeaderRow });
    return { headers: sheet.headers, rows: () => sheet.rows(), toImport: { xlsx: sheet.source! } };
  }
  const sheet = await openCsvSheet(job.file, { isHeader: isHeaderRow });
  return { headers: sheet.headers, rows: () => sheet.rows(), toImport: { csv: sheet.source } };
}

async function inChild(job: Case): Promise<Figure> {
  const extra = (process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const child = fork(fileURLToPath(import.meta.url), ['--case', JSON.stringify(job)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [...process.execArgv, ...extra] });
  const [figure] = (await once(child, 'message')) as [Figure];
  await once(child, 'exit');
  return figure;
}

async function postgresUrl(): Promise<{ url: string; server?: PostgresServer } | undefined> {
  if (process.env.TEST_POSTGRES_URL) return { url: process.env.TEST_POSTGRES_URL };
  try {
    const server = await startPostgres();
    return { url: server.url, server };
  } catch (error) {
    console.log(`PostgreSQL skipped: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

function freshPostgres(serverUrl: string, rows: number): Promise<{ url: string; drop(): Promise<void> }> {
  return createScratchDatabase(serverUrl, `leadops_bench_import_${rows}_${Date.now().toString(36)}`);
}

interface Line {
  what: string;
  figure: Figure;
  baseline: Figure;
}

function table(lines: Line[]): string {
  const header = ['rows', 'format', 'database', 'run', 'seconds', 'rows/s', 'parse rows/s', 'parse / import', 'peak RSS MB', 'parse RSS MB', 'report'];
  const cells = lines.map(({ what, figure, baseline }) => [
    ...what.split('|'),
    figure.seconds.toFixed(2),
    Math.round(figure.rowsPerSecond).toLocaleString('en-US'),
    Math.round(baseline.rowsPerSecond).toLocaleString('en-US'),
    `${(baseline.rowsPerSecond / figure.rowsPerSecond).toFixed(1)}×`,
    figure.peakRssMb.toFixed(0),
    baseline.peakRssMb.toFixed(0),
    figure.report ?? '',
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]!.length)));
  const format = (row: string[]) => row.map((cell, i) => (i >= 4 && i < 10 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(format)].join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { rows: { type: 'string', multiple: true }, format: { type: 'string', multiple: true }, 'no-postgres': { type: 'boolean', default: false }, case: { type: 'string' }, 'write-sheet': { type: 'string' } } });
  if (values.case) {
    process.send!(await runCase(JSON.parse(values.case) as Case));
    return 0;
  }
  const sizes = (values.rows ?? ['10000', '100000']).map((value) => {
    const rows = Number(value.replace(/_/g, ''));
    if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows takes a positive number of rows, not ${JSON.stringify(value)}`);
    return rows;
  });
  const formats = (values.format ?? ['csv', 'xlsx']).map((format) => {
    if (format !== 'csv' && format !== 'xlsx') throw new Error(`--format takes csv or xlsx, not ${JSON.stringify(format)}`);
    return format;
  });
  if (values['write-sheet']) {
    // The same sheet to try `leadops import` on by hand.
    await writeSheet(values['write-sheet'], sizes[0]!);
    return 0;
  }
  const cpus = os.cpus();
  console.log('leadops import benchmark: a generated tracking sheet (CSV in UTF-8, and the .xlsx Excel saves, 中文 headers) into a fresh database');
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}, ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown model'}); load ${os.loadavg().map((load) => load.toFixed(2)).join(', ')}${process.env.BENCH_NODE_OPTIONS ? `; runs with ${process.env.BENCH_NODE_OPTIONS}` : ''}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leadops-bench-import-'));
  const postgres = values['no-postgres'] ? undefined : await postgresUrl();
  const lines: Line[] = [];
  let failed = false;
  try {
    for (const rows of sizes) {
      for (const format of formats) {
        const file = path.join(dir, `sheet-${rows}.${format}`);
        await writeSheet(file, rows);
        const baseline = await inChild({ task: 'parse', format, provider: 'sqlite', url: '', file, rows, again: false });
        const databases: Array<{ provider: Case['provider']; url: string; drop(): Promise<void> }> = [
          { provider: 'sqlite', url: `file:${path.join(dir, `import-${rows}-${format}.db`)}`, drop: async () => undefined },
        ];
        if (postgres) databases.push({ provider: 'postgresql', ...(await freshPostgres(postgres.url, rows)) });
        for (const database of databases) {
          for (const again of [false, true]) {
            const figure = await inChild({ task: 'import', format, provider: database.provider, url: database.url, file, rows, again });
            lines.push({ what: `${rows.toLocaleString('en-US')}|${format}|${database.provider}|${again ? 'again' : 'first'}`, figure, baseline });
            console.log(table(lines.slice(-1)).split('\n')[2]);
            if (figure.leads !== rows) {
              console.log(`  ✗ ${figure.leads} leads for ${rows} rows`);
              failed = true;
            }
            if (format === 'csv' && !again && figure.rowsPerSecond < FLOOR_ROWS_PER_SECOND) failed = true;
          }
          await database.drop();
        }
        rmSync(file, { force: true });
      }
    }
  } finally {
    postgres?.server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
  console.log(table(lines));
  console.log(`\nfloor ${FLOOR_ROWS_PER_SECOND.toLocaleString('en-US')} rows/s on a first import of CSV, aim ${AIM_ROWS_PER_SECOND.toLocaleString('en-US')}; "again" imports the same sheet once more (every row unchanged)`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
