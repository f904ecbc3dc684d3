import { beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { DATABASES } from '../support/databases.js';
import { blockText } from '../support/leads.js';
import { openedView, stateValues, type OpenedView } from '../support/modals.js';
import { MEI, WANG } from '../support/people.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';
import { slackAppFor } from '../support/slack-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * Action items (seed 004 step 6) through signed requests: a manager creates one from the
 * form, its owner hears by DM in their language, `/lead actions` lists it, and it is closed
 * with its result; each write is one journal entry; reps are refused creating one.
 */

const LEI = { id: 'U0LEI', name: 'lei' };
/** 02:00 UTC on Thursday 3 December: 10:00 in Shanghai. */
const NOW = new Date('2026-12-03T02:00:00Z');
type Answer = { response_action?: string; errors?: Record<string, string> };

describe.each(DATABASES)('action items (%s)', (kind) => {
  let app: TestApp;
  // Mei manages the team as its admin; Lei and 王芳 are reps.
  slackAppFor(kind, NOW, (started) => (app = started), { teamAdmins: [MEI.id] });
  beforeEach(() => app.database.db.actionItem.deleteMany());

  async function openForm(user = MEI): Promise<OpenedView> {
    const opened = app.slack.callsOf('views.open').length;
    expect((await app.driver.command('action new', { user })).status).toBe(200);
    return openedView(app.slack, opened);
  }
  async function submit(view: OpenedView, entered: Record<string, unknown>, user = MEI): Promise<Answer> {
    const reply = await app.driver.submitView(view as never, stateValues(view, entered), { user });
    expect(reply.status).toBe(200);
    return (reply.json ?? {}) as Answer;
  }
  const FILLED = {
    action_conclusion: 'Contacted→Discovery drop-off rose to 40% vs 24% usual <!channel>',
    action_title: 'Marketing sends the pricing sheet with every 抖音 lead',
    action_owner: WANG.id,
    action_due: '2026-12-10',
    action_metric: 'dropoff:CONTACTED',
    action_target: '25%',
  };

  it('a manager creates one: stored, journaled, the owner told by DM in 中文, the creator answered', async () => {
    const view = await openForm();
    expect(view.callback_id).toBe('action_item_new');
    expect(await submit(view, FILLED)).toEqual({});
    const [item] = await app.database.db.actionItem.findMany();
    expect(item).toMatchObject({
      workspaceId: FAKE_TEAM.id,
      title: FILLED.action_title,
      conclusion: FILLED.action_conclusion,
      ownerId: WANG.id,
      dueAt: new Date('2026-12-10T00:00:00+08:00'),
      metric: 'Contacted → Discovery drop-off',
      metricKey: 'dropoff:CONTACTED',
      status: 'OPEN',
      createdById: MEI.id,
    });
    expect(String(item!.metricTarget)).toBe('25');
    const entries = await app.database.db.activity.findMany({ where: { kind: 'action' } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ byId: MEI.id, via: 'slack', leadId: null });

    const dm = await app.slack.waitForCall('chat.postMessage');
    expect(dm.args.channel).toBe(WANG.id);
    expect(String(dm.args.text)).toBe(`<@U0MEI> 给你分配了行动项 \u200b*#${item!.id}*\u200b：Marketing sends the pricing sheet with every 抖音 lead，截止 12月10日 周四。\`/lead actions\` 可查看你的行动项。`);
    const answer = await app.slack.waitForCall('chat.postEphemeral');
    expect(String(answer.args.text)).toBe(`Action item *#${item!.id}* created: Marketing sends the pricing sheet with every 抖音 lead — <@U0WANG>, due Thu 10 Dec. <@U0WANG> was told by DM.`);
  });

  it('a rep is refused before any form opens, in their language', async () => {
    const reply = await app.driver.command('action new', { user: WANG });
    expect(blockText(reply.json)).toContain('只有经理可以创建行动项');
    expect(app.slack.callsOf('views.open')).toHaveLength(0);
  });

  it('refuses a past day, an unreadable target and a missing action beside their fields; nothing is stored', async () => {
    const answer = await submit(await openForm(), { ...FILLED, action_title: '  ', action_due: '2026-12-01', action_target: 'a lot' });
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors!).sort()).toEqual(['action_due', 'action_target', 'action_title']);
    expect(await app.database.db.actionItem.count()).toBe(0);
    expect(await app.database.db.activity.count()).toBe(0);
  });

  it('/lead actions lists the open ones soonest first with what they track, escaped; the owner closes one with its result', async () => {
    await submit(await openForm(), FILLED);
    await submit(await openForm(), { ...FILLED, action_title: 'Call back every webinar lead within a day', action_owner: LEI.id, action_due: '2026-12-04', action_metric: 'none', action_target: '' });
    const list = (await app.driver.command('actions', { user: LEI })).json as { blocks: Array<{ block_id?: string; accessory?: { action_id: string; value: string } }> };
    expectWithinSlackLimits(list as never);
    const text = blockText(list);
    expect(text).toContain('*Open action items* (2)');
    expect(text.indexOf('Call back every webinar lead')).toBeLessThan(text.indexOf('pricing sheet'));
    expect(text).toContain('due Fri 4 Dec · due tomorrow');
    expect(text).toContain('Tracking: Contacted → Discovery drop-off ≤ 25%');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');

    const leiItem = list.blocks.find((block) => block.accessory && block.block_id?.startsWith('action_item_') && text.includes('webinar'))!;
    const items = await app.database.db.actionItem.findMany({ orderBy: { dueAt: 'asc' } });
    const [leis, wangs] = items;
    // Lei may not close 王芳's item.
    const refused = app.slack.responseUrl('refused');
    await app.driver.clickButton({ action_id: 'action_item_close', value: String(wangs!.id) }, { user: LEI, responseUrl: refused });
    expect(String((await app.slack.waitForResponse((response) => response.id === 'refused')).body.text)).toBe(
      `Only the owner (<@U0WANG>) or a manager can close action item #${wangs!.id}. Nothing was changed.`,
    );
    expect(leiItem).toBeDefined();

    const opened = app.slack.callsOf('views.open').length;
    await app.driver.clickButton({ action_id: 'action_item_close', value: String(leis!.id) }, { user: LEI });
    const closeForm = await openedView(app.slack, opened);
    expect(closeForm.callback_id).toBe('action_item_close');
    expect(await submit(closeForm, { action_outcome: 'DONE', action_result: 'Every webinar lead called within 24 h for two weeks' }, LEI)).toEqual({});
    expect(await app.database.db.actionItem.findUniqueOrThrow({ where: { id: leis!.id } })).toMatchObject({ status: 'DONE', result: 'Every webinar lead called within 24 h for two weeks', closedAt: NOW });
    const closing = await app.database.db.activity.findMany({ where: { kind: 'action', byId: LEI.id } });
    expect(closing).toHaveLength(1);
    expect(JSON.parse(closing[0]!.before!)).toMatchObject({ status: 'OPEN' });
    expect(JSON.parse(closing[0]!.after!)).toMatchObject({ status: 'DONE', result: 'Every webinar lead called within 24 h for two weeks' });

    // The same form sent again closes nothing more.
    expect(await submit(closeForm, { action_outcome: 'DROPPED', action_result: 'again' }, LEI)).toEqual({});
    expect((await app.database.db.actionItem.findUniqueOrThrow({ where: { id: leis!.id } })).status).toBe('DONE');
    expect(blockText((await app.driver.command('actions', { user: LEI })).json)).toContain('*Open action items* (1)');
  });

  it('a result is required to close one', async () => {
    await submit(await openForm(), { ...FILLED, action_owner: MEI.id });
    const [item] = await app.database.db.actionItem.findMany();
    const opened = app.slack.callsOf('views.open').length;
    await app.driver.clickButton({ action_id: 'action_item_close', value: String(item!.id) }, { user: MEI });
    const answer = await submit(await openedView(app.slack, opened), { action_outcome: 'DONE', action_result: '' });
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors!)).toEqual(['action_result']);
    expect((await app.database.db.actionItem.findUniqueOrThrow({ where: { id: item!.id } })).status).toBe('OPEN');
  });
});
