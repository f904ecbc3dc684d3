import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DigestDefaults } from '../../src/config.js';
import { DIGEST_JOBS } from '../../src/jobs/digest-jobs.js';
import { DigestScheduler } from '../../src/jobs/scheduler.js';
import { FakeSlack } from '../../src/playground/fake-slack.js';
import { slackDigestPoster } from '../../src/slack/digest-poster.js';
import { ChannelPacer } from '../../src/slack/pacer.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { BASELINE_MONDAYS, FLAG_ZONE, flagRunAfter, leftContacted } from '../support/flag-weeks.js';

const TEAM = 'T0FLAGS';
const DEFAULTS: DigestDefaults = {
  channelId: 'C0MANAGERS',
  alignmentChannelId: 'C0ALIGN',
  cron: { 'weekly-funnel': '0 16 * * 5', overdue: '30 9 * * 1-5', goals: '5 16 * * 5', morning: '0 9 * * 1-5', bottlenecks: '30 8 * * 1' },
  funnelWindowWeeks: 13,
};
const FLAGS_ONLY = DIGEST_JOBS.filter((job) => job.name === 'bottlenecks');

describe.each(DATABASES)('bottleneck flags in the alignment channel (%s)', (kind) => {
  const slack = new FakeSlack();
  let database: TestDatabase;
  let client: WebClient;
  let now: Date;

  const scheduler = () =>
    new DigestScheduler({
      jobs: FLAGS_ONLY,
      database,
      poster: slackDigestPoster({ clientFor: async () => client, logger: pino({ level: 'silent' }), pacer: new ChannelPacer(0) }),
      serves: (workspaceId) => workspaceId === TEAM,
      defaults: DEFAULTS,
      logger: pino({ level: 'silent' }),
      now: () => now,
      retry: { attempts: 1, firstDelayMs: 0 },
      sleep: async () => {},
    });
  const posts = () => slack.callsOf('chat.postMessage');

  beforeAll(async () => {
    await slack.start();
    client = new WebClient('xoxb-flags', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    database = await freshDatabase(kind);
    await database.db.workspace.create({ data: { id: TEAM, timeZone: FLAG_ZONE, locale: 'en' } });
  });
  afterAll(async () => {
    await slack.stop();
    await database?.drop();
  });
  beforeEach(() => slack.clear());

  // One story, week by week: each step starts where the one before left off.
  let lostInWeek1: string[] = [];
  let threadTs: string | undefined;

  it('a Contacted → Discovery drop-off of 60% against the usual 25% is posted once, with its number, leads and chart', async () => {
    for (const monday of BASELINE_MONDAYS) await leftContacted(database.db, TEAM, monday, { lost: 5, total: 20 });
    lostInWeek1 = await leftContacted(database.db, TEAM, '2026-11-16', { lost: 12, total: 20 });
    now = new Date(flagRunAfter('2026-11-16').getTime() + 20_000);
    await scheduler().catchUp();

    expect(posts()).toHaveLength(1);
    const post = posts()[0]!.args;
    expect(post.channel).toBe('C0ALIGN');
    expect(post.thread_ts).toBeUndefined();
    expect(post.text).toBe('Bottleneck: more leads drop between Contacted and Discovery: 60% dropped vs 25% usual — very unlikely to be chance.');
    const blocks = JSON.stringify(post.blocks);
    expect(blocks).toContain('12 of the 20 leads that left Contacted last week were lost; 40 of 160 in the 8 weeks before.');
    // The ten latest of the twelve, by number.
    for (const number of lostInWeek1.slice(-10)) expect(blocks).toContain(`*${number}*`);
    expect(blocks).toContain('"type":"image"');
    expect(slack.callsOf('files.getUploadURLExternal')).toHaveLength(1);
    expect(blocks).toContain('"action_id":"finding_dismiss"');

    const [finding] = await database.db.finding.findMany();
    expect(finding).toMatchObject({ key: 'dropoff:CONTACTED', firstWeek: '2026-11-16..2026-11-22', lastWeek: '2026-11-16..2026-11-22', status: 'OPEN', channelId: 'C0ALIGN' });
    threadTs = finding!.threadTs!;
    expect(slack.messages.get('C0ALIGN')?.map((message) => message.ts)).toEqual([threadTs]);
    expect(await database.db.jobRun.findMany({ select: { job: true, periodKey: true, status: true } })).toEqual([
      { job: 'bottlenecks', periodKey: '2026-11-16..2026-11-22:dropoff:CONTACTED', status: 'POSTED' },
    ]);
  });

  it('a second run in the same week, or a restart, posts nothing more', async () => {
    now = new Date(flagRunAfter('2026-11-16').getTime() + 3 * 3600_000);
    await scheduler().catchUp();
    await scheduler().run((await scheduler().schedules())[0]!, flagRunAfter('2026-11-16'));
    expect(posts()).toHaveLength(0);
    expect(await database.db.finding.count()).toBe(1);
  });

  it('the next week it persists: not posted again, but "still there, week 2" in its thread, once', async () => {
    await leftContacted(database.db, TEAM, '2026-11-23', { lost: 12, total: 20 });
    now = new Date(flagRunAfter('2026-11-23').getTime() + 20_000);
    await scheduler().catchUp();
    await scheduler().catchUp();
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.args).toMatchObject({ channel: 'C0ALIGN', thread_ts: threadTs });
    // The baseline now holds the first week: 47 of 160.
    expect(posts()[0]!.args.text).toBe('Still there, week 2: 60% dropped vs 29% usual.');
    expect(await database.db.finding.findMany()).toMatchObject([{ key: 'dropoff:CONTACTED', lastWeek: '2026-11-23..2026-11-29', status: 'OPEN' }]);
  });

  it('the week after it clears: "back to normal" in its thread, once, and the finding is closed', async () => {
    await leftContacted(database.db, TEAM, '2026-11-30', { lost: 5, total: 20 });
    now = new Date(flagRunAfter('2026-11-30').getTime() + 20_000);
    await scheduler().catchUp();
    await scheduler().catchUp();
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.args).toMatchObject({ channel: 'C0ALIGN', thread_ts: threadTs });
    // 6 weeks at 5 of 20 and 2 at 12 of 20: 54 of 160.
    expect(posts()[0]!.args.text).toBe('Back to normal: 25% dropped vs 34% usual.');
    expect(await database.db.finding.findMany()).toMatchObject([{ status: 'CLEARED', clearedWeek: '2026-11-30..2026-12-06' }]);

    slack.clear();
    now = new Date(flagRunAfter('2026-12-07').getTime() + 20_000);
    await scheduler().catchUp();
    expect(posts()).toHaveLength(0);
  });

  it('is not scheduled without an alignment channel, and follows /lead config\'s over ALIGNMENT_CHANNEL', async () => {
    const without = new DigestScheduler({
      jobs: FLAGS_ONLY,
      database,
      poster: slackDigestPoster({ clientFor: async () => client, logger: pino({ level: 'silent' }) }),
      serves: () => true,
      defaults: { ...DEFAULTS, alignmentChannelId: undefined },
      logger: pino({ level: 'silent' }),
      now: () => now,
    });
    expect(await without.schedules()).toEqual([]);
    await database.db.workspace.update({ where: { id: TEAM }, data: { alignmentChannelId: 'C0MEETING' } });
    expect((await scheduler().schedules()).map((entry) => entry.channelId)).toEqual(['C0MEETING']);
    await database.db.workspace.update({ where: { id: TEAM }, data: { alignmentChannelId: null } });
  });
});
