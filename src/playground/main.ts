import { z } from 'zod';
import { createLogger } from '../logger.js';
import { startPlayground } from './playground.js';

/**
 * `npm run playground`: the bot and a stand-in for Slack, in one process, on this
 * machine only. Its data is a demo team in its own SQLite file, apart from the bot's.
 */
const settings = z
  .object({
    PLAYGROUND_PORT: z.string().regex(/^\d{1,5}$/, 'must be a port number').transform(Number).default(3100),
    PLAYGROUND_DATABASE_URL: z.string().regex(/^file:.+/, 'must be file:<path> (the playground runs on SQLite)').default('file:./data/playground.db'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  })
  .safeParse(process.env);
if (!settings.success) {
  console.error(`the playground cannot start:\n${settings.error.issues.map((issue) => `  • ${issue.path.join('.')}: ${issue.message}`).join('\n')}`);
  process.exit(1);
}
const env = settings.data;
const logger = createLogger(env.LOG_LEVEL);

console.log('Starting the leadops playground (the demo team is seeded on first start)…');
const playground = await startPlayground({ databaseUrl: env.PLAYGROUND_DATABASE_URL, port: env.PLAYGROUND_PORT, logger }).catch((error: unknown) => {
  const busy = (error as { code?: string }).code === 'EADDRINUSE';
  console.error(`the playground cannot start: ${busy ? `port ${env.PLAYGROUND_PORT} is taken; set PLAYGROUND_PORT to another` : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
console.log(`\nleadops playground: open ${playground.url}\n(this machine only; Ctrl-C stops it)`);

process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection (survived)'));
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void playground.stop().finally(() => process.exit(0));
  });
}
