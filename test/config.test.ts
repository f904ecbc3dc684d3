import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const SECRET = '0123456789abcdef0123456789abcdef';

function problemsOf(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('settings', () => {
  it('serves HTTP on PORT with a bot token and a signing secret, on SQLite under ./data by default', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, PORT: '8080' });
    expect(config.slack).toEqual({ kind: 'http', botToken: 'xoxb-1', signingSecret: SECRET, port: 8080, host: '0.0.0.0' });
    expect(config.databaseUrl).toBe('file:./data/leadops.db');
    expect(config.defaultTimeZone).toBe('UTC');
  });

  it('listens on HOST, such as 127.0.0.1 behind a proxy on the same machine, and names a bad one', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, HOST: '127.0.0.1' });
    expect(config.slack).toMatchObject({ kind: 'http', host: '127.0.0.1' });
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, HOST: 'not a host!' })).toEqual([
      'HOST: must be an address to listen on, such as 0.0.0.0 (all) or 127.0.0.1 (behind a proxy on this machine)',
    ]);
  });

  it('runs in Socket Mode when an app token is given, whatever else is set', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: SECRET });
    expect(config.slack.kind).toBe('socket');
  });

  it('defaults PORT to 3000 and takes PostgreSQL, a time zone, a locale and a Slack API URL', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: SECRET,
      DATABASE_URL: 'postgresql://leadops@db.internal:5432/leadops',
      TEAM_TIME_ZONE: 'Asia/Shanghai',
      TEAM_LOCALE: 'zh',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
    });
    expect(config).toMatchObject({
      slack: { port: 3000 },
      databaseUrl: 'postgresql://leadops@db.internal:5432/leadops',
      defaultTimeZone: 'Asia/Shanghai',
      defaultLocale: 'zh',
      slackApiUrl: 'http://127.0.0.1:9999/api/',
    });
  });

  it('with no Slack settings at all, explains how to create the app from the manifest', () => {
    const [problem] = problemsOf({});
    expect(problem).toContain('No Slack settings found');
    expect(problem).toContain('manifests/manifest.json');
    expect(problem).toContain('SLACK_APP_TOKEN=xapp-');
  });

  it('reports every malformed setting at once, one line each', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_SIGNING_SECRET: 'short',
      PORT: '99999',
      DATABASE_URL: 'mysql://x',
      TEAM_TIME_ZONE: 'Mars/Olympus',
      TEAM_LOCALE: 'fr',
      SLACK_API_URL: 'not a url',
    });
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/SLACK_BOT_TOKEN: must start with xoxb-/);
    expect(problems.join('\n')).toMatch(/PORT: must be a port number/);
    expect(problems.join('\n')).toMatch(/TEAM_TIME_ZONE: must be an IANA time zone/);
  });

  it('asks for the missing half of a Slack setup', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })[0]).toMatch(/SLACK_APP_TOKEN or SLACK_SIGNING_SECRET/);
    expect(problemsOf({ SLACK_SIGNING_SECRET: SECRET })[0]).toMatch(/SLACK_BOT_TOKEN: required/);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: SECRET, PORT: ' ', DATABASE_URL: '' }).slack).toMatchObject({ port: 3000 });
  });
});
