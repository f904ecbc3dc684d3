/**
 * How fast `leadops export` takes leads out and whether its memory stays flat in the lead
 * count (issue 17: "the export of 1M leads streams in flat memory"). Each size is seeded
 * into a fresh, migrated SQLite file with raw inserts, then exported as CSV and as xlsx
 * through the use case (src/app/export.ts) in a child process of its own, so the peak RSS
 * it reports is the export's alone.
 *
 *   npm run bench:export [-- 10000 100000 1000000]
 *
 * Exits 1 if an export's peak RSS grows more than AIM_RSS_GROWTH from the smallest size to the largest.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Sqlite from 'better-sqlite3';
import { exportLeads, type ExportFormat } from '../src/app/export.js';
import { openDatabase } from '../src/store/database.js';
import { Workspaces } from '../src/store/workspaces.js';

const WORKSPACE = 'T0BENCH';
/** Peak RSS may grow this much from the smallest sheet to the largest and still count as flat (a page, the zip's buffers, V8's heap growth). */
const AIM_RSS_GROWTH = 1.5;
const OWNERS = ['U0MEI', 'U0LEI', 'U0WANG', 'U0ZHAO', 'U0CHEN', 'U0LIU', 'U0SUN', 'U0ZHOU'];

async function exportOnce(file: string, format: ExportFormat, out: string): Promise<void> {
  const database = await openDatabase(`file:${file}`, { migrate: false });
  const workspace = await new Workspaces(database.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(WORKSPACE);
  const started = performance.now();
  const { leads } = await exportLeads({ workspace, userId: 'U0BENCH', role: 'admin', now: new Date(), via: 'cli' }, database.db, { format }, createWriteStream(out));
  const seconds = (performance.now() - started) / 1000;
  await database.close();
  console.log(JSON.stringify({ leads, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, bytes: statSync(out).size }));
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

async function main(): Promise<number> {
  const [mode, file, format, out] = process.argv.slice(2);
  if (mode === '--export') {
    await exportOnce(file!, format as ExportFormat, out!);
    return 0;
  }
  const sizes = process.argv.slice(2).map(Number).filter((size) => Number.isInteger(size) && size > 0);
  const counts = sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leadops-bench-export-'));
  const peaks: Record<ExportFormat, number[]> = { csv: [], xlsx: [] };
  try {
    console.log('leads      format  seconds  leads/s    peak RSS  file');
    for (const count of counts) {
      const file = path.join(dir, `leads-${count}.db`);
      const migrated = await openDatabase(`file:${file}`);
      await new Workspaces(migrated.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(WORKSPACE);
      await migrated.close();
      seed(file, count);
      for (const format of ['csv', 'xlsx'] as const) {
        const out = path.join(dir, `leads-${count}.${format}`);
        const output = execFileSync(process.execPath, [...(process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean), '--import', 'tsx', import.meta.filename, '--export', file, format, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
        const result = JSON.parse(output.trim().split('\n').at(-1)!) as { leads: number; seconds: number; peakRssMb: number; bytes: number };
        if (result.leads !== count) throw new Error(`exported ${result.leads} of ${count} leads`);
        peaks[format].push(result.peakRssMb);
        console.log(
          `${count.toLocaleString('en').padEnd(10)} ${format.padEnd(7)} ${result.seconds.toFixed(1).padStart(7)}  ${Math.round(count / result.seconds).toLocaleString('en').padStart(8)}  ${`${result.peakRssMb.toFixed(0)} MB`.padStart(8)}  ${(result.bytes / 1e6).toFixed(1)} MB`,
        );
        rmSync(out);
      }
      if (process.env.BENCH_KEEP) console.log('kept', file); else rmSync(file);
    }
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
  let flat = true;
  for (const format of ['csv', 'xlsx'] as const) {
    const growth = peaks[format].at(-1)! / peaks[format][0]!;
    console.log(`${format}: peak RSS ×${growth.toFixed(2)} from ${counts[0]!.toLocaleString('en')} to ${counts.at(-1)!.toLocaleString('en')} leads (aim ≤ ×${AIM_RSS_GROWTH})`);
    if (growth > AIM_RSS_GROWTH) flat = false;
  }
  return flat ? 0 : 1;
}

process.exitCode = await main();
