import { pino } from 'pino';
import { startSlackApp, EVENTS_PATH, type RunningSlackApp } from '../../src/slack/app.js';
import { appServices, type AppServices } from '../../src/slack/services.js';
import { freshDatabase, type DatabaseKind, type TestDatabase } from './databases.js';
import { FakeSlack } from '../../src/playground/fake-slack.js';
import { SlackDriver } from '../../src/playground/driver.js';

export const SIGNING_SECRET = '5f1c0de0a1b2c3d4e5f60718293a4b5c';
export const BOT_TOKEN = 'xoxb-test-token';

export interface TestApp {
  slack: FakeSlack;
  driver: SlackDriver;
  database: TestDatabase;
  services: AppServices;
  running: RunningSlackApp;
  /** Moves the bot's clock; undefined goes back to real time. */
  setNow(date: Date | undefined): void;
  close(): Promise<void>;
}

/**
 * The real app, on a real database of the given kind, serving signed HTTP on a free
 * port, with its Web API client pointed at a fake Slack that records every call.
 */
export interface TestAppOptions {
  timeZone?: string;
  locale?: 'en' | 'zh';
  /** Another app's database, to run two instances on one (it is then that app's to drop). */
  database?: TestDatabase;
  /** Collects every log line the app writes, parsed, for tests about what an operator sees. */
  logs?: Array<Record<string, unknown>>;
  interactiveTimeoutMs?: number;
  funnelWindowWeeks?: number;
  /** TEAM_ADMINS: these users are admins. */
  teamAdmins?: string[];
  /** The Home refresh's debounce; 0 unless a test is about the debounce. */
  homeRefreshDelayMs?: number;
  /** Told when `/lead config` changed a workspace's settings (main.ts reschedules the digests). */
  settingsChanged?: (workspaceId: string) => void;
  /** What the app draws its random picks from (`/lead audit`): a seeded generator keeps a test's sample the same. */
  random?: () => number;
}

export async function startTestApp(kind: DatabaseKind, options: TestAppOptions = {}): Promise<TestApp> {
  const slack = await new FakeSlack({ botToken: BOT_TOKEN }).start();
  const database = options.database ?? (await freshDatabase(kind));
  let fixedNow: Date | undefined;
  const logs = options.logs;
  const logger = logs
    ? pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) })
    : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const services = appServices(database, {
    defaults: { timeZone: options.timeZone ?? 'Asia/Shanghai', locale: options.locale ?? 'en' },
    logger,
    now: () => fixedNow ?? new Date(),
    funnelWindowWeeks: options.funnelWindowWeeks,
    teamAdmins: options.teamAdmins,
    homeRefreshDelayMs: options.homeRefreshDelayMs ?? 0,
    settingsChanged: options.settingsChanged,
    random: options.random,
  });
  const running = await startSlackApp(
    {
      mode: { kind: 'http', botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1' },
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      interactiveTimeoutMs: options.interactiveTimeoutMs,
    },
    services,
  );
  const driver = new SlackDriver(`http://127.0.0.1:${running.port}${EVENTS_PATH}`, SIGNING_SECRET, slack);
  return {
    slack,
    driver,
    database,
    services,
    running,
    setNow: (date) => {
      fixedNow = date;
    },
    async close() {
      await running.stop();
      await slack.stop();
      if (!options.database) await database.drop();
    },
  };
}
