/**
 * How fast `leadops export` takes leads out and whether its memory stays flat in the lead
 * count (issue 17: "the export of 1M leads streams in flat memory"). Each size is seeded
 * into a fresh, migrated SQLite file with raw inserts, then exported as CSV and as xlsx
 * through the use case (src/app/export.ts) in a child process of its own, so the peak RSS
 * it reports is the export's alone.
 *
 *   npm run bench:export [-- 10000 100000 1000000]
 *   BENCH_POSTGRES=1 npm run bench:export        also on a throwaway PostgreSQL (or TEST_POSTGRES_URL's server)
 *   BENCH_NODE_OPTIONS=--max-old-space-size=96   a small heap for the exports: they still finish when memory is flat
 *   BENCH_KEEP=1                                  keep the seeded databases, to look at them afterwards
 *
 * Exits 1 if an export's peak RSS grows more than AIM_RSS_GROWTH from the smallest size to the largest.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { exportLeads, type ExportFormat } from '../src/app/export.js';
import { openDatabase } from '../src/store/database.js';
import { Workspaces } from '../src/store/workspaces.js';
import { createScratchDatabase, startPostgres, type PostgresServer } from '../test/support/postgres-server.js';
import { peakRssKib } from './peak-rss.js';

const WORKSPACE = 'T0BENCH';
/** Peak RSS may grow this much from the smallest sheet to the largest and still count as flat (a page, the zip's buffers, V8's heap growth). */
const AIM_RSS_GROWTH = 1.5;
const OWNERS = ['U0MEI', 'U0LEI', 'U0WANG', 'U0ZHAO', 'U0CHEN', 'U0LIU', 'U0SUN', 'U0ZHOU'];

async function exportOnce(url: string, format: ExportFormat, out: string): Promise<void> {
  const database = await openDatabase(url, { migrate: false });
  const workspace = await new Workspaces(database.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(WORKSPACE);
  const started = performance.now();
  const { leads } = await exportLeads({ workspace, userId: 'U0BENCH', role: 'admin', now: new Date(), via: 'cli' }, database.db, { format }, createWriteStream(out));
  const seconds = (performance.now() - started) / 1000;
  await database.close();
  console.log(JSON.stringify({ leads, seconds, peakRssMb: peakRssKib() / 1024, bytes: statSync(out).size }));
}

/** The same leads as seed() writes, on PostgreSQL, in one INSERT … SELECT over generate_series. */
async function seedPostgres(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(`INSERT INTO "tag" ("workspaceId", "kind", "key", "label") VALUES ($1, 'LOSS_REASON', 'budget', 'No budget') RETURNING "id"`, [WORKSPACE]);
    await client.query(
      `INSERT INTO "lead" ("workspaceId", "number", "name", "sourceChannel", "sourceChannelKey", "campaign", "ownerId", "createdById", "stage",
         "acquiredAt", "contactedAt", "wonAt", "lostAt", "dealAmountMinor", "acquisitionCostMinor", "notes", "createdAt", "updatedAt", "version")
       SELECT $1, to_char(d, 'YYYYMMDD') || lpad(((i % 600) + 1)::text, 3, '0'), '星河科技有限公司 ' || i, '抖音', 'douyin', '抖音信息流-教育行业广告', o, o,
         (CASE i % 3 WHEN 0 THEN 'CONTACTED' WHEN 1 THEN 'WON' ELSE 'LOST' END)::"Stage", d, d + interval '1 day',
         CASE WHEN i % 3 = 1 THEN d + interval '3 days' END, CASE WHEN i % 3 = 2 THEN d + interval '3 days' END,
         CASE WHEN i % 3 = 1 THEN 5000000 END, 80000, CASE WHEN i % 10 = 0 THEN '=客户决策人为CEO，需二次提案' END, d, d, 1
       FROM generate_series(0, $2::int - 1) AS i,
         LATERAL (SELECT timestamp '2024-01-01' + (i / 600) * interval '1 day' AS d, ($3::text[])[i % 8 + 1] AS o) AS x`,
      [WORKSPACE, count, OWNERS],
    );
    await client.query(`INSERT INTO "lead_tag" ("leadId", "tagId") SELECT "id", $2 FROM "lead" WHERE "workspaceId" = $1 AND "stage" = 'LOST'`, [WORKSPACE, rows[0]!.id]);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** Leads of every stage, a third closed with amounts, the lost ones with a loss reason tag: 50 000 rows a transaction. */
function seed(file: string, count: number): void {
  const sqlite = new Sqlite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const tag = sqlite.prepare(`INSERT INTO "tag" ("workspaceId", "kind", "key", "label", "createdAt") VALUES (?, 'LOSS_REASON', 'budget', 'No budget', ?) RETURNING "id"`).get(WORKSPACE, new Date().toISOString()) as { id: number };
  const insert = sqlite.prepare(`INSERT INTO "lead" ("workspaceId", "number", "name", "sourceChannel", "sourceChannelKey", "campaign", "ownerId", "createdById", "stage",
      "acquiredAt", "contactedAt", "wonAt", "lostAt", "dealAmountMinor", "acquisitionCostMinor", "notes", "createdAt", "updatedAt", "version")
    VALUES (@workspaceId, @number, @name, '抖音', 'douyin', '抖音信息流-教育行业广告', @ownerId, @ownerId, @stage, @at, @contactedAt, @wonAt, @lostAt, @deal, 80000, @notes, @at, @at, 1) RETURNING "id"`);
  const leadTag = sqlite.prepare(`INSERT INTO "lead_tag" ("leadId", "tagId") VALUES (?, ?)`);
  const start = Date.UTC(2024, 0, 1);
  const perDay = 600;
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const day = start + Math.floor(i / perDay) * 86_400_000;
      const at = new Date(day).toISOString();
      const later = new Date(day + 3 * 86_400_000).toISOString();
      const kind = i % 3;
      const { id } = insert.get({
        workspaceId: WORKSPACE,
        number: `${at.slice(0, 10).replace(/-/g, '')}${String((i % perDay) + 1).padStart(3, '0')}`,
        name: `星河科技有限公司 ${i}`,
        ownerId: OWNERS[i % OWNERS.length],
        stage: kind === 0 ? 'CONTACTED' : kind === 1 ? 'WON' : 'LOST',
        at,
        contactedAt: new Date(day + 86_400_000).toISOString(),
        wonAt: kind === 1 ? later : null,
        lostAt: kind === 2 ? later : null,
        deal: kind === 1 ? 5_000_000 : null,
        notes: i % 10 === 0 ? '=客户决策人为CEO，需二次提案' : null,
      }) as { id: number };
      if (kind === 2) leadTag.run(id, tag.id);
    }
  });
  for (let from = 0; from < count; from += 50_000) batch(from, Math.min(count, from + 50_000));
  sqlite.close();
}

