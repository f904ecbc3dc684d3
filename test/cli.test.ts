import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { DATABASES, freshDatabase, type TestDatabase } from './support/databases.js';

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
      flagMarginPoints: 10,
      mqlThreshold: 80,
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

/** Seed 004 table 1 as a Chinese team keeps it, saved by Excel: GBK, full-width brackets, a column of their own. */
const ZH_SHEET = [
  '线索编号,线索名称,来源渠道,推广策略,内容素材,获取时间,负责人,客户类型,客户行业,初次接触时间,需求确认时间,方案提交时间,商务谈判时间,成交时间,流失时间,流失原因（未成交）,成交金额（元）,获客成本（元）,转化时长（天）,备注,电话',
  '20231001,某教育科技公司,抖音,抖音信息流-教育行业广告,行业白皮书,2023-10-01 14:30,U0REP1,企业客户,教育,2023/10/2,-,,,,2023年10月20日,预算不足/决策链长,,800,19,,13800138000',
  '20231002,某制造企业,展会,,,2023/10/1,李雷,企业客户,制造,2023-10-03 10:00,,,2023-10-20,2023-10-25 16:00,,,"50,000",¥1200,24,"两行的',
  '备注",',
  '20231003,某零售公司,SEO,,,2023-10-02,U0REP1,个人客户,零售,2023-10-09,,,,2023-10-05,,,5万,,,,',
].join('\r\n');

const EN_SHEET = ['Name;Lead Number;Acquired At;Owner;Customer Type;Deal Amount (CNY);Won At;Loss Reasons', 'Acme Ltd;30001;10/2/2023 09:15;U0REP2;enterprise;5.5万元;2023-11-01;-', 'Globex;30002;45201;U0REP1;individual;;;'].join('\n');

const TAB_SHEET = [
  'number\tname\tacquired at\towner\tlost at\tloss reasons\tconversion days\t',
  '40001\tInitech\t2023-10-03\tU0REP1\t2023-10-30\tbudget; competitor\t3\t微信 initech01',
  '40002\tFuture Co\t2023-10-03\tU0REP1\t2099-01-01\tbudget\t',
].join('\n');

