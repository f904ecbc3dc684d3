/**
 * How fast `/lead find` and the duplicate check of `/lead new` answer on a million leads,
 * next to a lookup by lead number (the unique index) in the same run, so the figures read
 * as ratios. The leads are written into a fresh, migrated SQLite file with raw inserts in
 * big transactions (the migration's triggers fill the FTS5 index as they would in use);
 * every query then goes through the use cases (src/app/search.ts, src/store/leads.ts), on
 * the app's own Prisma client.
 *
 *   npm run bench:find [-- <leads>]
 *   BENCH_LEADS=200000 BENCH_QUERIES=300 npm run bench:find
 *
 * Exits 1 if a query's p99 is over the aim (50 ms) or a query that must find something finds nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Sqlite from 'better-sqlite3';
import type { Caller } from '../src/app/caller.js';
import { findLeads, possibleDuplicates } from '../src/app/search.js';
import { leadKeys } from '../src/domain/lead-keys.js';
import { openDatabase } from '../src/store/database.js';
import { findLead } from '../src/store/leads.js';
import { Workspaces } from '../src/store/workspaces.js';

const AIM_P99_MS = 50;
const WORKSPACE = 'T0BENCH';
const OWNERS = ['U0MEI', 'U0LEI', 'U0WANG', 'U0ZHAO', 'U0CHEN', 'U0LIU', 'U0SUN', 'U0ZHOU'];
const STAGES = ['ACQUIRED', 'ACQUIRED', 'ACQUIRED', 'CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST', 'LOST'];

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a positive integer, not ${JSON.stringify(value)}`);
  return number;
}

const cliLeads = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
const LEADS = positiveInteger('the lead count', cliLeads ?? process.env.BENCH_LEADS, 1_000_000);
const QUERIES = positiveInteger('BENCH_QUERIES', process.env.BENCH_QUERIES, 300);

/** A small deterministic generator, so two runs seed the same leads. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const rand = random(20261202);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

// Names as a Chinese B2B team's sheet has them: a brand of two characters, a trade, a legal form; and English ones.
const BRAND_CHARS = [...'星河华信达远航天成博创新恒泰安康瑞丰嘉禾盛世宏图金石银海明德致远鼎盛宇通凯旋朗润佳和万通中联东方南山北辰西湖青云白鹭紫金蓝天绿洲红日'];
const TRADES = ['科技', '教育', '网络', '信息', '医疗', '贸易', '实业', '电子', '文化', '传媒', '软件', '物流', '生物', '能源', '机械'];
const CN_FORMS = ['有限公司', '股份有限公司', '集团', '科技有限公司', ''];
const WORDS = ['acme', 'north', 'blue', 'river', 'summit', 'bright', 'delta', 'pioneer', 'harbor', 'vertex', 'nova', 'orbit', 'cedar', 'falcon', 'lumen', 'quartz'];
const EN_KINDS = ['Robotics', 'Labs', 'Systems', 'Foods', 'Logistics', 'Studio', 'Partners', 'Software'];
const EN_FORMS = ['Ltd', 'Inc.', 'Co., Ltd.', 'GmbH', ''];
const CAMPAIGNS = ['抖音信息流-教育行业广告', '百度SEM-品牌词', '展会-2026上海工博会', 'LinkedIn ABM Q4', '白皮书下载-制造业', '转介绍计划', 'Webinar: AI in sales', '微信公众号推文'];

function companyName(): string {
  if (rand() < 0.7) return `${pick(BRAND_CHARS)}${pick(BRAND_CHARS)}${pick(TRADES)}${pick(CN_FORMS)}`;
  return `${pick(WORDS)[0]!.toUpperCase()}${pick(WORDS).slice(1)} ${pick(EN_KINDS)} ${pick(EN_FORMS)}`.trim();
}

interface Seeded {
  numbers: string[];
  emails: string[];
  phones: string[];
  names: string[];
}

/** The leads, straight into the migrated file: 50 000 rows a transaction. */
function seed(file: string, count: number): Seeded {
  const sqlite = new Sqlite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const insert = sqlite.prepare(`INSERT INTO "lead" ("workspaceId", "number", "name", "campaign", "contactEmail", "contactPhone", "ownerId", "createdById", "stage",
      "acquiredAt", "createdAt", "updatedAt", "version", "nameKey", "emailKey", "phoneKey", "searchText")
    VALUES (@workspaceId, @number, @name, @campaign, @contactEmail, @contactPhone, @ownerId, @ownerId, @stage, @at, @at, @at, 1, @nameKey, @emailKey, @phoneKey, @searchText)`);
  const seeded: Seeded = { numbers: [], emails: [], phones: [], names: [] };
  const start = Date.UTC(2024, 0, 1);
  const perDay = 600;
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const day = new Date(start + Math.floor(i / perDay) * 86_400_000);
      const number = `${day.toISOString().slice(0, 10).replace(/-/g, '')}${String((i % perDay) + 1).padStart(3, '0')}`;
      const name = companyName();
      const campaign = rand() < 0.6 ? pick(CAMPAIGNS) : null;
      const contactEmail = rand() < 0.5 ? `${pick(WORDS)}.${i}@${pick(WORDS)}.com` : null;
      const contactPhone = rand() < 0.5 ? `+86 1${String(3_000_000_000 + i).slice(0, 10)}` : null;
      const keys = leadKeys({ name, campaign, contactEmail, contactPhone });
      insert.run({ workspaceId: WORKSPACE, number, name, campaign, contactEmail, contactPhone, ownerId: pick(OWNERS), stage: pick(STAGES), at: day.toISOString(), ...keys });
      if (i % 997 === 0) {
        seeded.numbers.push(number);
        seeded.names.push(name);
        if (contactEmail) seeded.emails.push(contactEmail);
        if (contactPhone) seeded.phones.push(contactPhone);
      }
    }
  });
  for (let from = 0; from < count; from += 50_000) batch(from, Math.min(count, from + 50_000));
  sqlite.pragma('optimize');
  sqlite.close();
  return seeded;
}

