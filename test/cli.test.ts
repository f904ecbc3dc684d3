import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'leadops-cli-'));
const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, 'demo.db')}` };

function leadops(...args: string[]) {
  return run(process.execPath, [path.join(ROOT, 'bin', 'leadops.js'), ...args], { cwd: ROOT, env, timeout: 60_000 });
}

describe('the leadops command line, as a newcomer uses it', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds a demo team, writes a digest without Slack, and reports the funnel as JSON and CSV', async () => {
    expect((await leadops('seed-demo', '--date', '2026-11-20')).stdout).toContain('seeded 600 demo leads into workspace T0DEMO');

    const out = path.join(dir, 'digest');
    expect((await leadops('digest', 'weekly', '--dry-run', '--out', out, '--date', '2026-11-20')).stdout).toContain('2 chart(s)');
    const message = JSON.parse(readFileSync(path.join(out, 'weekly-funnel-2026-11-16.json'), 'utf8')) as { text: string; blocks: Array<{ type: string }> };
    expect(message.text).toContain('每周漏斗');
    expect(message.blocks.filter((block) => block.type === 'image')).toHaveLength(2);
    for (const chart of ['funnel', 'trend']) {
      const png = readFileSync(path.join(out, `weekly-funnel-2026-11-16-${chart}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }

    const json = JSON.parse((await leadops('report', 'funnel', '--from', '2026-05-01', '--to', '2026-11-30')).stdout) as { acquired: number; stages: Array<{ stage: string }> };
    expect(json.acquired).toBe(600);
    expect(json.stages.map((stage) => stage.stage)).toEqual(['ACQUIRED', 'CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION', 'WON']);
    const csv = (await leadops('report', 'funnel', '--from', '2026-05-01', '--to', '2026-11-30', '--format', 'csv')).stdout.trim().split('\n');
    expect(csv[0]).toBe('stage,reached,shareOfAcquired,conversionFromPrevious,dropOff,medianDaysInStage');
    expect(csv).toHaveLength(7);
  }, 90_000);

  it('covers FUNNEL_WINDOW_WEEKS of leads in the weekly digest, as the bot does, and names a bad value', async () => {
    const out = path.join(dir, 'digest-window');
    const withWindow = (weeks: string, ...args: string[]) =>
      run(process.execPath, [path.join(ROOT, 'bin', 'leadops.js'), ...args], { cwd: ROOT, env: { ...env, FUNNEL_WINDOW_WEEKS: weeks }, timeout: 60_000 });
    await withWindow('4', 'digest', 'weekly', '--dry-run', '--out', out, '--date', '2026-11-20');
    expect(readFileSync(path.join(out, 'weekly-funnel-2026-11-16.json'), 'utf8')).toContain('近 4 周获取的');
    const failure = await withWindow('0', 'digest', 'weekly', '--dry-run', '--out', out).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trim()).toBe('leadops digest: FUNNEL_WINDOW_WEEKS: must be a number of weeks from 1 to 104');
  }, 60_000);

  it('refuses bad arguments with a one-line reason and exit code 2', async () => {
    const failure = await leadops('report', 'funnel', '--from', '2026-13-01', '--to', '2026-11-30').catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trim()).toBe('leadops report: --from and --to must be YYYY-MM-DD, --from not after --to');
    expect(existsSync(path.join(dir, 'demo.db'))).toBe(true);
  });

  it('reports where the money works as JSON and CSV: a cost or null with costRecorded false, a channel with spend and no lead', async () => {
    // October in Shanghai: the demo's 抖音 and 展会 spend, and a webinar that brought no lead.
    const october = { periodStart: new Date('2026-09-30T16:00:00Z'), periodEnd: new Date('2026-10-31T16:00:00Z') };
    const database = await openDatabase(env.DATABASE_URL);
    let douyinLeads: number;
    try {
      await database.db.costEntry.createMany({
        data: [
          { workspaceId: 'T0DEMO', sourceChannel: 'douyin', amountMinor: 8_000_000n, createdById: 'U0MEI', ...october },
          { workspaceId: 'T0DEMO', sourceChannel: 'webinar', amountMinor: 500_000n, createdById: 'U0MEI', ...october },
        ],
      });
      douyinLeads = await database.db.lead.count({ where: { workspaceId: 'T0DEMO', sourceChannelKey: 'douyin', acquiredAt: { gte: october.periodStart, lt: october.periodEnd } } });
    } finally {
      await database.close();
    }
    type Group = { name: string; key: string; leads: number; won: number; conversion: number; cost: number | null; costRecorded: boolean; revenue: number; costPerLead: number | null; cac: number | null; roi: number | null; suggestion: string };
    const json = JSON.parse((await leadops('report', 'channels', '--from', '2026-10-01', '--to', '2026-10-31')).stdout) as { by: string; currency: string; groups: Group[]; total: { cost: number } };
    expect(json).toMatchObject({ by: 'channel', currency: 'CNY', total: { cost: 85_000 } });
    const byKey = new Map(json.groups.map((group) => [group.key, group]));
    const douyin = byKey.get('douyin')!;
    expect(douyin).toMatchObject({ name: '抖音', leads: douyinLeads, cost: 80_000, costRecorded: true });
    expect(douyin.costPerLead).toBeCloseTo(80_000 / douyinLeads, 2);
    expect(douyin.cac).toBeCloseTo(80_000 / douyin.won, 2);
    expect(douyin.roi).toBeCloseTo(douyin.revenue / 80_000, 4);
    expect(byKey.get('webinar')).toMatchObject({ leads: 0, cost: 5_000, costPerLead: null, roi: 0, suggestion: 'spend_without_leads' });
    expect(byKey.get('seo')).toMatchObject({ cost: null, costRecorded: false, roi: null, cac: null, costPerLead: null });
    // Those with a cost first, by ROI.
    expect(json.groups.slice(0, 2).map((group) => group.key)).toEqual(['douyin', 'webinar']);

    const csv = (await leadops('report', 'channels', '--from', '2026-10-01', '--to', '2026-10-31', '--format', 'csv')).stdout.trim().split('\n');
    expect(csv[0]).toBe('name,key,leads,won,conversion,costRecorded,cost,revenue,costPerLead,cac,roi,medianDaysToWin,suggestion');
    expect(csv).toHaveLength(json.groups.length + 1);
    expect(csv.find((line) => line.startsWith('SEO,seo,'))).toMatch(/^SEO,seo,\d+,\d+,[\d.]+,false,,\d+,,,,[\d.]*,\w+$/);

    const byOwner = JSON.parse((await leadops('report', 'channels', '--from', '2026-10-01', '--to', '2026-10-31', '--by', 'owner')).stdout) as { groups: Group[] };
    // Each owner carries 抖音's cost per lead for their 抖音 leads; the webinar's spend reached no lead.
    expect(byOwner.groups.reduce((sum, group) => sum + (group.cost ?? 0), 0)).toBeCloseTo(80_000, 0);
    const failure = await leadops('report', 'channels', '--from', '2026-10-01', '--to', '2026-10-31', '--by', 'weather').catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trim()).toBe('leadops report: --by must be one of channel, campaign, content, industry, owner');
  }, 60_000);

  it('lists the digest runs from the ledger', async () => {
    expect((await leadops('jobs')).stdout).toContain('no digest runs yet');
    const database = await openDatabase(env.DATABASE_URL);
    try {
      await database.db.jobRun.create({
        data: { workspaceId: 'T0DEMO', job: 'weekly-funnel', periodKey: '2026-11-16..2026-11-22', status: 'FAILED', late: true, attempts: 4, claimedAt: new Date('2026-11-20T08:00:00Z'), error: 'not_in_channel (after 1 attempt)' },
      });
    } finally {
      await database.close();
    }
    const lines = (await leadops('jobs')).stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^claimed \(UTC\)\s+workspace\s+digest\s+period\s+status/);
    expect(lines[1]).toMatch(/^2026-11-20 08:00\s+T0DEMO\s+weekly-funnel\s+2026-11-16\.\.2026-11-22\s+FAILED \(late\)\s+4\s+not_in_channel/);
  }, 60_000);

  it('prints the team\'s settings as /lead config would show them', async () => {
    const settings = JSON.parse((await leadops('config', 'show')).stdout) as Record<string, unknown>;
    expect(settings).toEqual({
      workspace: 'T0DEMO',
      timeZone: 'Asia/Shanghai',
      locale: 'zh',
      currency: 'CNY',
      cadenceDays: { ACQUIRED: 7, CONTACTED: 7, DISCOVERY: 7, PROPOSAL: 3, NEGOTIATION: 3 },
      zombieAfterDays: 30,
      untouchedAfterDays: 2,
      poolAfterDays: null,
      digestChannelId: null,
      alignmentChannelId: null,
    });
    const failure = await leadops('config', 'set').catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
  }, 60_000);

  it('reports conversion by score tier on the demo team: the better tiers win more, told apart by their Wilson intervals', async () => {
    type Report = { tiers: Array<{ tier: string; leads: number; won: number; winRate: number; winRateLow95: number; winRateHigh95: number }>; unscored: number; toldApart: boolean; mqlThreshold: number };
    const report = JSON.parse((await leadops('report', 'scoring')).stdout) as Report;
    expect(report.tiers.map((tier) => tier.tier)).toEqual(['high', 'medium', 'low']);
    expect(report.tiers.reduce((sum, tier) => sum + tier.leads, 0)).toBe(600);
    expect(report.unscored).toBe(0);
    expect(report.mqlThreshold).toBe(80);
    const [high, medium, low] = report.tiers;
    expect(high!.winRate).toBeGreaterThan(medium!.winRate);
    expect(medium!.winRate).toBeGreaterThan(low!.winRate);
    expect(high!.winRateLow95).toBeGreaterThan(low!.winRateHigh95);
    expect(report.toldApart).toBe(true);
    for (const tier of report.tiers) {
      expect(tier.winRate).toBeCloseTo(tier.won / tier.leads, 4);
      expect(tier.winRateLow95).toBeLessThanOrEqual(tier.winRate);
      expect(tier.winRateHigh95).toBeGreaterThanOrEqual(tier.winRate);
    }

    const csv = (await leadops('report', 'scoring', '--format', 'csv')).stdout.trim().split('\n');
    expect(csv[0]).toBe('tier,minScore,leads,won,winRate,winRateLow95,winRateHigh95');
    expect(csv).toHaveLength(4);
    const text = (await leadops('report', 'scoring', '--format', 'text')).stdout;
    expect(text).toContain('95% interval (Wilson)');
    expect(text).toContain('high and low are told apart');
  }, 60_000);

  it('tunes the scoring weights from the command line: every lead rescored, bad weights refused with the reason', async () => {
    const before = JSON.parse((await leadops('report', 'scoring')).stdout) as { tiers: Array<{ leads: number }> };
    const set = await leadops('config', 'scoring', '--set', '{"tiers":{"high":90,"medium":50}}');
    expect(JSON.parse(set.stdout)).toMatchObject({ tiers: { high: 90, medium: 50 }, mqlThreshold: 80 });
    expect(set.stderr).toMatch(/^saved; \d+ lead\(s\) rescored/);
    const after = JSON.parse((await leadops('report', 'scoring')).stdout) as { tiers: Array<{ leads: number; minScore: number }> };
    expect(after.tiers.map((tier) => tier.minScore)).toEqual([90, 50, 0]);
    expect(after.tiers[0]!.leads).toBeLessThan(before.tiers[0]!.leads);

    const failure = await leadops('config', 'scoring', '--set', '{"tiers":{"high":10,"medium":50}}').catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trim()).toBe('leadops config: tiers: tiers.medium must not be above tiers.high');
    await leadops('config', 'scoring', '--reset');
    expect(JSON.parse((await leadops('config', 'scoring')).stdout)).toMatchObject({ tiers: { high: 60, medium: 30 } });
  }, 60_000);

    it('prints its usage', async () => {
    expect((await leadops('help')).stdout).toContain('leadops <command>');
  });
});