describe.each(DATABASES)('importing a tracking sheet from the command line (%s)', (kind) => {
  const files = mkdtempSync(path.join(tmpdir(), 'leadops-import-'));
  const file = (name: string, content: Buffer | string) => {
    writeFileSync(path.join(files, name), content);
    return path.join(files, name);
  };
  let database: TestDatabase;

  async function importing(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const runEnv = { ...process.env, DATABASE_URL: database.url };
    return run(process.execPath, [path.join(ROOT, 'bin', 'leadops.js'), 'import', ...args], { cwd: ROOT, env: runEnv, timeout: 60_000 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  }

  const leadNumbered = (number: string) =>
    database.db.lead.findUniqueOrThrow({ where: { workspaceId_number: { workspaceId: 'T0IMPORT', number } }, include: { tags: { include: { tag: true } } } });

  beforeAll(async () => {
    database = await freshDatabase(kind);
    await database.db.workspace.create({ data: { id: 'T0IMPORT', timeZone: 'Asia/Shanghai', locale: 'zh' } });
    await database.db.member.create({ data: { workspaceId: 'T0IMPORT', userId: 'U0LILEI', name: '李雷', fetchedAt: new Date() } });
  });
  afterAll(async () => {
    await database.drop();
    rmSync(files, { recursive: true, force: true });
  });

  it('brings a 中文 GBK sheet in: each good row a lead with its stage times, amounts and reasons, journaled by import; the bad row reported by line and not written', async () => {
    const sheet = file('线索跟踪表.csv', iconv.encode(ZH_SHEET, 'gb18030'));
    const result = await importing(sheet);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('GB18030, comma separated, 3 row(s)');
    expect(result.stdout).toContain('columns not imported (not a column of the tracking sheet): "电话"');
    expect(result.stdout).toContain('3 row(s) read, 2 created, 0 updated, 0 unchanged, 1 refused');
    expect(result.stdout).toContain('line 5 (20231003): entered Won before Contacted');

    const lost = await leadNumbered('20231001');
    expect(lost).toMatchObject({ name: '某教育科技公司', stage: 'LOST', ownerId: 'U0REP1', customerType: 'ENTERPRISE', campaign: '抖音信息流-教育行业广告', acquisitionCostMinor: 80_000n, sourceChannelKey: 'douyin' });
    expect(lost.acquiredAt.toISOString()).toBe('2023-10-01T06:30:00.000Z');
    expect(lost.contactedAt?.toISOString()).toBe('2023-10-01T16:00:00.000Z');
    expect(lost.discoveryAt).toBeNull();
    expect(lost.lostAt?.toISOString()).toBe('2023-10-19T16:00:00.000Z');
    expect(lost.tags.filter(({ tag }) => tag.kind === 'LOSS_REASON').map(({ tag }) => tag.key).sort()).toEqual(['budget', 'long_decision_chain']);

    const won = await leadNumbered('20231002');
    expect(won).toMatchObject({ stage: 'WON', ownerId: 'U0LILEI', dealAmountMinor: 5_000_000n, acquisitionCostMinor: 120_000n, notes: '两行的\n备注' });
    expect(won.negotiationAt?.toISOString()).toBe('2023-10-19T16:00:00.000Z');
    // Discovery and proposal were skipped on the sheet: they take negotiation's time, as a jump would.
    expect(won.discoveryAt?.toISOString()).toBe('2023-10-19T16:00:00.000Z');
    expect(won.wonAt?.toISOString()).toBe('2023-10-25T08:00:00.000Z');

    expect(await database.db.lead.count({ where: { workspaceId: 'T0IMPORT', number: '20231003' } })).toBe(0);
    // The journal is the history the sheet's times tell, each entry at its time, by the importer.
    const journal = async (leadId: number) =>
      (await database.db.activity.findMany({ where: { leadId }, orderBy: { id: 'asc' } })).map((entry) => [entry.kind, entry.via, entry.at.toISOString(), entry.leadVersion]);
    expect(await journal(lost.id)).toEqual([
      ['created', 'import', '2023-10-01T06:30:00.000Z', 1],
      ['stage', 'import', '2023-10-01T16:00:00.000Z', 2],
      ['stage', 'import', '2023-10-19T16:00:00.000Z', 3],
    ]);
    expect(await journal(won.id)).toEqual([
      ['created', 'import', '2023-09-30T16:00:00.000Z', 1],
      ['stage', 'import', '2023-10-03T02:00:00.000Z', 2],
      ['stage', 'import', '2023-10-19T16:00:00.000Z', 3],
      ['stage', 'import', '2023-10-25T08:00:00.000Z', 4],
    ]);
    expect(won.version).toBe(4);
    const { stdout: activity } = await run(process.execPath, [path.join(ROOT, 'bin', 'leadops.js'), 'activity', '--lead', '20231002'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: database.url } });
    expect(activity).toContain('stage: NEGOTIATION → WON; wonAt: — → 2023-10-25 16:00; dealAmountMinor: — → 50000');
  }, 60_000);

  it('writes nothing on --strict while a row is refused', async () => {
    const result = await importing(path.join(files, '线索跟踪表.csv'), '--strict');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('--strict: nothing written; 0 good row(s) held back until the refused ones are fixed');
    expect(await database.db.lead.count({ where: { workspaceId: 'T0IMPORT' } })).toBe(2);
  }, 60_000);

  it('changes nothing when the same sheet comes again, and updates a lead by number when its row changed', async () => {
    const result = await importing(path.join(files, '线索跟踪表.csv'));
    expect(result.stdout).toContain('3 row(s) read, 0 created, 0 updated, 2 unchanged, 1 refused');
    expect(await database.db.lead.count({ where: { workspaceId: 'T0IMPORT' } })).toBe(2);
    expect(await database.db.activity.count({ where: { workspaceId: 'T0IMPORT' } })).toBe(7);

    // The team corrected a name and the deal's amount in their sheet: the leads follow, one entry each.
    const corrected = file('线索跟踪表-改.csv', iconv.encode(ZH_SHEET.replace('某制造企业', '某制造集团').replace('"50,000"', '"60,000"'), 'gb18030'));
    const dry = await importing(corrected, '--dry-run');
    expect(dry.stdout).toContain('dry run, nothing written: 3 row(s) read, 0 would be created, 1 would be updated, 1 unchanged, 1 refused');
    expect(await database.db.activity.count({ where: { workspaceId: 'T0IMPORT' } })).toBe(7);
    expect((await importing(corrected)).stdout).toContain('3 row(s) read, 0 created, 1 updated, 1 unchanged, 1 refused');
    const won = await leadNumbered('20231002');
    expect(won).toMatchObject({ name: '某制造集团', dealAmountMinor: 6_000_000n, version: 5 });
    const entry = await database.db.activity.findFirstOrThrow({ where: { leadId: won.id }, orderBy: { id: 'desc' } });
    expect(entry).toMatchObject({ kind: 'edit', via: 'import', leadVersion: 5 });
    expect(JSON.parse(entry.before!)).toEqual({ name: '某制造企业', dealAmountMinor: '5000000' });
    expect(JSON.parse(entry.after!)).toEqual({ name: '某制造集团', dealAmountMinor: '6000000' });
    expect((await importing(corrected)).stdout).toContain('3 row(s) read, 0 created, 0 updated, 2 unchanged, 1 refused');
  }, 60_000);

  it('checks an English semicolon sheet with a BOM on --dry-run and writes nothing, then imports it', async () => {
    const sheet = file('leads.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EN_SHEET)]));
    const dry = await importing(sheet, '--dry-run', '--team', 'T0IMPORT');
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toContain('UTF-8, semicolon separated, 2 row(s)');
    expect(dry.stdout).toContain('dry run, nothing written: 2 row(s) read, 2 would be created, 0 would be updated, 0 unchanged, 0 refused');
    expect(await database.db.lead.count({ where: { workspaceId: 'T0IMPORT' } })).toBe(2);

    expect(await importing(sheet)).toMatchObject({ code: 0 });
    const acme = await leadNumbered('30001');
    expect(acme).toMatchObject({ name: 'Acme Ltd', stage: 'WON', dealAmountMinor: 5_500_000n, customerType: 'ENTERPRISE' });
    expect(acme.acquiredAt.toISOString()).toBe('2023-10-02T01:15:00.000Z');
    // Excel's serial day 45201 is 2023-10-02.
    expect((await leadNumbered('30002')).acquiredAt.toISOString()).toBe('2023-10-01T16:00:00.000Z');
  }, 60_000);

  it('reads a tab separated sheet, notes conversion days its times contradict, and refuses a time in the future', async () => {
    const result = await importing(file('export.tsv', TAB_SHEET));
    expect(result).toMatchObject({ code: 1 });
    expect(result.stdout).toContain('tab separated');
    expect(result.stdout).toContain('values under no header, not imported: column 8');
    expect(result.stdout).toContain('line 2 (40001): conversion days "3" differs from the 27 its times give; leadops counts from the times');
    expect(result.stdout).toContain('line 3 (40002): lost at "2099-01-01" is in the future');
    const lead = await leadNumbered('40001');
    expect(lead.stage).toBe('LOST');
    expect(lead.tags.map(({ tag }) => tag.key).sort()).toEqual(['budget', 'competitor_cheaper']);
  }, 60_000);

  it('gives owners by --owners mapping and by known members; names it cannot place are listed with their rows, and those leads go to the team pool', async () => {
    const sheet = file('owners.csv', ['线索编号,线索名称,获取时间,负责人', '60001,甲公司,2023-10-01,张三', '60002,乙公司,2023-10-01,李雷', '60003,丙公司,2023-10-01,王五', '60004,丁公司,2023-10-01,王五', '60005,戊公司,2023-10-01,'].join('\n'));
    const mapping = file('owners-map.csv', ['表中姓名,Slack 用户', '张三,U0ZHANG', '赵六,zhao@example.com'].join('\n'));
    const result = await importing(sheet, '--owners', mapping);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('5 row(s) read, 5 created, 0 updated, 0 unchanged, 0 refused');
    expect(result.stdout).toContain('3 row(s) name no owner for sure in 负责人; new leads of theirs went in unassigned (open ones to the team pool, /lead pool), leads already here keep their owner:\n  "王五": 2 rows, not a Slack user id nor the name of anyone the bot knows\n  (empty): 1 row\n');
    expect(result.stdout).toContain('owner mapping lines naming nobody the import knows');
    expect(result.stdout).toContain('  "赵六" → "zhao@example.com"');
    expect((await leadNumbered('60001')).ownerId).toBe('U0ZHANG');
    expect((await leadNumbered('60002')).ownerId).toBe('U0LILEI');
    const pooled = await database.db.lead.findMany({ where: { workspaceId: 'T0IMPORT', pooledAt: { not: null } }, select: { number: true, ownerId: true }, orderBy: { number: 'asc' } });
    expect(pooled).toEqual([
      { number: '60003', ownerId: 'leadops' },
      { number: '60004', ownerId: 'leadops' },
      { number: '60005', ownerId: 'leadops' },
    ]);

    const bad = await importing(sheet, '--owners', file('bad-map.csv', 'who,whom\n张三,U0ZHANG\n'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad-map.csv: an owner mapping has a column of names as the sheet writes them');
    expect(bad.stderr).toContain('its headers are: "who", "whom"');
    const incomplete = await importing(sheet, '--owners', file('short-map.csv', 'name,slack\n张三,\n'));
    expect(incomplete).toMatchObject({ code: 2 });
    expect(incomplete.stderr).toContain('short-map.csv: line 2 has an empty cell');
  }, 60_000);

  it('stops at once, naming the headers it found, when the sheet has no name column; and refuses a file it cannot read', async () => {
    const before = await database.db.lead.count();
    const missing = await importing(file('no-name.csv', '线索编号,获取时间,负责人\n50001,2023-10-01,U0REP1\n'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('leadops import: the sheet has no 线索名称 / name column; its headers are: "线索编号", "获取时间", "负责人"');
    expect(await database.db.lead.count()).toBe(before);

    expect(await importing(path.join(files, 'nowhere.csv'))).toMatchObject({ code: 2 });
    expect((await importing(file('broken.csv', 'number,name\n1,"unclosed\n'))).code).toBe(2);
    expect((await importing()).code).toBe(2);
  }, 60_000);
});
