import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funnelDraft } from '../../src/digests/drafts.js';
import { DIGEST_JOBS } from '../../src/jobs/digest-jobs.js';
import { DigestScheduler } from '../../src/jobs/scheduler.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { digestMessage } from '../../src/slack/blocks/digest-message.js';
import { slackDigestPoster } from '../../src/slack/digest-poster.js';
import { ChannelPacer } from '../../src/slack/pacer.js';
import { DATABASES } from '../support/databases.js';
import { BASELINE_MONDAYS, FLAG_ZONE, flagRunAfter, leftContacted } from '../support/flag-weeks.js';
import { blockText, buttonsOf } from '../support/leads.js';
import { openedView, stateValues, type OpenedView } from '../support/modals.js';
import { MEI, WANG } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Seed 004 step 6 from a flag: "Create action item" on a bottleneck flag opens the form
 * with the flag's conclusion, metric and usual rate filled in; the item lives in the
 * flag's thread, and each Monday the bot measures its metric there as the flag counts it
 * (moving, then reached; another past its day overdue), once per week however often the
 * run repeats; the weekly digest says the same beside each item.
 */

const ALIGNMENT = { id: 'C0ALIGN', name: 'sales-marketing' };
const JOB_CRON = { 'weekly-funnel': '0 16 * * 5', overdue: '30 9 * * 1-5', goals: '5 16 * * 5', morning: '0 9 * * 1-5', bottlenecks: '30 8 * * 1' };

