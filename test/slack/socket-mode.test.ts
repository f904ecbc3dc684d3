import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackApp, type RunningSlackApp } from '../../src/slack/app.js';
import { Workspaces } from '../../src/store/workspaces.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { FAKE_TEAM, FakeSlack } from '../support/fake-slack.js';
import { FakeSocketMode } from '../support/fake-socket-mode.js';

describe('Socket Mode (no public URL)', () => {
  const slack = new FakeSlack();
  let socket: FakeSocketMode;
  let database: TestDatabase;
  let running: RunningSlackApp;

  beforeAll(async () => {
    await slack.start();
    socket = await new FakeSocketMode(slack).ready();
    database = await freshDatabase('sqlite');
    running = await startSlackApp(
      { mode: { kind: 'socket', botToken: 'xoxb-socket', appToken: 'xapp-socket' }, slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
      {
        db: database.db,
        provider: database.provider,
        workspaces: new Workspaces(database.db, { timeZone: 'UTC', locale: 'en' }),
        logger: pino({ level: 'silent' }),
        now: () => new Date(),
      },
    );
    await socket.connected;
  });

  afterAll(async () => {
    await running?.stop();
    await socket?.close();
    await slack.stop();
    await database?.drop();
  });

  it('opens the connection with the app token and answers /lead help in the ack', async () => {
    expect(slack.callsOf('apps.connections.open')[0]?.token).toBe('xapp-socket');
    const ack = await socket.deliver('slash_commands', {
      token: 'unused',
      team_id: FAKE_TEAM.id,
      team_domain: FAKE_TEAM.domain,
      channel_id: 'C0SALES',
      channel_name: 'sales',
      user_id: 'U0MEI',
      user_name: 'mei',
      command: '/lead',
      text: 'help',
      api_app_id: 'A0LEADOPS',
      is_enterprise_install: 'false',
      response_url: slack.responseUrl(),
      trigger_id: '1.2.3',
    });
    expect(ack?.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack?.blocks)).toContain('/lead advance &lt;number&gt;');
  });
});
