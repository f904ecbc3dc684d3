import { IANAZone } from 'luxon';
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { LOCALES, type Locale } from './domain/locale.js';
import { CHANNEL_ID } from './domain/settings.js';

export type SlackMode =
  | { kind: 'socket'; botToken: string; appToken: string; signingSecret?: string }
  | { kind: 'http'; botToken: string; signingSecret: string; port: number; host: string };

export type DigestName = 'weekly-funnel' | 'overdue' | 'goals' | 'morning' | 'bottlenecks';

/** Where and when digests go by default; a workspace can override them in the database. */
export interface DigestDefaults {
  /** The managers' channel; without one (here or in the database) nothing is scheduled. */
  channelId?: string;
  /** The sales-marketing alignment channel (bottleneck flags), unless `/lead config` set one. */
  alignmentChannelId?: string;
  cron: Record<DigestName, string>;
  funnelWindowWeeks: number;
}

export interface Config {
  digests: DigestDefaults;
  slack: SlackMode;
  slackApiUrl?: string;
  databaseUrl: string;
  defaultTimeZone: string;
  defaultLocale: Locale;
  logLevel: string;
  /** TEAM_ADMINS: Slack user ids who are admins whatever else is recorded. */
  teamAdmins: string[];
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

function cron(fallback: string) {
  return z.string().refine(isCronExpression, 'must be a cron expression such as "0 16 * * 5" (Friday 16:00, in the team\'s time zone)').default(fallback);
}

/** The digests' settings: the bot reads them with the rest, the command line alone. */
const digestSchema = z.object({
  DIGEST_CHANNEL: optionalText.pipe(z.string().regex(CHANNEL_ID, 'must be a channel id such as C0123ABCD (channel details → About, at the bottom)').optional()),
  ALIGNMENT_CHANNEL: optionalText.pipe(z.string().regex(CHANNEL_ID, 'must be a channel id such as C0123ABCD (channel details → About, at the bottom)').optional()),
  WEEKLY_DIGEST_CRON: optionalText.pipe(cron('0 16 * * 5')),
  OVERDUE_DIGEST_CRON: optionalText.pipe(cron('30 9 * * 1-5')),
  GOALS_DIGEST_CRON: optionalText.pipe(cron('5 16 * * 5')),
  MORNING_DM_CRON: optionalText.pipe(cron('0 9 * * 1-5')),
  // Monday morning: the flags judge the week that ended, with Friday's data entry in (DOMAIN.md), before the week's alignment meeting.
  BOTTLENECK_FLAGS_CRON: optionalText.pipe(cron('30 8 * * 1')),
  FUNNEL_WINDOW_WEEKS: optionalText.pipe(
    z.string().regex(/^\d{1,3}$/, 'must be a number of weeks from 1 to 104').transform(Number).refine((weeks) => weeks >= 1 && weeks <= 104, 'must be a number of weeks from 1 to 104').default(13),
  ),
});

const environmentSchema = digestSchema.extend({
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must start with xoxb- (the Bot User OAuth Token)').optional()),
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with xapp- (an app-level token with connections:write)').optional()),
  SLACK_SIGNING_SECRET: optionalText.pipe(z.string().regex(/^[0-9a-f]{32}$/i, 'must be the 32-character hex Signing Secret from Basic Information').optional()),
  SLACK_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/' }).optional()),
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a port number from 1 to 65535')
      .transform(Number)
      .refine((port) => port >= 1 && port <= 65535, 'must be a port number from 1 to 65535')
      .default(3000),
  ),
  HOST: optionalText.pipe(
    z.union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'must be an address to listen on, such as 0.0.0.0 (all) or 127.0.0.1 (behind a proxy on this machine)' }).default('0.0.0.0'),
  ),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, 'must be file:<path> for SQLite or postgresql://… for PostgreSQL')
      .default('file:./data/leadops.db'),
  ),
  TEAM_TIME_ZONE: optionalText.pipe(
    z.string().refine((zone) => IANAZone.isValidZone(zone), 'must be an IANA time zone such as Asia/Shanghai or Europe/Berlin').default('UTC'),
  ),
  TEAM_LOCALE: optionalText.pipe(z.enum(LOCALES, { error: 'must be en or zh' }).default('en')),
  TEAM_ADMINS: optionalText.pipe(
    z
      .string()
      .transform((text) => text.split(/[\s,]+/).filter(Boolean))
      .refine((ids) => ids.every((id) => /^[UW][A-Z0-9]{2,20}$/.test(id)), 'must be Slack user ids separated by commas, such as U0123ABCD,U0456EFGH (profile → ⋮ → Copy member ID)')
      .default([]),
  ),
  LOG_LEVEL: optionalText.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
});

