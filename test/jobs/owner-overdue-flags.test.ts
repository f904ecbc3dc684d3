import { WebClient } from '@slack/web-api';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DigestDefaults } from '../../src/config.js';
import { weekContaining } from '../../src/domain/periods.js';
import { DIGEST_JOBS } from '../../src/jobs/digest-jobs.js';
import { DigestScheduler } from '../../src/jobs/scheduler.js';
import { FakeSlack } from '../../src/playground/fake-slack.js';
import { slackDigestPoster } from '../../src/slack/digest-poster.js';
import { ChannelPacer } from '../../src/slack/pacer.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { FLAG_ZONE, flagRunAfter } from '../support/flag-weeks.js';
import { WANG } from '../support/people.js';

/**
 * DOMAIN.md "Alignment": an owner whose overdue count doubled. The Monday run keeps each
 * owner's overdue as the week ended; against the weeks it kept before, 王芳's 12 after a
 * usual 4 is flagged in the alignment channel, once, by her name, with her leads; Mei's
 * steady 6 is not.
 */

const TEAM = 'T0OWNERS';
const MEI = 'U0MEI';
const DEFAULTS: DigestDefaults = {
  channelId: 'C0MANAGERS',
  alignmentChannelId: 'C0ALIGN',
  cron: { 'weekly-funnel': '0 16 * * 5', overdue: '30 9 * * 1-5', goals: '5 16 * * 5', morning: '0 9 * * 1-5', bottlenecks: '30 8 * * 1' },
  funnelWindowWeeks: 13,
};
const weekOf = (monday: string) => weekContaining(DateTime.fromISO(monday, { zone: FLAG_ZONE }).plus({ days: 2 }).toJSDate(), FLAG_ZONE).label;

describe.each(DATABASES)('an owner whose overdue doubled (%s)', (kind) => {
  const slack = new FakeSlack({ people: [{ ...WANG, realName: '王芳' }] });
  let database: TestDatabase;
  let client: WebClient;
  const at = new Date(flagRunAfter('2026-11-16').getTime() + 20_000);
  const run = () =>
    new DigestScheduler({
      jobs: DIGEST_JOBS.filter((job) => job.name === 'bottlenecks'),
      database,
      poster: slackDigestPoster({ clientFor: async () => client, logger: pino({ level: 'silent' }), pacer: new ChannelPacer(0) }),
      serves: (workspaceId) => workspaceId === TEAM,
      defaults: DEFAULTS,
      logger: pino({ level: 'silent' }),
      now: () => at,
      retry: { attempts: 1, firstDelayMs: 0 },
      sleep: async () => {},
    }).catchUp();

  let sequence = 0;
  /** `count` open leads of the owner, their follow-up due days ago (touched recently: overdue, not zombies). */
  async function overdueLeads(ownerId: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const number = `2026111000${String(++sequence).padStart(2, '0')}`;
      await database.db.lead.create({
        data: { workspaceId: TEAM, number, name: `Lead ${number}`, ownerId, createdById: ownerId, stage: 'CONTACTED', acquiredAt: new Date('2026-11-05T02:00:00Z'), contactedAt: new Date('2026-11-10T02:00:00Z'), lastFollowUpAt: new Date('2026-11-12T02:00:00Z'), nextFollowUpAt: new Date('2026-11-17T16:00:00Z') },
      });
    }
  }

  beforeAll(async () => {
    await slack.start();
    client = new WebClient('xoxb-owners', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    database = await freshDatabase(kind);
    await database.db.workspace.create({ data: { id: TEAM, timeZone: FLAG_ZONE, locale: 'en' } });
    // Four weeks the bot counted before: 王芳 4, 3, 5, 4; Mei 6 each.
    const kept = [['2026-10-19', 4], ['2026-10-26', 3], ['2026-11-02', 5], ['2026-11-09', 4]] as const;
    for (const [monday, wang] of kept) {
      const week = weekOf(monday);
      const takenAt = new Date();
      await database.db.overdueSnapshot.createMany({
        data: [
          { workspaceId: TEAM, week, ownerId: WANG.id, overdue: wang, takenAt },
          { workspaceId: TEAM, week, ownerId: MEI, overdue: 6, takenAt },
          { workspaceId: TEAM, week, ownerId: '', overdue: wang + 6, takenAt },
        ],
      });
    }
    await overdueLeads(WANG.id, 12);
    await overdueLeads(MEI, 6);
  });
  afterAll(async () => {
    await slack.stop();
    await database?.drop();
  });

  it('keeps the week\'s count, and flags 王芳 once, by name, with her leads and a chart of counts; Mei\'s steady 6 is not', async () => {
    await run();
    const week = weekOf('2026-11-16');
    const snapshot = await database.db.overdueSnapshot.findMany({ where: { workspaceId: TEAM, week }, orderBy: { ownerId: 'asc' } });
    expect(snapshot.map((row) => [row.ownerId, row.overdue])).toEqual([['', 18], [MEI, 6], [WANG.id, 12]]);
    // Taken at the run's slot (Monday 08:30 team time) by the scheduler's clock, not the machine's.
    expect(snapshot.every((row) => row.takenAt.getTime() === flagRunAfter('2026-11-16').getTime())).toBe(true);

    const posts = slack.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]!.args.blocks);
    expect(String(posts[0]!.args.text)).toBe("Follow-ups slipping: 王芳's overdue leads doubled: 12 overdue vs 4.0 a week usual — very unlikely to be chance.");
    expect(text).toContain('王芳 had 12 leads overdue as last week ended; 16 over the 4 weeks before that the bot counted.');
    expect(text).toContain('Leads behind it: *2026111000');
    expect(text).toContain('doubled, and a binomial test on the counts, p = ');
    expect(text).not.toContain('flagged from 10 points');
    const finding = await database.db.finding.findFirstOrThrow({ where: { workspaceId: TEAM } });
    expect(finding.key).toBe(`owner:${WANG.id}`);
    expect(slack.uploads.length).toBeGreaterThan(0);
  });

  it('run again the same week: the count kept stays, and nothing more is posted', async () => {
    await database.db.lead.updateMany({ where: { workspaceId: TEAM, ownerId: WANG.id }, data: { nextFollowUpAt: null } });
    await run();
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    const kept = await database.db.overdueSnapshot.findUniqueOrThrow({ where: { workspaceId_week_ownerId: { workspaceId: TEAM, week: weekOf('2026-11-16'), ownerId: WANG.id } } });
    expect(kept.overdue).toBe(12);
  });
});
