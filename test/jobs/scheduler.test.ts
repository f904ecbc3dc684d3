import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { getTasks } from 'node-cron';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DigestDefaults } from '../../src/config.js';
import { seedDemo } from '../../src/store/demo-seed.js';
import { latestOccurrence } from '../../src/jobs/cron.js';
import { DIGEST_JOBS, type DigestJob } from '../../src/jobs/digest-jobs.js';
import { DigestScheduler } from '../../src/jobs/scheduler.js';
import { slackDigestPoster } from '../../src/slack/digest-poster.js';
import { ChannelPacer } from '../../src/slack/pacer.js';
import { openDatabase, type Database } from '../../src/store/database.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { FakeSlack } from '../../src/playground/fake-slack.js';

const TEAM = 'T0DEMO';
const FRIDAY_RUN = new Date('2026-11-20T08:00:00Z'); // Friday 16:00 in Shanghai
const DEFAULTS: DigestDefaults = {
  channelId: 'C0MANAGERS',
  cron: { 'weekly-funnel': '0 16 * * 5', overdue: '30 9 * * 1-5', goals: '5 16 * * 5', morning: '0 9 * * 1-5', bottlenecks: '30 8 * * 1' },
  funnelWindowWeeks: 13,
};

describe('when Friday 16:00 comes in the team\'s zone', () => {
  it('Friday 16:00 in Asia/Shanghai is Friday 08:00 UTC', () => {
    expect(latestOccurrence('0 16 * * 5', 'Asia/Shanghai', new Date('2026-11-20T08:30:00Z'))?.toISOString()).toBe('2026-11-20T08:00:00.000Z');
    expect(latestOccurrence('0 16 * * 5', 'Asia/Shanghai', new Date('2026-11-20T07:59:00Z'))?.toISOString()).toBe('2026-11-13T08:00:00.000Z');
    expect(latestOccurrence('0 16 * * 5', 'America/New_York', new Date('2026-11-20T21:30:00Z'))?.toISOString()).toBe('2026-11-20T21:00:00.000Z');
  });
});

