import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases.js';
import { signature } from '../../src/playground/driver.js';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/test-app.js';

describe.each(DATABASES)('signed HTTP requests (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind);
  });
  afterAll(() => app?.close());

  it('answers /lead help with the usage, in the acknowledgement', async () => {
    const reply = await app.driver.command('help');
    expect(reply.status).toBe(200);
    expect(reply.json?.response_type).toBe('ephemeral');
    const text = JSON.stringify(reply.json?.blocks);
    expect(text).toContain('/lead advance &lt;number&gt; [stage]');
    expect(text).not.toMatch(/<number>|<reason/);
    expect(text).toContain('方案呈现');
  });

  it('answers an unknown subcommand with the usage and the word it did not know, escaped', async () => {
    const reply = await app.driver.command('frobnicate<!channel>');
    expect(reply.status).toBe(200);
    const text = JSON.stringify(reply.json?.blocks);
    expect(text).toContain('frobnicate&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('/lead new [name]');
  });

  it('refuses a bad signature with 401 and changes nothing', async () => {
    const body = app.driver.commandBody('new Acme');
    const reply = await app.driver.post(body, 'application/x-www-form-urlencoded', { signature: 'v0=' + '0'.repeat(64) });
    expect(reply.status).toBe(401);
    expect(await app.database.db.lead.count()).toBe(0);
    expect(app.slack.callsOf('views.open')).toHaveLength(0);
  });

  it('refuses a correctly signed request that is six minutes old', async () => {
    const body = app.driver.commandBody('new Acme');
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const reply = await app.driver.post(body, 'application/x-www-form-urlencoded', {
      timestamp: sixMinutesAgo,
      signature: signature(SIGNING_SECRET, sixMinutesAgo, body),
    });
    expect(reply.status).toBe(401);
    expect(app.slack.callsOf('views.open')).toHaveLength(0);
    expect(await app.database.db.lead.count()).toBe(0);
  });
});
