import { WebClient } from '@slack/web-api';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DigestScheduler } from './jobs/scheduler.js';
import { boltLogger, createLogger } from './logger.js';
import { SlackStartError, startSlackApp } from './slack/app.js';
import { slackDigestPoster } from './slack/digest-poster.js';
import { appServices } from './slack/services.js';
import { openDatabase } from './store/database.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`leadops cannot start:\n${error.problems.map((problem) => `  • ${problem}`).join('\n')}`);
      process.exit(1);
    }
    throw error;
  }
}

/** Start-up failures a person can fix get one line, not a stack trace. */
function fail(message: string): never {
  console.error(`leadops cannot start: ${message}`);
  process.exit(1);
}

const config = readConfig();
const logger = createLogger(config.logLevel);
const database = await openDatabase(config.databaseUrl).catch((error: unknown) =>
  fail(`the database at ${redactUrl(config.databaseUrl)} could not be opened or migrated: ${error instanceof Error ? error.message : error}`),
);
logger.info({ provider: database.provider }, 'database ready');

const services = appServices(database, {
  defaults: { timeZone: config.defaultTimeZone, locale: config.defaultLocale },
  logger,
  funnelWindowWeeks: config.digests.funnelWindowWeeks,
  teamAdmins: config.teamAdmins,
  // The scheduler exists by the time anyone can save settings: it starts before the first request is served.
  settingsChanged: () => void scheduler.refresh().catch((error: unknown) => logger.error({ err: error }, 'rescheduling digests failed')),
});
const slack = await startSlackApp({ mode: config.slack, slackApiUrl: config.slackApiUrl }, services).catch(async (error: unknown) => {
  await database.close();
  return fail(error instanceof SlackStartError ? error.message : String(error));
});
// Digests have no one waiting on them: their own client allows slow uploads and leaves
// retries (and Retry-After) to the scheduler, which records each attempt in the ledger.
const digestClient = new WebClient(config.slack.botToken, {
  slackApiUrl: config.slackApiUrl,
  logger: boltLogger(logger),
  retryConfig: { retries: 0 },
  rejectRateLimitedCalls: true,
  timeout: 30_000,
});
const scheduler = new DigestScheduler({
  database,
  poster: slackDigestPoster({ clientFor: async () => digestClient, logger: logger.child({ component: 'digests' }) }),
  serves: (workspaceId) => slack.served.orgWide || workspaceId === slack.served.teamId,
  defaults: config.digests,
  logger: logger.child({ component: 'digests' }),
  now: () => new Date(),
});
await scheduler.start();
logger.info(
  config.slack.kind === 'socket' ? { mode: 'socket', team: slack.served.teamId } : { mode: 'http', host: config.slack.host, port: slack.port, path: '/slack/events', team: slack.served.teamId },
  'leadops is running',
);

// From here on nothing a request does may end the process: a bug in one listener is
// logged and the bot keeps serving everyone else.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection (survived)'));
process.on('uncaughtException', (error) => logger.error({ err: error }, 'uncaught exception (survived)'));

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  await scheduler.stop();
  await slack.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping Slack failed'));
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
