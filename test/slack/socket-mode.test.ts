import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackApp, type RunningSlackApp } from '../../src/slack/app.js';
import { appServices } from '../../src/slack/services.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { FAKE_TEAM, FakeSlack } from '../../src/playground/fake-slack.js';
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
      appServices(database, { defaults: { timeZone: 'UTC', locale: 'en' }, logger: pino({ level: 'silent' }) }),
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

  it('drops a malformed payload over the socket and keeps serving', async () => {
    const malformed = socket.deliver('interactive', { type: 'view_submission', user: { id: 'U0MEI', team_id: FAKE_TEAM.id }, team: { id: FAKE_TEAM.id } });
    // Acknowledged with an empty payload, so Slack does not redeliver it.
    expect(await malformed).toEqual({});
    const ack = await socket.deliver('slash_commands', {
      team_id: FAKE_TEAM.id,
      channel_id: 'C0SALES',
      user_id: 'U0MEI',
      command: '/lead',
      text: 'help',
      response_url: slack.responseUrl(),
      trigger_id: '4.5.6',
    });
    expect(ack?.response_type).toBe('ephemeral');
  });
});