function digestDefaultsOf(env: z.infer<typeof digestSchema>): DigestDefaults {
  return {
    channelId: env.DIGEST_CHANNEL,
    alignmentChannelId: env.ALIGNMENT_CHANNEL,
    cron: { 'weekly-funnel': env.WEEKLY_DIGEST_CRON, overdue: env.OVERDUE_DIGEST_CRON, goals: env.GOALS_DIGEST_CRON, morning: env.MORNING_DM_CRON, bottlenecks: env.BOTTLENECK_FLAGS_CRON },
    funnelWindowWeeks: env.FUNNEL_WINDOW_WEEKS,
  };
}

/**
 * The digest settings alone, for the command line, which needs no Slack settings: its
 * dry-run digests then match what the bot posts.
 */
export function loadDigestDefaults(environment: Record<string, string | undefined> = process.env): DigestDefaults {
  const parsed = digestSchema.safeParse(environment);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  return digestDefaultsOf(parsed.data);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export const SETUP_HELP = `To see the bot first, without Slack: npm run playground (a page on this machine
that stands in for Slack, with a demo team).

leadops needs a Slack app to talk to. To create one:
  1. Open https://api.slack.com/apps → Create New App → From a manifest, pick your
     workspace and paste manifests/manifest.json from this repository.
  2. Install it to the workspace, then copy the Bot User OAuth Token (xoxb-…).
  3. Either Socket Mode (no public URL needed): Basic Information → App-Level Tokens →
     generate one with the connections:write scope (xapp-…), then
        SLACK_BOT_TOKEN=xoxb-… SLACK_APP_TOKEN=xapp-… npm start
     or HTTP: copy the Signing Secret from Basic Information, turn Socket Mode off,
     point the request URLs in the manifest at https://<your-host>/slack/events, then
        SLACK_BOT_TOKEN=xoxb-… SLACK_SIGNING_SECRET=… PORT=3000 npm start
Optional: DATABASE_URL (default file:./data/leadops.db; postgresql://… for PostgreSQL),
TEAM_TIME_ZONE (default UTC), TEAM_LOCALE (en or zh), DIGEST_CHANNEL (the managers'
channel id, for the Friday digests), ALIGNMENT_CHANNEL (for the bottleneck flags), TEAM_ADMINS (user ids who may give roles; default:
the workspace's Slack admins and owners), LOG_LEVEL.`;

/** Reads every setting once; reports every problem at once, one line each. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  let slack: SlackMode | undefined;
  if (!env.SLACK_BOT_TOKEN) {
    if (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET) problems.push('SLACK_BOT_TOKEN: required with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET');
    else problems.push(`No Slack settings found.\n\n${SETUP_HELP}`);
  } else if (env.SLACK_APP_TOKEN) {
    slack = { kind: 'socket', botToken: env.SLACK_BOT_TOKEN, appToken: env.SLACK_APP_TOKEN, signingSecret: env.SLACK_SIGNING_SECRET };
  } else if (env.SLACK_SIGNING_SECRET) {
    slack = { kind: 'http', botToken: env.SLACK_BOT_TOKEN, signingSecret: env.SLACK_SIGNING_SECRET, port: env.PORT, host: env.HOST };
  } else {
    problems.push('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: set SLACK_APP_TOKEN for Socket Mode, or SLACK_SIGNING_SECRET to serve HTTP on PORT');
  }
  if (problems.length > 0 || !slack) throw new ConfigError(problems);
  return {
    digests: digestDefaultsOf(env),
    slack,
    slackApiUrl: env.SLACK_API_URL,
    databaseUrl: env.DATABASE_URL,
    defaultTimeZone: env.TEAM_TIME_ZONE,
    defaultLocale: env.TEAM_LOCALE,
    logLevel: env.LOG_LEVEL,
    teamAdmins: env.TEAM_ADMINS,
  };
}
