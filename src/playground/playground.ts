import { randomBytes } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { DigestDefaults } from '../config.js';
import { seedDemo } from '../store/demo-seed.js';
import { DEFAULT_FUNNEL_WINDOW_WEEKS } from '../digests/funnel-digest.js';
import { DIGEST_JOBS } from '../jobs/digest-jobs.js';
import { DigestScheduler } from '../jobs/scheduler.js';
import { boltLogger } from '../logger.js';
import { startSlackApp, EVENTS_PATH } from '../slack/app.js';
import { slackDigestPoster } from '../slack/digest-poster.js';
import { ChannelPacer } from '../slack/pacer.js';
import { appServices } from '../slack/services.js';
import { openDatabase } from '../store/database.js';
import { pageAssets } from './assets.js';
import { SlackDriver } from './driver.js';
import { FakeSlack } from './fake-slack.js';
import { forgetRuns } from '../store/job-runs.js';
import { countLeads } from '../store/leads.js';
import { memberProfiles, setMemberRole } from '../store/members.js';
import { ALIGNMENT_CHANNEL, demoPeople, MANAGERS_CHANNEL, PERSONAS, PLAYGROUND_TEAM } from './people.js';
import { PlaygroundServer } from './server.js';
import { PlaygroundSession } from './session.js';

export interface PlaygroundOptions {
  databaseUrl: string;
  /** The page's port; 0 picks a free one. */
  port: number;
  logger: Logger;
  /** The secret in the page's link; a random one unless a test gives its own. */
  token?: string;
  timeZone?: string;
  locale?: 'en' | 'zh';
}

export interface RunningPlayground {
  url: string;
  slack: FakeSlack;
  stop(): Promise<void>;
}

const DEMO_DEFAULTS: DigestDefaults = {
  channelId: MANAGERS_CHANNEL.id,
  alignmentChannelId: ALIGNMENT_CHANNEL.id,
  cron: { 'weekly-funnel': '0 16 * * 5', overdue: '30 9 * * 1-5', goals: '5 16 * * 5', morning: '0 9 * * 1-5', bottlenecks: '30 8 * * 1' },
  funnelWindowWeeks: DEFAULT_FUNNEL_WINDOW_WEEKS,
};

/**
 * The real bot, on its own database, talking to a Slack that lives in this process,
 * and a page on loopback that shows that Slack to a person. Everything the bot does
 * here it would do in Slack: the same requests, signed; the same Web API calls.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const locale = options.locale ?? 'en';
  const database = await openDatabase(options.databaseUrl);
  const admins = PERSONAS.filter((persona) => persona.role === 'admin').map((persona) => persona.id);
  // The demo manager is one because the admin said so, as in a real team (`/lead role`).
  const giveManagersTheirRole = async () => {
    for (const persona of PERSONAS.filter((candidate) => candidate.role === 'manager')) {
      const known = await memberProfiles(database.db, PLAYGROUND_TEAM.id, [persona.id], new Date());
      if (known.get(persona.id)?.role !== 'manager') {
        await setMemberRole(database.db, PLAYGROUND_TEAM.id, persona.id, 'manager', { byId: admins[0] ?? persona.id, at: new Date(), via: 'playground' });
      }
    }
  };
  const reseed = async () => {
    await seedDemo(database.db, { workspaceId: PLAYGROUND_TEAM.id, timeZone, locale, now: new Date() });
    await giveManagersTheirRole();
  };
  if ((await countLeads(database.db, PLAYGROUND_TEAM.id)) === 0) await reseed();
  else await giveManagersTheirRole();

  const slack = await new FakeSlack({ team: PLAYGROUND_TEAM, people: demoPeople() }).start();
  const signingSecret = randomBytes(16).toString('hex');
  const botToken = 'xoxb-playground';
  const services = appServices(database, {
    defaults: { timeZone, locale },
    logger: options.logger,
    funnelWindowWeeks: DEMO_DEFAULTS.funnelWindowWeeks,
    teamAdmins: admins,
    via: 'playground',
  });
  const bot = await startSlackApp({ mode: { kind: 'http', botToken, signingSecret, port: 0, host: '127.0.0.1' }, slackApiUrl: slack.apiUrl }, services);
  const driver = new SlackDriver(`http://127.0.0.1:${bot.port}${EVENTS_PATH}`, signingSecret, slack);
  const digestClient = new WebClient(botToken, { slackApiUrl: slack.apiUrl, logger: boltLogger(options.logger), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  const scheduler = new DigestScheduler({
    database,
    poster: slackDigestPoster({ clientFor: async () => digestClient, logger: options.logger.child({ component: 'digests' }), pacer: new ChannelPacer(0) }),
    serves: (workspaceId) => workspaceId === PLAYGROUND_TEAM.id,
    defaults: DEMO_DEFAULTS,
    logger: options.logger.child({ component: 'digests' }),
    now: () => new Date(),
    retry: { attempts: 1, firstDelayMs: 0 },
  });
  const session = new PlaygroundSession({
    slack,
    driver,
    scheduler,
    timeZone,
    reseed: async () => {
      await reseed();
      services.workspaces.forget(PLAYGROUND_TEAM.id);
    },
    forgetDigestRuns: async (digest) => {
      const job = DIGEST_JOBS.find((candidate) => candidate.name === digest)!;
      const period = job.periodKey(new Date(), timeZone);
      // The morning's reminders of action items go out with its DMs.
      await forgetRuns(database.db, PLAYGROUND_TEAM.id, digest === 'morning' ? ['morning', 'action-due'] : [digest], period);
    },
  });
  const token = options.token ?? randomBytes(18).toString('base64url');
  const server = await new PlaygroundServer({ token, host: '127.0.0.1', port: options.port, slack, session, assets: await pageAssets(), logger: options.logger }).start();
  return {
    url: `http://127.0.0.1:${server.port}/?t=${token}`,
    slack,
    async stop() {
      await server.stop();
      await bot.stop();
      await slack.stop();
      await database.close();
    },
  };
}
