/**
 * The playground as a newcomer meets it: how long `npm run playground` takes to print its
 * link (cold, seeding the demo team, and warm), and how long pressing Enter on
 * `/lead show <number>` takes to show the bot's card in the page, against the same round
 * trip for a plain message the bot never sees (the page, the server, the events stream).
 *
 *   npm run bench:playground          (needs Debian's chromium: apt-get install chromium)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { openDatabase } from '../src/store/database.js';
import { PLAYGROUND_TEAM } from '../src/playground/people.js';
import { launchBrowser } from '../test/support/browser.js';
import { freePort } from '../test/support/net.js';

const ROUNDS = 30;

async function startPlaygroundProcess(databaseUrl: string, port: number) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/playground/main.ts'], {
    env: { ...process.env, PLAYGROUND_DATABASE_URL: databaseUrl, PLAYGROUND_PORT: String(port), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const link = /open (http:\/\/\S+)/.exec(output)?.[1];
      if (link) resolve(link);
    });
    child.on('exit', (code) => reject(new Error(`playground exited ${code}:\n${output}`)));
  });
  const ms = performance.now() - started;
  const stop = () => new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { url, ms, stop };
}

/**
 * Enter to the next message in the channel, timed in the page itself. Written as a string:
 * it runs in the browser, whose globals the Node program's types do not know.
 */
async function roundTrip(page: Page, text: string): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const list = document.querySelector('.pg-messages');
    const before = list.querySelectorAll('.pg-message').length;
    const input = document.querySelector('.pg-input');
    const observer = new MutationObserver(() => {
      if (list.querySelectorAll('.pg-message').length > before) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(list, { childList: true, subtree: true });
    input.value = ${JSON.stringify(text)};
    const start = performance.now();
    input.form.requestSubmit();
  })`) as Promise<number>;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'leadops-bench-playground-'));
const databaseUrl = `file:${path.join(dir, 'playground.db')}`;
try {
  console.log(`Node ${process.version} on ${os.platform()}/${os.arch()}, ${os.cpus().length} CPUs; load average ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`);
  const cold = await startPlaygroundProcess(databaseUrl, await freePort());
  await cold.stop();
  const warm = await startPlaygroundProcess(databaseUrl, await freePort());
  console.log(`link printed: cold ${cold.ms.toFixed(0)} ms (migrating, seeding 600 demo leads), warm ${warm.ms.toFixed(0)} ms; aim < 15000 ms: ${cold.ms < 15_000 ? 'holds' : 'DOES NOT HOLD'}`);

  const database = await openDatabase(databaseUrl, { migrate: false });
  const lead = await database.db.lead.findFirstOrThrow({ where: { workspaceId: PLAYGROUND_TEAM.id }, orderBy: { number: 'desc' } });
  await database.close();

  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(warm.url);
    await page.locator('.pg-input').waitFor();
    const plain: number[] = [];
    const show: number[] = [];
    for (let round = 0; round < ROUNDS + 3; round++) {
      const a = await roundTrip(page, `note to self ${round}`);
      const b = await roundTrip(page, `/lead show ${lead.number}`);
      // The first rounds warm the JIT, the bot's caches and the browser's layout.
      if (round >= 3) {
        plain.push(a);
        show.push(b);
      }
    }
    const line = (name: string, values: number[]) => `${name.padEnd(34)} p50 ${percentile(values, 50).toFixed(0).padStart(4)} ms   p95 ${percentile(values, 95).toFixed(0).padStart(4)} ms`;
    console.log(`\n${ROUNDS} rounds each, Enter to the message shown in the page:`);
    console.log(line('plain message (page ↔ server)', plain));
    console.log(line(`/lead show ${lead.number} (the bot)`, show));
    const p95 = percentile(show, 95);
    console.log(`/lead show p50 / plain p50 = ${(percentile(show, 50) / percentile(plain, 50)).toFixed(1)}×; aim "/lead show under 300 ms": ${p95 < 300 ? 'holds' : 'DOES NOT HOLD'} at p95 (${p95.toFixed(0)} ms)`);
  } finally {
    await browser.close();
    await warm.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