describe.each(DATABASES)('action items made from a bottleneck flag (%s)', (kind) => {
  let app: TestApp;
  let flagTs: string;
  const client = () => new WebClient('xoxb-test-token', { slackApiUrl: app.slack.apiUrl, retryConfig: { retries: 0 } });

  /** The Monday flags run, as the scheduler makes it at `at`. */
  async function runFlags(at: Date): Promise<void> {
    app.setNow(at);
    const webClient = client();
    await new DigestScheduler({
      jobs: DIGEST_JOBS.filter((job) => job.name === 'bottlenecks'),
      database: app.database,
      poster: slackDigestPoster({ clientFor: async () => webClient, logger: pino({ level: 'silent' }), pacer: new ChannelPacer(0) }),
      serves: (workspaceId) => workspaceId === FAKE_TEAM.id,
      defaults: { cron: JOB_CRON, funnelWindowWeeks: 13 },
      logger: pino({ level: 'silent' }),
      now: () => at,
    }).catchUp();
  }

  /** A one-section message's text as its blocks show it (the Web API sends blocks as JSON). */
  const postedText = (args: Record<string, unknown>) => {
    const blocks = (typeof args.blocks === 'string' ? JSON.parse(args.blocks) : args.blocks) as Array<{ text: { text: string } }>;
    expect(blocks).toHaveLength(1);
    return blocks[0]!.text.text;
  };
  const threadReplies = () => app.slack.callsOf('chat.postMessage').filter((call) => call.args.thread_ts === flagTs);

  async function clickCreate(user: { id: string; name: string }, responseUrl?: string): Promise<void> {
    const message = app.slack.messages.get(ALIGNMENT.id)![0]!;
    const button = buttonsOf(message).get('finding_action_item')!;
    expect(button).toBeDefined();
    const clicked = await app.driver.blockAction({
      user,
      ...(responseUrl ? { responseUrl } : {}),
      message: { channel: ALIGNMENT, ts: flagTs, ephemeral: false },
      action: { type: 'button', action_id: button.action_id, block_id: button.block_id, text: { type: 'plain_text', text: 'Create action item' }, value: button.value },
    });
    expect(clicked.status).toBe(200);
  }

  beforeAll(async () => {
    app = await startTestApp(kind, { timeZone: FLAG_ZONE, locale: 'en', teamAdmins: [MEI.id] });
    app.slack.people.set(WANG.id, WANG);
    await app.services.workspaces.get(FAKE_TEAM.id);
    await app.database.db.workspace.update({ where: { id: FAKE_TEAM.id }, data: { alignmentChannelId: ALIGNMENT.id } });
    app.services.workspaces.forget(FAKE_TEAM.id);
    for (const monday of BASELINE_MONDAYS) await leftContacted(app.database.db, FAKE_TEAM.id, monday, { lost: 5, total: 20 });
    await leftContacted(app.database.db, FAKE_TEAM.id, '2026-11-16', { lost: 12, total: 20 });
    await runFlags(new Date(flagRunAfter('2026-11-16').getTime() + 20_000));
    flagTs = app.slack.messages.get(ALIGNMENT.id)![0]!.ts;
  });
  afterAll(() => app?.close());

  it('a rep is told only managers make action items, and no form opens', async () => {
    const opened = app.slack.callsOf('views.open').length;
    await clickCreate(WANG, app.slack.responseUrl('refused'));
    const answer = await app.slack.waitForResponse((response) => response.id === 'refused');
    expect(String(answer.body.text)).toContain('只有经理可以创建行动项');
    expect(app.slack.callsOf('views.open')).toHaveLength(opened);
  });

  it('opens the form with the flag filled in; the item keeps the flag, its thread and the rate that raised it, and the thread hears of it', async () => {
    const opened = app.slack.callsOf('views.open').length;
    await clickCreate(MEI);
    const view: OpenedView = await openedView(app.slack, opened);
    expect(view.callback_id).toBe('action_item_new');
    const elements = JSON.stringify(view.blocks);
    expect(elements).toContain('Bottleneck: more leads drop between Contacted and Discovery (2026-11-16..2026-11-22): 60% dropped vs 25% usual');
    const metric = view.blocks.find((block) => block.block_id === 'action_metric') as { element: { initial_option?: { value: string; text: { text: string } } } };
    expect(metric.element.initial_option).toMatchObject({ value: 'dropoff:CONTACTED', text: { text: 'Contacted → Discovery drop-off' } });
    expect(elements).toContain('"initial_value":"25%"');

    const submitted = await app.driver.submitView(
      view as never,
      stateValues(view, { action_conclusion: 'Drop-off after first contact doubled', action_title: 'Send the case study within a day of first contact', action_owner: WANG.id, action_due: '2026-12-02', action_metric: 'dropoff:CONTACTED', action_target: '25%' }),
      { user: MEI },
    );
    expect(submitted.status).toBe(200);
    const finding = await app.database.db.finding.findFirstOrThrow();
    const item = await app.database.db.actionItem.findFirstOrThrow();
    expect(item).toMatchObject({ findingId: finding.id, channelId: ALIGNMENT.id, threadTs: flagTs, metricKey: 'dropoff:CONTACTED', metric: 'Contacted → Discovery drop-off', ownerId: WANG.id });
    expect(Number(item.metricBaseline)).toBe(60);
    expect(Number(item.metricTarget)).toBe(25);
    const [note] = threadReplies();
    expect(String(note!.args.text)).toBe(`<@U0MEI> made action item *#${item.id}* from this: Send the case study within a day of first contact — <@U0WANG>, due Wed 2 Dec.`);

    // A second, bolder one, due sooner: it will be overdue before it is reached.
    const again = app.slack.callsOf('views.open').length;
    await clickCreate(MEI);
    const second = await openedView(app.slack, again);
    await app.driver.submitView(second as never, stateValues(second, { action_title: 'Drop-off under 10%', action_owner: MEI.id, action_due: '2026-11-30', action_metric: 'dropoff:CONTACTED', action_target: '10' }), { user: MEI });
    expect(await app.database.db.actionItem.count()).toBe(2);
  });

  it('each Monday the thread hears how each item goes, once: moving, then reached, and the other overdue', async () => {
    const [first, second] = await app.database.db.actionItem.findMany({ orderBy: { id: 'asc' } });
    const progressOf = (id: number) => threadReplies().filter((call) => String(call.args.text).includes(`#${id} `) && !String(call.args.text).includes('made action item'));

    // The week after the flag: 8 of 20 dropped, 40%, better than the 60% that raised it.
    await leftContacted(app.database.db, FAKE_TEAM.id, '2026-11-23', { lost: 8, total: 20 });
    const monday = new Date(flagRunAfter('2026-11-23').getTime() + 20_000);
    await runFlags(monday);
    await runFlags(new Date(monday.getTime() + 60_000));
    expect(progressOf(first!.id)).toHaveLength(1);
    expect(postedText(progressOf(first!.id)[0]!.args)).toBe(
      `:arrow_right: Action item *#${first!.id}* Send the case study within a day of first contact (<@U0WANG>): Contacted → Discovery drop-off *40%* last week, target ≤ 25%, 60% when it was set — *moving*.`,
    );
    expect(postedText(progressOf(second!.id)[0]!.args)).toContain('— *moving*.');

    // The Friday digest lists both with the same word.
    const friday = new Date('2026-12-04T08:00:00Z');
    const workspace = await app.services.workspaces.get(FAKE_TEAM.id);
    const digest = digestMessage(await funnelDraft(app.database, workspace, friday), { plain: true });
    const digestText = blockText(digest);
    expect(digestText).toContain(`*#${first!.id}* Send the case study within a day of first contact — <@U0WANG> · due Wed 2 Dec · :warning: overdue · 40%`);

    // Then 4 of 20, 20%: the first reached its 25% (though past its day); the second, at 10%, is overdue.
    await leftContacted(app.database.db, FAKE_TEAM.id, '2026-11-30', { lost: 4, total: 20 });
    await runFlags(new Date(flagRunAfter('2026-11-30').getTime() + 20_000));
    expect(progressOf(first!.id)).toHaveLength(2);
    expect(postedText(progressOf(first!.id)[1]!.args)).toBe(
      `:white_check_mark: Action item *#${first!.id}* Send the case study within a day of first contact (<@U0WANG>): Contacted → Discovery drop-off *20%* last week, target ≤ 25%, 60% when it was set — *reached*. Close it with its result: \`/lead actions\`.`,
    );
    expect(postedText(progressOf(second!.id)[1]!.args)).toContain('target ≤ 10%, 60% when it was set — *overdue*.');
  });
});
