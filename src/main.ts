import { ConfigError, loadConfig, type Config } from './config.js';
import { DigestScheduler } from './jobs/scheduler.js';
import { createLogger } from './logger.js';
import { SlackStartError, startSlackApp } from './slack/app.js';
import { openDatabase } from './store/database.js';
import { Workspaces } from './store/workspaces.js';

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

const services = {
  db: database.db,
  provider: database.provider,
  workspaces: new Workspaces(database.db, { timeZone: config.defaultTimeZone, locale: config.defaultLocale }),
  logger,
  now: () => new Date(),
};
const slack = await startSlackApp({ mode: config.slack, slackApiUrl: config.slackApiUrl }, services).catch(async (error: unknown) => {
  await database.close();
  return fail(error instanceof SlackStartError ? error.message : String(error));
});
const scheduler = new DigestScheduler({
  database,
  clientFor: async () => slack.app.client,
  defaults: config.digests,
  logger: logger.child({ component: 'digests' }),
  now: () => new Date(),
});
await scheduler.start();
logger.info(
  config.slack.kind === 'socket' ? { mode: 'socket' } : { mode: 'http', port: slack.port, path: '/slack/events' },
  'leadops is running',
);

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
