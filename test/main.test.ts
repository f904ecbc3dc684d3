import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../src/playground/fake-slack.js';
import { SlackDriver } from '../src/playground/driver.js';
import { freePort } from './support/net.js';

const SECRET = '0123456789abcdef0123456789abcdef';
const ROOT = path.resolve(import.meta.dirname, '..');

function startMain(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}


describe('npm start', () => {
  it('without Slack settings explains what to set, without a stack trace, and exits 1', async () => {
    const run = startMain({});
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('No Slack settings found');
    expect(run.output()).toContain('manifests/manifest.json');
    expect(run.output()).toContain('npm run playground');
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  it('names each malformed setting and exits 1', async () => {
    const run = startMain({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, PORT: 'eighty', TEAM_TIME_ZONE: 'Nowhere/Land' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PORT: must be a port number');
    expect(run.output()).toContain('TEAM_TIME_ZONE: must be an IANA time zone');
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  describe('with HTTP settings', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'leadops-main-'));
    const slack = new FakeSlack();
    let run: ReturnType<typeof startMain>;
    let port: number;

    beforeAll(async () => {
      await slack.start();
      port = await freePort();
      run = startMain({
        SLACK_BOT_TOKEN: 'xoxb-main',
        SLACK_SIGNING_SECRET: SECRET,
        PORT: String(port),
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: `file:${path.join(dataDir, 'nested', 'leadops.db')}`,
      });
      const deadline = Date.now() + 30_000;
      while (!run.output().includes('leadops is running')) {
        if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`did not start:\n${run.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });

    afterAll(async () => {
      run?.child.kill('SIGTERM');
      await run?.exited;
      await slack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('creates and migrates the SQLite file, checks the token, and answers /lead help over signed HTTP', async () => {
      expect(existsSync(path.join(dataDir, 'nested', 'leadops.db'))).toBe(true);
      expect(slack.callsOf('auth.test')[0]?.token).toBe('xoxb-main');
      const driver = new SlackDriver(`http://127.0.0.1:${port}/slack/events`, SECRET, slack);
      const reply = await driver.command('help');
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.json)).toContain('/lead advance');
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).text()).toBe('ok');
    });

    it('survives signed requests whose bodies would crash Bolt, answering 400, and keeps serving', async () => {
      const driver = new SlackDriver(`http://127.0.0.1:${port}/slack/events`, SECRET, slack);
      expect((await driver.post('payload=null', 'application/x-www-form-urlencoded')).status).toBe(400);
      expect((await driver.post('null', 'application/json')).status).toBe(400);
      expect(run.child.exitCode).toBeNull();
      const reply = await driver.command('help');
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.json)).toContain('/lead advance');
    });

    it('stops cleanly on SIGTERM', async () => {
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    });
  });
});