interface Row {
  query: string;
  runs: number;
  found: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

async function measure(query: string, inputs: string[], run: (input: string) => Promise<number>): Promise<Row> {
  for (const input of inputs.slice(0, 20)) await run(input);
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < QUERIES; i++) {
    const input = inputs[i % inputs.length]!;
    const started = performance.now();
    if ((await run(input)) > 0) found++;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { query, runs: QUERIES, found, p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99), max: times.at(-1)! };
}

function table(rows: Row[], baseline: Row): string {
  const header = ['query', 'runs', 'found', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p99 / baseline'];
  const lines = rows.map((row) => [row.query, String(row.runs), String(row.found), row.p50.toFixed(2), row.p95.toFixed(2), row.p99.toFixed(2), row.max.toFixed(2), `${(row.p99 / baseline.p99).toFixed(1)}×`]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [format(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log('leadops /lead find and duplicate-check benchmark (SQLite)');
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}, ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? 'unknown model'}); load ${os.loadavg().map((load) => load.toFixed(2)).join(', ')}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leadops-bench-find-'));
  const file = path.join(dir, 'leadops.db');
  try {
    const migrated = await openDatabase(`file:${file}`);
    const workspaces = new Workspaces(migrated.db, { timeZone: 'Asia/Shanghai', locale: 'zh' });
    const workspace = await workspaces.get(WORKSPACE);
    await migrated.close();

    let started = performance.now();
    const seeded = seed(file, LEADS);
    console.log(`seeded ${LEADS.toLocaleString('en')} leads with raw inserts (FTS5 filled by the migration's triggers) in ${((performance.now() - started) / 1000).toFixed(1)} s, in ${dir}`);

    const { db, close } = await openDatabase(`file:${file}`);
    const caller: Caller = { workspace, userId: 'U0MEI', role: 'rep', now: new Date(), via: 'cli' };
    const find = async (text: string) => (await findLeads(caller, db, 'sqlite', text)).length;
    const rows: Row[] = [];
    started = performance.now();
    const baseline = await measure('baseline: lead by number (unique index)', seeded.numbers, async (number) => ((await findLead(db, WORKSPACE, number)) ? 1 : 0));
    rows.push(baseline);
    rows.push(await measure('find English word prefix (acm, riv…)', WORDS.map((word) => word.slice(0, 3)), find));
    rows.push(await measure('find 2-char 中文, common (科技, 教育…)', TRADES, find));
    rows.push(await measure('find 2-char 中文, brand (星河, 华信…)', BRAND_CHARS.slice(1).map((char, i) => BRAND_CHARS[i]! + char), find));
    rows.push(await measure('find 中文 phrase (星河科技)', seeded.names.filter((name) => /^[\p{Script=Han}]/u.test(name)).map((name) => name.slice(0, 4)), find));
    rows.push(await measure('find two words, rare together (acme 物流)', WORDS.map((word, i) => `${word} ${TRADES[i % TRADES.length]}`), find));
    rows.push(await measure('find number prefix (YYYYMMDD)', seeded.numbers.map((number) => number.slice(0, 8)), find));
    rows.push(await measure('find email', seeded.emails, find));
    rows.push(await measure('find phone (as written, +86)', seeded.phones, find));
    rows.push(await measure('duplicate check (name + email + phone)', seeded.names.map((name, i) => `${name}\t${seeded.emails[i % seeded.emails.length]}\t${seeded.phones[i % seeded.phones.length]}`), async (input) => {
      const [name, contactEmail, contactPhone] = input.split('\t');
      return (await possibleDuplicates(caller, db, { name, contactEmail, contactPhone })).length;
    }));
    console.log(`measured ${rows.length} queries × ${QUERIES} runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log();
    console.log(table(rows, baseline));
    console.log();
    await close();

    const slow = rows.filter((row) => row.p99 > AIM_P99_MS);
    const empty = rows.filter((row) => row.found === 0);
    if (slow.length > 0) console.log(`over the aim (p99 ≤ ${AIM_P99_MS} ms): ${slow.map((row) => row.query).join('; ')}`);
    if (empty.length > 0) console.log(`found nothing: ${empty.map((row) => row.query).join('; ')}`);
    if (slow.length === 0 && empty.length === 0) console.log(`every query's p99 is within the aim of ${AIM_P99_MS} ms`);
    process.exitCode = slow.length > 0 || empty.length > 0 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
