import { App, SocketModeReceiver } from '@slack/bolt';
import type { RetryOptions } from '@slack/web-api';
import type { SlackMode } from '../config.js';
import { boltLogger } from '../logger.js';
import { SlackHttpReceiver } from './http-receiver.js';
import { registerListeners } from './listeners/index.js';
import { guardRequests, type ServedTeam } from './request-guard.js';
import type { AppServices } from './services.js';

export { EVENTS_PATH } from './http-receiver.js';

export interface SlackAppOptions {
  mode: SlackMode;
  /** Another base URL for the Web API: a proxy, or the fake Slack of the tests. */
  slackApiUrl?: string;
  /**
   * Interactive replies are only useful within seconds, so a failed Web API call is
   * retried twice quickly rather than the client's default ten times over 30 minutes.
   */
  retryConfig?: RetryOptions;
  /** The clock signed requests' timestamps are checked against (real time unless a test moves it). */
  requestClockMs?: () => number;
  /** How long a Web API call may take while someone waits; INTERACTIVE_CALL_TIMEOUT_MS unless a test shortens it. */
  interactiveTimeoutMs?: number;
}

export interface RunningSlackApp {
  app: App;
  /** The team the bot token belongs to: the only one served. */
  served: ServedTeam;
  /** The HTTP port actually listened on (useful with port 0); undefined in Socket Mode. */
  port?: number;
  stop(): Promise<void>;
}

/**
 * A person is waiting on every call this client makes (a modal to open, a reply): a
 * call that hangs is given up after this, and a rate-limited one is not slept through,
 * so they hear "try again" within Slack's 3-second window rather than nothing.
 */
export const INTERACTIVE_CALL_TIMEOUT_MS = 4000;

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
    timeout: options.interactiveTimeoutMs ?? INTERACTIVE_CALL_TIMEOUT_MS,
    rejectRateLimitedCalls: true,
  };
  const { mode } = options;
  const receiver =
    mode.kind === 'socket'
      ? new SocketModeReceiver({
          appToken: mode.appToken,
          logger,
          installerOptions: { clientOptions },
          // Bolt trips over a malformed payload before any middleware runs; acknowledge it so
          // Slack does not redeliver it, and keep serving.
          processEventErrorHandler: async ({ error, event }) => {
            services.logger.warn({ err: error, outcome: 'malformed', type: (event.body as { type?: unknown } | null)?.type }, 'request');
            return true;
          },
        })
      : new SlackHttpReceiver({ signingSecret: mode.signingSecret, port: mode.port, host: mode.host, logger: services.logger, nowMs: options.requestClockMs });
  // Deferred so that a bad token or an unreachable Slack is one clear start-up error,
  // not an unhandled rejection on the first request.
  const app = new App({ token: mode.botToken, receiver, logger, clientOptions, deferInitialization: true });
  let served: ServedTeam;
  try {
    await app.init();
    const identity = await app.client.auth.test();
    if (!identity.team_id && !identity.enterprise_id) throw new Error('auth.test named no team');
    served = { teamId: identity.team_id ?? '', enterpriseId: identity.enterprise_id || undefined, orgWide: identity.is_enterprise_install === true };
  } catch (error) {
    throw new SlackStartError(error);
  }
  app.use(guardRequests(services, served));
  registerListeners(app, services);
  app.error(async (error) => {
    services.logger.error({ err: error }, 'unhandled Slack listener error');
  });

  await app.start();
  return {
    app,
    served,
    port: receiver instanceof SlackHttpReceiver ? receiver.port : undefined,
    stop: () => app.stop().then(() => undefined),
  };
}