describe.each(DATABASES)('the digest scheduler (%s)', (kind) => {
  const slack = new FakeSlack();
  let database: TestDatabase;
  let client: WebClient;
  let now: Date;
  let slept: number[];

  /** Most stories are about one digest: the weekly funnel; the overdue one has its own. */
  const WEEKLY_ONLY = DIGEST_JOBS.filter((job) => job.name === 'weekly-funnel');

  function scheduler(on: { db: Database['db']; provider: Database['provider'] } = database, defaults: DigestDefaults = DEFAULTS, jobs: readonly DigestJob[] = WEEKLY_ONLY) {
    return new DigestScheduler({
      jobs,
      database: on,
      poster: slackDigestPoster({ clientFor: async () => client, logger: pino({ level: 'silent' }), pacer: new ChannelPacer(0) }),
      serves: (workspaceId) => workspaceId === TEAM,
      defaults,
      logger: pino({ level: 'silent' }),
      now: () => now,
      retry: { attempts: 3, firstDelayMs: 10 },
      sleep: async (ms) => void slept.push(ms),
    });
  }

  const runs = () => database.db.jobRun.findMany({ orderBy: { id: 'asc' } });
  const digestPosts = () => slack.callsOf('chat.postMessage').filter((call) => String(call.args.text).startsWith('Weekly funnel'));

  beforeAll(async () => {
    await slack.start();
    client = new WebClient('xoxb-scheduler', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    database = await freshDatabase(kind);
    await seedDemo(database.db, { workspaceId: TEAM, timeZone: 'Asia/Shanghai', locale: 'en', now: FRIDAY_RUN, seed: 11, leads: 300, leadsOnly: true });
  });
  afterAll(async () => {
    await slack.stop();
    await database?.drop();
  });
  beforeEach(async () => {
    slack.clear();
    slept = [];
    await database.db.jobRun.deleteMany();
    await database.db.digestSchedule.deleteMany();
    await database.db.goal.deleteMany();
  });

  it('posts a run it missed while down, once, marked late, and a second start posts nothing', async () => {
    now = new Date('2026-11-20T08:30:00Z');
    await scheduler().catchUp();
    const [post] = digestPosts();
    expect(post?.args.channel).toBe('C0MANAGERS');
    expect(JSON.stringify(post?.args.blocks)).toContain('Posted late');
    expect(slack.callsOf('conversations.join')[0]?.args.channel).toBe('C0MANAGERS');
    expect(await runs()).toMatchObject([{ workspaceId: TEAM, job: 'weekly-funnel', periodKey: '2026-11-16..2026-11-22', status: 'POSTED', late: true, channelId: 'C0MANAGERS', attempts: 1 }]);

    await scheduler().catchUp();
    expect(digestPosts()).toHaveLength(1);
  });

  it('posts on time without a late note when the run starts at its minute', async () => {
    now = new Date('2026-11-20T08:00:20Z');
    await scheduler().catchUp();
    expect(JSON.stringify(digestPosts()[0]?.args.blocks)).not.toContain('Posted late');
    expect((await runs())[0]).toMatchObject({ status: 'POSTED', late: false });
  });

  it('does not post last week\'s digest on a Thursday start', async () => {
    now = new Date('2026-11-26T02:00:00Z');
    await scheduler().catchUp();
    expect(digestPosts()).toHaveLength(0);
    expect(await runs()).toEqual([]);
  });

  it('posts once when two schedulers (two processes\' connections) run the same digest at once', async () => {
    now = new Date('2026-11-20T08:00:05Z');
    const second = await openDatabase(database.url);
    try {
      const [a, b] = [scheduler(), scheduler(second)];
      const [entry] = await a.schedules();
      await Promise.all([a.run(entry!, FRIDAY_RUN), b.run(entry!, FRIDAY_RUN), a.run(entry!, FRIDAY_RUN)]);
    } finally {
      await second.close();
    }
    expect(digestPosts()).toHaveLength(1);
    expect(await runs()).toHaveLength(1);
  });

  it('takes over a run whose process died between claim and post, and posts it once', async () => {
    now = new Date('2026-11-20T08:40:00Z');
    await database.db.jobRun.create({
      data: { workspaceId: TEAM, job: 'weekly-funnel', periodKey: '2026-11-16..2026-11-22', status: 'CLAIMED', claimedAt: new Date('2026-11-20T08:00:01Z') },
    });
    await scheduler().catchUp();
    expect(digestPosts()).toHaveLength(1);
    expect((await runs())[0]).toMatchObject({ status: 'POSTED', late: true });
  });

  it('leaves a fresh claim alone: its process may still be posting', async () => {
    now = new Date('2026-11-20T08:03:00Z');
    await database.db.jobRun.create({
      data: { workspaceId: TEAM, job: 'weekly-funnel', periodKey: '2026-11-16..2026-11-22', status: 'CLAIMED', claimedAt: new Date('2026-11-20T08:00:01Z') },
    });
    await scheduler().catchUp();
    expect(digestPosts()).toHaveLength(0);
  });

  it('does not post again when the dead process had posted but not recorded it', async () => {
    now = new Date('2026-11-20T08:40:00Z');
    await database.db.jobRun.create({
      data: { workspaceId: TEAM, job: 'weekly-funnel', periodKey: '2026-11-16..2026-11-22', status: 'CLAIMED', claimedAt: new Date('2026-11-20T08:00:01Z') },
    });
    slack.addToHistory('C0MANAGERS', {
      type: 'message',
      ts: '1795680002.000100',
      text: 'Weekly funnel',
      metadata: { event_type: 'leadops_digest', event_payload: { run: `${TEAM}/weekly-funnel/2026-11-16..2026-11-22` } },
    });
    await scheduler().catchUp();
    expect(digestPosts()).toHaveLength(0);
    expect((await runs())[0]).toMatchObject({ status: 'POSTED', messageTs: '1795680002.000100', error: 'already posted before a restart' });
  });

  it('retries a failed post with growing delays, and the ledger counts the attempts', async () => {
    now = new Date('2026-11-20T08:00:10Z');
    slack.answerNext('chat.postMessage', { ok: false, error: 'internal_error' }, { ok: false, error: 'internal_error' });
    await scheduler().catchUp();
    expect(slept).toEqual([10, 40]);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(3);
    expect((await runs())[0]).toMatchObject({ status: 'POSTED', attempts: 3 });
  });

  it('gives up at once on an error no retry fixes, and says so in the ledger', async () => {
    now = new Date('2026-11-20T08:00:10Z');
    slack.answerNext('chat.postMessage', { ok: false, error: 'not_in_channel' });
    await scheduler().catchUp();
    expect(slept).toEqual([]);
    expect((await runs())[0]).toMatchObject({ status: 'FAILED', error: 'not_in_channel (after 1 attempt)' });
  });

  it('follows the workspace\'s own schedule in the database over the defaults', async () => {
    now = new Date('2026-11-20T08:30:00Z');
    await database.db.digestSchedule.create({ data: { workspaceId: TEAM, digest: 'weekly-funnel', channelId: 'C0OTHER', cron: '0 16 * * 5' } });
    await scheduler().catchUp();
    expect(digestPosts()[0]?.args.channel).toBe('C0OTHER');

    slack.clear();
    await database.db.jobRun.deleteMany();
    await database.db.digestSchedule.update({ where: { workspaceId_digest: { workspaceId: TEAM, digest: 'weekly-funnel' } }, data: { enabled: false } });
    await scheduler().catchUp();
    expect(digestPosts()).toHaveLength(0);
  });

  it('on a weekday morning posts the overdue overview once, and sends no DM of its own', async () => {
    now = new Date('2026-11-23T01:30:00Z'); // Monday 09:30 in Shanghai
    await database.db.member.deleteMany();
    const overdueOnly = DIGEST_JOBS.filter((job) => job.name === 'overdue');
    await scheduler(database, DEFAULTS, overdueOnly).catchUp();
    const overview = slack.callsOf('chat.postMessage').filter((call) => call.args.channel === 'C0MANAGERS');
    expect(overview).toHaveLength(1);
    expect(String(overview[0]!.args.text)).toMatch(/^Overdue follow-ups · 2026-11-23: \d+ leads are past their follow-up day/);
    expect(slack.callsOf('conversations.open')).toHaveLength(0);
    // Chart labels: each owner's name was asked of Slack once and kept.
    const asked = slack.callsOf('users.info').length;
    expect(asked).toBeGreaterThan(3);
    expect(await database.db.member.count({ where: { workspaceId: TEAM } })).toBe(asked);
    expect(await runs()).toMatchObject([{ job: 'overdue', periodKey: '2026-11-23', status: 'POSTED' }]);

    slack.clear();
    await scheduler(database, DEFAULTS, overdueOnly).catchUp();
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('at 09:00 on a weekday each rep with something due gets one DM, in their own language; nobody gets two, across restarts', async () => {
    now = new Date('2026-11-23T01:00:30Z'); // Monday 09:00 in Shanghai
    await database.db.member.deleteMany();
    const owners = (await database.db.lead.groupBy({ by: ['ownerId'], where: { workspaceId: TEAM, stage: { notIn: ['WON', 'LOST'] } } })).map((row) => row.ownerId);
    const [zhRep] = owners;
    slack.people.set(zhRep!, { id: zhRep!, name: 'wang', realName: '王芳', locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    // Someone whose only lead is scheduled for next week has nothing due: no DM.
    const quiet = await database.db.lead.create({
      data: { workspaceId: TEAM, number: '20261120901', name: 'Calm Co', ownerId: 'U0CALM', acquiredAt: new Date('2026-11-20T02:00:00Z'), contactedAt: new Date('2026-11-20T03:00:00Z'), stage: 'CONTACTED', nextFollowUpAt: new Date('2026-11-30T00:00:00+08:00'), createdById: 'U0CALM', version: 1 },
    });
    const morningOnly = DIGEST_JOBS.filter((job) => job.name === 'morning');
    // No managers' channel is needed for the reps' DMs.
    await scheduler(database, { ...DEFAULTS, channelId: undefined }, morningOnly).catchUp();

    const dms = slack.callsOf('chat.postMessage');
    const opened = slack.callsOf('conversations.open').map((call) => String(call.args.users));
    expect(dms.length).toBe(opened.length);
    expect(dms.length).toBeGreaterThan(3);
    expect(new Set(opened).size).toBe(opened.length);
    expect(opened).not.toContain('U0CALM');
    expect(dms.every((call) => String(call.args.channel).startsWith('D'))).toBe(true);
    const zhIndex = opened.indexOf(zhRep!);
    expect(zhIndex).toBeGreaterThanOrEqual(0);
    expect(String(dms[zhIndex]!.args.text)).toMatch(/^早上好！今天有 \d+ 条线索需要你跟进。$/);
    const enIndex = opened.findIndex((user) => user !== zhRep);
    expect(String(dms[enIndex]!.args.text)).toMatch(/^Good morning! \d+ leads? needs? you today\.$/);
    expect(JSON.stringify(dms[enIndex]!.args.blocks)).toContain('lead_open_follow_up');
    const ledger = await runs();
    expect(ledger.map((run) => run.periodKey).sort()).toEqual(opened.map((user) => `2026-11-23:${user}`).sort());
    expect(ledger.every((run) => run.job === 'morning' && run.status === 'POSTED')).toBe(true);

    slack.clear();
    await scheduler(database, { ...DEFAULTS, channelId: undefined }, morningOnly).catchUp();
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    await database.db.lead.delete({ where: { id: quiet.id } });
  });

  it('the morning before an action item is due, its owner is reminded once, in their language', async () => {
    now = new Date('2026-11-23T01:00:30Z'); // Monday 09:00 in Shanghai
    slack.people.set('U0OWNER', { id: 'U0OWNER', name: 'owner', realName: '周杰', locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    const item = await database.db.actionItem.create({
      data: { workspaceId: TEAM, title: '每条抖音线索附上报价单', ownerId: 'U0OWNER', dueAt: new Date('2026-11-24T00:00:00+08:00'), createdById: 'U0BOSS' },
    });
    const later = await database.db.actionItem.create({
      data: { workspaceId: TEAM, title: 'Not yet', ownerId: 'U0OWNER', dueAt: new Date('2026-11-30T00:00:00+08:00'), createdById: 'U0BOSS' },
    });
    try {
      const morningOnly = DIGEST_JOBS.filter((job) => job.name === 'morning');
      await scheduler(database, DEFAULTS, morningOnly).catchUp();
      const reminders = slack.callsOf('chat.postMessage').filter((call) => String(call.args.text).startsWith('提醒'));
      expect(reminders.map((call) => String(call.args.text))).toEqual([
        `提醒：你的行动项 \u200b*#${item.id}*\u200b 明天（11月24日 周二）到期：每条抖音线索附上报价单。完成后请在 \`/lead actions\` 中关闭并记录结果。`,
      ]);
      expect((await runs()).filter((run) => run.job === 'action-due').map((run) => run.periodKey)).toEqual([`2026-11-23:${item.id}`]);
      slack.clear();
      await scheduler(database, DEFAULTS, morningOnly).catchUp();
      expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    } finally {
      await database.db.actionItem.deleteMany({ where: { id: { in: [item.id, later.id] } } });
    }
  });

  it('on Friday afternoon posts the goals digest after the funnel, each once', async () => {
    now = new Date('2026-11-20T08:06:00Z'); // 16:06 in Shanghai
    await database.db.goal.create({
      data: { workspaceId: TEAM, metric: 'NEW_LEADS', target: '50', periodStart: new Date('2026-10-31T16:00:00Z'), periodEnd: new Date('2026-11-30T16:00:00Z'), createdById: 'U1' },
    });
    await scheduler(database, DEFAULTS, DIGEST_JOBS.filter((job) => job.name === 'weekly-funnel' || job.name === 'goals')).catchUp();
    const texts = slack.callsOf('chat.postMessage').map((call) => String(call.args.text));
    expect(texts[0]).toMatch(/^Weekly funnel/);
    expect(texts[1]).toMatch(/^Goal progress · 2026-11-20: 1 goal, [01] behind$/);
    expect((await runs()).map((run) => [run.job, run.periodKey, run.status])).toEqual([
      ['weekly-funnel', '2026-11-16..2026-11-22', 'POSTED'],
      ['goals', '2026-11-16..2026-11-22', 'POSTED'],
    ]);
  });

  it('starts one cron task per digest in the team\'s zone, and stops them', async () => {
    now = new Date('2026-11-26T02:00:00Z'); // a Thursday: nothing to catch up
    const running = scheduler(database, DEFAULTS, DIGEST_JOBS);
    await running.start();
    try {
      const tasks = [...getTasks().values()].filter((task) => task.name?.startsWith(`${TEAM}:`));
      expect(tasks.map((task) => task.name).sort()).toEqual([`${TEAM}:goals`, `${TEAM}:morning`, `${TEAM}:overdue`, `${TEAM}:weekly-funnel`]);
      const weekly = tasks.find((task) => task.name === `${TEAM}:weekly-funnel`)!;
      // The next Friday 16:00 in Shanghai, whatever the machine's own zone.
      expect(weekly.getNextRun()!.getUTCDay()).toBe(5);
      expect(weekly.getNextRun()!.getUTCHours()).toBe(8);
    } finally {
      await running.stop();
    }
    expect([...getTasks().values()].filter((task) => task.name?.startsWith(`${TEAM}:`) && task.getStatus() !== 'destroyed')).toEqual([]);
  });

  it('never schedules a workspace the bot does not serve, whose row a stranger\'s request left behind', async () => {
    await database.db.workspace.upsert({ where: { id: 'T0FOREIGN' }, create: { id: 'T0FOREIGN', timeZone: 'UTC' }, update: {} });
    const schedules = await scheduler(database, DEFAULTS, DIGEST_JOBS).schedules();
    expect(schedules.map((entry) => entry.workspace.id)).toEqual([TEAM, TEAM, TEAM, TEAM]);
    now = new Date('2026-11-20T08:30:00Z');
    await scheduler().catchUp();
    expect(digestPosts()).toHaveLength(1);
    expect(await database.db.jobRun.count({ where: { workspaceId: 'T0FOREIGN' } })).toBe(0);
    await database.db.workspace.delete({ where: { id: 'T0FOREIGN' } });
  });

  it('posts to the channel /lead config set over DIGEST_CHANNEL, and follows a new zone when told the settings changed', async () => {
    await database.db.workspace.update({ where: { id: TEAM }, data: { digestChannelId: 'C0CONFIG' } });
    try {
      now = new Date('2026-11-20T08:30:00Z');
      await scheduler().catchUp();
      expect(digestPosts().map((call) => call.args.channel)).toEqual(['C0CONFIG']);
      // A digest's own channel in digest_schedule still wins.
      await database.db.digestSchedule.create({ data: { workspaceId: TEAM, digest: 'overdue', channelId: 'C0OVERDUE' } });
      const all = scheduler(database, { ...DEFAULTS, channelId: undefined }, DIGEST_JOBS);
      expect((await all.schedules()).map((entry) => [entry.job.name, entry.channelId])).toEqual([
        ['weekly-funnel', 'C0CONFIG'],
        ['overdue', 'C0OVERDUE'],
        ['goals', 'C0CONFIG'],
        ['morning', 'C0CONFIG'],
      ]);

      await all.refresh();
      expect(all.scheduled().map((entry) => entry.timeZone)).toEqual(['Asia/Shanghai', 'Asia/Shanghai', 'Asia/Shanghai', 'Asia/Shanghai']);
      await database.db.workspace.update({ where: { id: TEAM }, data: { timeZone: 'Europe/Berlin' } });
      await all.refresh();
      expect(all.scheduled().map((entry) => entry.timeZone)).toEqual(['Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin']);
      // The tasks of the old zone are gone, not running beside the new ones.
      expect([...getTasks().values()].filter((task) => task.name?.startsWith(`${TEAM}:`) && task.getStatus() !== 'destroyed')).toHaveLength(4);
      await all.stop();
    } finally {
      await database.db.workspace.update({ where: { id: TEAM }, data: { digestChannelId: null, timeZone: 'Asia/Shanghai' } });
    }
  });

  it('schedules no channel digest without a channel; the reps\' morning DMs need none', async () => {
    expect(await scheduler(database, { ...DEFAULTS, channelId: undefined }).schedules()).toEqual([]);
    const all = await scheduler(database, { ...DEFAULTS, channelId: undefined }, DIGEST_JOBS).schedules();
    expect(all.map((entry) => [entry.job.name, entry.cron])).toEqual([['morning', '0 9 * * 1-5']]);
  });

  // Last: it moves leads into the pool, which the tests above would not expect.
  it('where the workspace turned the pool on, quiet leads return to it that morning, journaled by the system, and are in no DM', async () => {
    now = new Date('2026-11-23T01:00:30Z');
    await database.db.workspace.update({ where: { id: TEAM }, data: { poolAfterDays: 45 } });
    const morningOnly = DIGEST_JOBS.filter((job) => job.name === 'morning');
    await scheduler(database, DEFAULTS, morningOnly).catchUp();
    const pooled = await database.db.lead.findMany({ where: { workspaceId: TEAM, pooledAt: { not: null } } });
    expect(pooled.length).toBeGreaterThan(0);
    expect(pooled.every((lead) => lead.pooledAt!.getTime() === new Date('2026-11-23T01:00:00Z').getTime() && lead.nextFollowUpAt === null)).toBe(true);
    const entries = await database.db.activity.findMany({ where: { kind: 'pool' } });
    expect(entries).toHaveLength(pooled.length);
    expect(entries.every((entry) => entry.via === 'system' && entry.byId === 'leadops')).toBe(true);
    const dmText = JSON.stringify(slack.callsOf('chat.postMessage').map((call) => call.args.blocks));
    for (const lead of pooled) expect(dmText).not.toContain(lead.number);
    await database.db.workspace.update({ where: { id: TEAM }, data: { poolAfterDays: null } });
  });
});
