import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_JOBS } from '../../src/jobs/digest-jobs.js';
import { DigestScheduler } from '../../src/jobs/scheduler.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { slackDigestPoster } from '../../src/slack/digest-poster.js';
import { ChannelPacer } from '../../src/slack/pacer.js';
import { DATABASES } from '../support/databases.js';
import { BASELINE_MONDAYS, FLAG_ZONE, flagRunAfter, leftContacted } from '../support/flag-weeks.js';
import { buttonsOf } from '../support/leads.js';
import { openedView, stateValues } from '../support/modals.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ALIGNMENT = { id: 'C0ALIGN', name: 'sales-marketing' };

describe.each(DATABASES)('"Not a problem" on a bottleneck flag (%s)', (kind) => {
  let app: TestApp;
  let flagTs: string;

  beforeAll(async () => {
    app = await startTestApp(kind, { timeZone: FLAG_ZONE });
    const runAt = new Date(flagRunAfter('2026-11-16').getTime() + 20_000);
    app.setNow(runAt);
    await app.services.workspaces.get(FAKE_TEAM.id);
    await app.database.db.workspace.update({ where: { id: FAKE_TEAM.id }, data: { alignmentChannelId: ALIGNMENT.id } });
    app.services.workspaces.forget(FAKE_TEAM.id);
    for (const monday of BASELINE_MONDAYS) await leftContacted(app.database.db, FAKE_TEAM.id, monday, { lost: 5, total: 20 });
    await leftContacted(app.database.db, FAKE_TEAM.id, '2026-11-16', { lost: 12, total: 20 });
    const client = new WebClient('xoxb-test-token', { slackApiUrl: app.slack.apiUrl, retryConfig: { retries: 0 } });
    await new DigestScheduler({
      jobs: DIGEST_JOBS.filter((job) => job.name === 'bottlenecks'),
      database: app.database,
      poster: slackDigestPoster({ clientFor: async () => client, logger: pino({ level: 'silent' }), pacer: new ChannelPacer(0) }),
      serves: (workspaceId) => workspaceId === FAKE_TEAM.id,
      defaults: { cron: { 'weekly-funnel': '0 16 * * 5', overdue: '30 9 * * 1-5', goals: '5 16 * * 5', morning: '0 9 * * 1-5', bottlenecks: '30 8 * * 1' }, funnelWindowWeeks: 13 },
      logger: pino({ level: 'silent' }),
      now: () => runAt,
    }).catchUp();
    flagTs = app.slack.messages.get(ALIGNMENT.id)![0]!.ts;
  });
  afterAll(() => app?.close());

  it('asks why, refuses no reason, keeps the reason, and the message says who dismissed it and why', async () => {
    const message = app.slack.messages.get(ALIGNMENT.id)![0]!;
    const button = buttonsOf(message).get('finding_dismiss')!;
    expect(button).toBeDefined();

    await app.driver.blockAction({
      user: { id: 'U0MEI', name: 'mei' },
      message: { channel: ALIGNMENT, ts: flagTs, ephemeral: false },
      action: { type: 'button', action_id: button.action_id, block_id: button.block_id, text: { type: 'plain_text', text: 'Not a problem' }, value: button.value },
    });
    const view = await openedView(app.slack);
    expect(view.callback_id).toBe('finding_dismiss');

    const refused = await app.driver.submitView(view, stateValues(view, { dismiss_reason: '  ' }));
    expect(refused.json).toMatchObject({ response_action: 'errors', errors: { dismiss_reason: expect.any(String) } });
    expect((await app.database.db.finding.findFirstOrThrow()).status).toBe('OPEN');

    const accepted = await app.driver.submitView(view, stateValues(view, { dismiss_reason: 'Trade-fair leads from <!channel> week: expected' }));
    expect(accepted.status).toBe(200);
    const finding = await app.database.db.finding.findFirstOrThrow();
    expect(finding).toMatchObject({ status: 'DISMISSED', dismissedById: 'U0MEI', dismissedReason: 'Trade-fair leads from <!channel> week: expected' });

    const update = await app.slack.waitFor(() => app.slack.callsOf('chat.update')[0]);
    expect(update.args).toMatchObject({ channel: ALIGNMENT.id, ts: flagTs });
    const blocks = JSON.stringify(update.args.blocks);
    expect(blocks).toContain('<@U0MEI> marked this not a problem: Trade-fair leads from &lt;!channel&gt; week: expected');
    expect(blocks).not.toContain('finding_dismiss');
    // The chart and the numbers stay.
    expect(blocks).toContain('"type":"image"');
    expect(blocks).toContain('60% dropped vs 25% usual');
  });
});
