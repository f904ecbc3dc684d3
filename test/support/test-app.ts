import { pino } from 'pino';
import { startSlackApp, EVENTS_PATH, type RunningSlackApp } from '../../src/slack/app.js';
import type { AppServices } from '../../src/slack/services.js';
import { Workspaces } from '../../src/store/workspaces.js';
import { freshDatabase, type DatabaseKind, type TestDatabase } from './databases.js';
import { FakeSlack } from './fake-slack.js';
import { SlackDriver } from './slack-driver.js';

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
export async function startTestApp(kind: DatabaseKind, options: { timeZone?: string; locale?: 'en' | 'zh' } = {}): Promise<TestApp> {
  const slack = await new FakeSlack().start();
  const database = await freshDatabase(kind);
  let fixedNow: Date | undefined;
  const services: AppServices = {
    db: database.db,
    provider: database.provider,
    workspaces: new Workspaces(database.db, { timeZone: options.timeZone ?? 'Asia/Shanghai', locale: options.locale ?? 'en' }),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    now: () => fixedNow ?? new Date(),
  };
  const running = await startSlackApp(
    {
      mode: { kind: 'http', botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0 },
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
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
      await database.drop();
    },
  };
}
