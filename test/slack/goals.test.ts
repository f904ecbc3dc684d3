import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/store/demo-seed.js';
import { DATABASES } from '../support/databases.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { blockText, buttonsOf, seedLead } from '../support/leads.js';
import { forged, openedView, stateValues, type OpenedView } from '../support/modals.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOW = new Date('2026-11-20T08:00:00Z');

describe.each(DATABASES)('goals from Slack (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    // Goals are the managers': Mei, who acts in these stories, is an admin.
    app = await startTestApp(kind, { timeZone: 'Asia/Shanghai', teamAdmins: ['U0MEI'] });
    app.setNow(NOW);
    await seedDemo(app.database.db, { workspaceId: FAKE_TEAM.id, timeZone: 'Asia/Shanghai', locale: 'en', now: NOW, seed: 21 });
    await app.database.db.goal.deleteMany();
    app.services.workspaces.forget(FAKE_TEAM.id);
  });
  afterAll(() => app?.close());
  beforeEach(() => app.slack.clear());

  /** Slack's view of a modal after the person picked something in a dispatch_action input. */
  async function pick(view: OpenedView, values: Record<string, unknown>, actionId: string) {
    const before = app.slack.callsOf('views.update').length;
    const state = stateValues(view, values);
    await app.driver.post(
      new URLSearchParams({
        payload: JSON.stringify({
          type: 'block_actions',
          team: { id: FAKE_TEAM.id, domain: FAKE_TEAM.domain },
          user: { id: 'U0MEI', username: 'mei', name: 'mei', team_id: FAKE_TEAM.id },
          api_app_id: 'A0LEADOPS',
          token: 'unused',
          trigger_id: '1.2.3',
          container: { type: 'view', view_id: 'V0GOAL' },
          view: { id: 'V0GOAL', hash: '1700000000.hash', team_id: FAKE_TEAM.id, type: 'modal', ...view, state: { values: state } },
          actions: [{ type: 'static_select', action_id: actionId, block_id: actionId, selected_option: state[actionId]?.[actionId]?.selected_option, action_ts: '1' }],
        }),
      }).toString(),
      'application/x-www-form-urlencoded',
    );
    return (await app.slack.waitFor(() => app.slack.callsOf('views.update')[before])).args;
  }

  it('sets a goal: the modal shows the 3-month baseline for the metric picked, refuses a missing period, saves with the baseline', async () => {
    expect((await app.driver.command('goal set')).status).toBe(200);
    const view = await openedView(app.slack);
    expect(view.callback_id).toBe('goal_set');
    expect(blockText(view)).toContain('Pick a metric to see its baseline');

    const updated = await pick(view, { goal_metric: 'NEW_LEADS', goal_period: 'this-month' }, 'goal_metric');
    expect(updated.view_id).toBe('V0GOAL');
    expect(updated.hash).toBe('1700000000.hash');
    expect(blockText(updated.view)).toMatch(/\*Baseline\*: [\d,]+ a month on average over the last 3 complete months \(about [\d,]+ for the period chosen\)/);

    const refused = await app.driver.submitView(view, stateValues(view, { goal_metric: 'NEW_LEADS', goal_target: '160' }));
    expect(refused.json).toMatchObject({ response_action: 'errors', errors: { goal_period: expect.stringContaining('Pick a period') } });
    expect(await app.database.db.goal.count()).toBe(0);

    await app.driver.submitView(view, stateValues(view, { goal_metric: 'NEW_LEADS', goal_target: '160', goal_period: 'this-month' }));
    const saved = await app.slack.waitForCall('chat.postEphemeral');
    expect(blockText(saved.args)).toContain('Goal saved: *New leads · team*, target 160, 2026-11-01 – 2026-11-30');
    const goal = await app.database.db.goal.findFirstOrThrow();
    expect(goal).toMatchObject({ metric: 'NEW_LEADS', scope: 'TEAM', status: 'ACTIVE' });
    expect(Number(goal.target)).toBe(160);
    // DOMAIN.md: the average of the last 3 complete months (August to October in Shanghai), counted here from the leads.
    const month = (from: string, to: string) => app.database.db.lead.count({ where: { workspaceId: FAKE_TEAM.id, acquiredAt: { gte: new Date(from), lt: new Date(to) } } });
    const months = await Promise.all([
      month('2026-07-31T16:00:00Z', '2026-08-31T16:00:00Z'),
      month('2026-08-31T16:00:00Z', '2026-09-30T16:00:00Z'),
      month('2026-09-30T16:00:00Z', '2026-10-31T16:00:00Z'),
    ]);
    expect(Number(goal.baseline)).toBeCloseTo((months[0] + months[1] + months[2]) / 3, 6);
    expect(goal.periodStart.toISOString()).toBe('2026-10-31T16:00:00.000Z');
  });

  it('takes a conversion-rate goal for one rep in percent, over explicit dates', async () => {
    await app.driver.command('goal set');
    const view = await openedView(app.slack);
    await app.driver.submitView(view, stateValues(view, { goal_metric: 'CONVERSION_RATE', goal_target: '12.5%', goal_period: 'custom', goal_from: '2026-11-01', goal_to: '2026-12-31', goal_owner: 'U0DEMO03' }));
    await app.slack.waitForCall('chat.postEphemeral');
    const goal = await app.database.db.goal.findFirstOrThrow({ where: { metric: 'CONVERSION_RATE' } });
    expect(goal).toMatchObject({ scope: 'OWNER', scopeValue: 'U0DEMO03' });
    expect(Number(goal.target)).toBe(0.125);
  });

  it('lists goals with progress, pace and status, a bullet chart, and Edit / Close buttons; closing keeps the result', async () => {
    const responseUrl = app.slack.responseUrl('goals1');
    await app.driver.command('goals', { responseUrl });
    const list = (await app.slack.waitForResponse((response) => response.id === 'goals1', 15_000)).body;
    const text = blockText(list);
    expect(text).toMatch(/\*New leads · team\*: [\d,]+ of 160 \(\d+%\) — (behind|on track|ahead)/);
    expect(text).toMatch(/pace today [\d,]+ · 2026-11-01 – 11-30/);
    expect(text).toContain('*Conversion rate · <@U0DEMO03>*');
    expect((list.blocks as Array<{ type: string }>)[1]!.type).toBe('image');
    expect(app.slack.uploads).toHaveLength(1);

    const buttons = buttonsOf(list);
    expect([...buttons.keys()]).toEqual(['goal_edit', 'goal_close']);
    const closeUrl = app.slack.responseUrl('goals2');
    await app.driver.clickButton(buttons.get('goal_close')!, { responseUrl: closeUrl });
    const after = (await app.slack.waitForResponse((response) => response.id === 'goals2', 15_000)).body;
    expect(after.replace_original).toBe(true);
    expect(blockText(after)).toMatch(/Goal closed: \*[^*]+\* ended at/);
    const closed = await app.database.db.goal.findFirstOrThrow({ where: { status: 'CLOSED' } });
    expect(closed.finalActual).not.toBeNull();
  });

  it('edits an active goal in the same modal, prefilled', async () => {
    const goal = await app.database.db.goal.findFirstOrThrow({ where: { status: 'ACTIVE' } });
    await app.driver.clickButton({ action_id: 'goal_edit', value: String(goal.id) });
    const view = await openedView(app.slack);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ goalId: goal.id });
    expect(blockText(view)).toContain('*Baseline*');
    await app.driver.submitView(view, stateValues(view, { goal_metric: goal.metric, goal_target: '200', goal_period: 'this-quarter', goal_owner: goal.scopeValue ?? undefined }));
    await app.slack.waitForCall('chat.postEphemeral');
    const edited = await app.database.db.goal.findUniqueOrThrow({ where: { id: goal.id } });
    expect(Number(edited.target)).toBe(goal.metric === 'CONVERSION_RATE' ? 2 : 200);
    expect(edited.periodStart.toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  it('shows what people typed as text: a source channel named <!here> src is echoed escaped when a goal is saved on it', async () => {
    await seedLead(app, { name: 'Hostile Source Co', sourceChannel: '<!here> src' });
    await app.driver.command('goal set');
    const view = await openedView(app.slack);
    // Option texts are plain_text, which Slack never reads as markup.
    expect(blockText(view)).toContain('"text":"<!here> src"');
    const tag = await app.database.db.tag.findFirstOrThrow({ where: { kind: 'SOURCE_CHANNEL', label: '<!here> src' } });
    await app.driver.submitView(view, stateValues(view, { goal_metric: 'NEW_LEADS', goal_target: '10', goal_period: 'this-month', goal_channel: tag.key }));
    const saved = blockText((await app.slack.waitForCall('chat.postEphemeral')).args);
    expect(saved).toContain('New leads · &lt;!here&gt; src');
    expect(saved).not.toMatch(/<!here>|<!channel>/);
    await app.database.db.goal.deleteMany({ where: { scopeValue: tag.key } });
  });

  it('refuses a forged goal form field by field and stores nothing', async () => {
    const before = await app.database.db.goal.count();
    await app.driver.command('goal set');
    const view = await openedView(app.slack);
    const refused = await app.driver.submitView(
      view,
      stateValues(view, { goal_metric: forged('DROP_TABLE'), goal_target: '9'.repeat(31), goal_period: forged('forever'), goal_owner: '<!channel>' }),
    );
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: {
        goal_metric: 'Metric: pick one of the choices offered.',
        goal_target: 'Target: at most 30 characters.',
        goal_period: 'Period: pick one of the choices offered.',
        goal_owner: 'Rep: that is not a valid value.',
      },
    });
    const channel = await app.driver.submitView(view, stateValues(view, { goal_metric: 'NEW_LEADS', goal_target: '10', goal_period: 'this-month', goal_channel: forged('<!channel>') }));
    expect(channel.json).toEqual({ response_action: 'errors', errors: { goal_channel: 'Source channel: pick one of the choices offered.' } });
    expect(await app.database.db.goal.count()).toBe(before);
  });
});
