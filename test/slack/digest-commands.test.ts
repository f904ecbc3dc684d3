import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/store/demo-seed.js';
import { DATABASES } from '../support/databases.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { blockText } from '../support/leads.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe.each(DATABASES)('/lead funnel and /lead overdue on demand (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind, { timeZone: 'Asia/Shanghai' });
    app.setNow(new Date('2026-11-20T08:00:00Z'));
    await seedDemo(app.database.db, { workspaceId: FAKE_TEAM.id, timeZone: 'Asia/Shanghai', locale: 'en', now: new Date('2026-11-20T08:00:00Z'), seed: 5 });
    app.services.workspaces.forget(FAKE_TEAM.id);
  });
  afterAll(() => app?.close());
  beforeEach(() => app.slack.clear());

  it('answers at once that it is working, then replaces that with the digest and its charts', async () => {
    const responseUrl = app.slack.responseUrl('funnel1');
    const ack = await app.driver.command('funnel', { responseUrl });
    expect(blockText(ack.json)).toContain('Working on it');
    const answer = await app.slack.waitForResponse((response) => response.id === 'funnel1', 15_000);
    expect(answer.body.replace_original).toBe(true);
    expect(answer.body.response_type).toBe('ephemeral');
    const blocks = answer.body.blocks as Array<{ type: string; slack_file?: { id: string } }>;
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Weekly funnel · 2026-11-16 – 11-22' } });
    expect(blocks.filter((block) => block.type === 'image').map((block) => block.slack_file!.id)).toEqual(app.slack.uploads.map((upload) => upload.fileId));
    expect(app.slack.uploads).toHaveLength(2);
    expect(app.slack.callsOf('chat.postMessage')).toHaveLength(0);
  });

  it('takes a period: the funnel of the leads acquired in it', async () => {
    const responseUrl = app.slack.responseUrl('funnel2');
    await app.driver.command('funnel 2026-10-01..2026-10-31', { responseUrl });
    const answer = await app.slack.waitForResponse((response) => response.id === 'funnel2', 15_000);
    expect(blockText(answer.body)).toContain('Lead funnel · 2026-10-01 – 10-31');
    expect(blockText(answer.body)).toContain('funnel of the');
  });

  it('covers FUNNEL_WINDOW_WEEKS of leads, as the Friday digest does', async () => {
    app.services.funnelWindowWeeks = 4;
    try {
      const responseUrl = app.slack.responseUrl('funnel-window');
      await app.driver.command('funnel', { responseUrl });
      const answer = await app.slack.waitForResponse((response) => response.id === 'funnel-window', 15_000);
      expect(blockText(answer.body)).toContain('acquired in the last 4 weeks');
    } finally {
      app.services.funnelWindowWeeks = 13;
    }
  });

  it('explains a period it cannot read, at once, and draws nothing', async () => {
    const reply = await app.driver.command('funnel last-decade');
    expect(blockText(reply.json)).toContain('`last-decade` is not a period');
    expect(app.slack.callsOf('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('/lead overdue shows the overdue overview with owner names from Slack on the chart', async () => {
    const responseUrl = app.slack.responseUrl('overdue1');
    await app.database.db.member.deleteMany();
    await app.driver.command('overdue', { responseUrl });
    const answer = await app.slack.waitForResponse((response) => response.id === 'overdue1', 15_000);
    expect(blockText(answer.body)).toMatch(/Overdue follow-ups · 2026-11-20/);
    // Slack was asked once of each owner in the overview, for the chart's labels, and of the caller, for their language.
    const owners = [...new Set([...JSON.stringify(answer.body.blocks).matchAll(/"user_id":"(U[A-Z0-9]+)"/g)].map((match) => match[1]!))];
    const asked = app.slack.callsOf('users.info').map((call) => String(call.args.user));
    expect(asked.sort()).toEqual(['U0MEI', ...owners].sort());
    expect(owners).toHaveLength(8);
    expect(app.slack.uploads).toHaveLength(1);
  });
});
