import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import type { SlackMode } from '../config.js';
import { boltLogger } from '../logger.js';
import { registerListeners } from './listeners/index.js';
import type { AppServices } from './services.js';

export interface SlackAppOptions {
  mode: SlackMode;
  /** Another base URL for the Web API: a proxy, or the fake Slack of the tests. */
  slackApiUrl?: string;
  /**
   * Interactive replies are only useful within seconds, so a failed Web API call is
   * retried twice quickly rather than the client's default ten times over 30 minutes.
   */
  retryConfig?: RetryOptions;
}

export interface RunningSlackApp {
  app: App;
  /** The HTTP port actually listened on (useful with port 0); undefined in Socket Mode. */
  port?: number;
  stop(): Promise<void>;
}

export const EVENTS_PATH = '/slack/events';

export class SlackStartError extends Error {
  constructor(cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`Slack did not accept the bot token (auth.test failed: ${detail}). Check SLACK_BOT_TOKEN, and SLACK_API_URL if set.`, { cause });
  }
}

export async function startSlackApp(options: SlackAppOptions, services: AppServices): Promise<RunningSlackApp> {
  const logger = boltLogger(services.logger);
  const clientOptions = {
    slackApiUrl: options.slackApiUrl,
    retryConfig: options.retryConfig ?? { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
  };
  const { mode } = options;
  const receiver =
    mode.kind === 'socket'
      ? new SocketModeReceiver({ appToken: mode.appToken, logger, installerOptions: { clientOptions } })
      : new HTTPReceiver({
          signingSecret: mode.signingSecret,
          endpoints: EVENTS_PATH,
          logger,
          customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_request, response) => void response.writeHead(200).end('ok') }],
        });
  // Deferred so that a bad token or an unreachable Slack is one clear start-up error,
  // not an unhandled rejection on the first request.
  const app = new App({ token: mode.botToken, receiver, logger, clientOptions, deferInitialization: true });
  try {
    await app.init();
  } catch (error) {
    throw new SlackStartError(error);
  }
  registerListeners(app, services);
  app.error(async (error) => {
    services.logger.error({ err: error }, 'unhandled Slack listener error');
  });

  if (mode.kind === 'socket') {
    await app.start();
    return { app, stop: () => app.stop().then(() => undefined) };
  }
  const server = (await app.start(mode.port)) as Server;
  return { app, port: (server.address() as AddressInfo).port, stop: () => app.stop().then(() => undefined) };
}