interface Measured {
  leads: number;
  seconds: number;
  peakRssMb: number;
  bytes: number;
}

/** Exports a seeded database in a child process of its own, so its peak RSS is the export's alone. */
function measureExport(url: string, format: ExportFormat, out: string): Measured {
  const output = execFileSync(process.execPath, [...(process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean), '--import', 'tsx', import.meta.filename, '--export', url, format, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').at(-1)!) as Measured;
}

async function run(kind: 'sqlite' | 'postgresql', counts: number[], dir: string, database: (count: number) => Promise<{ url: string; drop(): Promise<void> }>): Promise<boolean> {
  const peaks: Record<ExportFormat, number[]> = { csv: [], xlsx: [] };
  console.log(`${kind}: leads  format  seconds  leads/s    peak RSS  file`);
  for (const count of counts) {
    const { url, drop } = await database(count);
    try {
      for (const format of ['csv', 'xlsx'] as const) {
        const out = path.join(dir, `leads-${count}.${format}`);
        const result = measureExport(url, format, out);
        if (result.leads !== count) throw new Error(`exported ${result.leads} of ${count} leads`);
        peaks[format].push(result.peakRssMb);
        console.log(
          `${count.toLocaleString('en').padStart(kind.length + 7)}  ${format.padEnd(7)} ${result.seconds.toFixed(1).padStart(7)}  ${Math.round(count / result.seconds).toLocaleString('en').padStart(8)}  ${`${result.peakRssMb.toFixed(0)} MB`.padStart(8)}  ${(result.bytes / 1e6).toFixed(1)} MB`,
        );
        rmSync(out);
      }
    } finally {
      if (process.env.BENCH_KEEP) console.log('kept', url);
      else await drop();
    }
  }
  let flat = true;
  for (const format of ['csv', 'xlsx'] as const) {
    const growth = peaks[format].at(-1)! / peaks[format][0]!;
    console.log(`${kind} ${format}: peak RSS ×${growth.toFixed(2)} from ${counts[0]!.toLocaleString('en')} to ${counts.at(-1)!.toLocaleString('en')} leads (aim ≤ ×${AIM_RSS_GROWTH})`);
    if (growth > AIM_RSS_GROWTH) flat = false;
  }
  return flat;
}

async function main(): Promise<number> {
  const [mode, url, format, out] = process.argv.slice(2);
  if (mode === '--export') {
    await exportOnce(url!, format as ExportFormat, out!);
    return 0;
  }
  const sizes = process.argv.slice(2).map(Number).filter((size) => Number.isInteger(size) && size > 0);
  const counts = sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leadops-bench-export-'));
  console.log(`load average before the run: ${os.loadavg().map((load) => load.toFixed(2)).join(', ')}${process.env.BENCH_NODE_OPTIONS ? `; exports run with ${process.env.BENCH_NODE_OPTIONS}` : ''}`);
  let postgres: PostgresServer | undefined;
  try {
    let flat = await run('sqlite', counts, dir, async (count) => {
      const file = path.join(dir, `leads-${count}.db`);
      const migrated = await openDatabase(`file:${file}`);
      await new Workspaces(migrated.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(WORKSPACE);
      await migrated.close();
      seed(file, count);
      return { url: `file:${file}`, drop: async () => rmSync(file) };
    });
    const serverUrl = process.env.TEST_POSTGRES_URL ?? (process.env.BENCH_POSTGRES === '1' ? (postgres = await startPostgres()).url : undefined);
    if (serverUrl) {
      flat =
        (await run('postgresql', counts, dir, async (count) => {
          const scratch = await createScratchDatabase(serverUrl, `leadops_bench_export_${count}_${process.pid}`);
          const migrated = await openDatabase(scratch.url);
          await new Workspaces(migrated.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(WORKSPACE);
          await migrated.close();
          await seedPostgres(scratch.url, count);
          return scratch;
        })) && flat;
    } else console.log('PostgreSQL: skipped (BENCH_POSTGRES=1 for a throwaway server, or TEST_POSTGRES_URL)');
    console.log(`load average after the run: ${os.loadavg().map((load) => load.toFixed(2)).join(', ')}`);
    return flat ? 0 : 1;
  } finally {
    postgres?.stop();
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
