import { describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases.js';
import { blockText, buttonsOf, journalOf, seedLead } from '../support/leads.js';
import { openedView, stateValues, type OpenedView } from '../support/modals.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';
import { MEI, WANG } from '../support/people.js';
import { slackAppFor } from '../support/slack-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * Two reps, one company (DOMAIN.md "warn on duplicates"): the new-lead form warns of a
 * lead that is the same company or has the same contact, through signed requests.
 */

const NOW = new Date('2026-12-02T03:00:00Z');

type Answer = { response_action?: string; view?: OpenedView & { submit: { text: string } } };

describe.each(DATABASES)('the duplicate warning of /lead new (%s)', (kind) => {
  let app: TestApp;
  slackAppFor(kind, NOW, (started) => (app = started));

  async function openForm(text = 'new') {
    const opened = app.slack.callsOf('views.open').length;
    expect((await app.driver.command(text, { user: MEI })).status).toBe(200);
    return openedView(app.slack, opened);
  }
  async function submit(view: OpenedView, entered: Record<string, unknown>) {
    const reply = await app.driver.submitView(view as never, stateValues(view, { owner: MEI.id, ...entered }), { user: MEI });
    expect(reply.status).toBe(200);
    return (reply.json ?? {}) as Answer;
  }
  const leadCount = () => app.database.db.lead.count();

  it.each([
    ['某科技', '某科技有限公司'],
    ['follow up ltd.', 'Follow Up Ltd'],
    ['ＡＣＭＥ Robotics', 'Acme Robotics GmbH'],
  ])('typing %s while %s exists: the form comes back with what was typed, the match, and Create anyway', async (typed, existing) => {
    const lead = await seedLead(app, { name: existing, ownerId: WANG.id });
    const view = await openForm(`new ${typed}`);
    const answer = await submit(view, { name: typed, industry: 'Robots', notes: 'met at the fair' });

    expect(answer.response_action).toBe('update');
    const warned = answer.view!;
    expectWithinSlackLimits({ blocks: warned.blocks } as never, 'view');
    expect(warned.callback_id).toBe('lead_new');
    expect(warned.submit.text).toBe('Create anyway');
    expect(blockText(warned)).toContain(`*${lead.number}* ${existing} · Acquired · <@U0WANG> — same company`);
    const input = (id: string) => (warned.blocks.find((block) => block.block_id === id) as { element: { initial_value?: string } }).element.initial_value;
    expect([input('name'), input('industry'), input('notes')]).toEqual([typed, 'Robots', 'met at the fair']);
    expect(JSON.parse(warned.private_metadata)).toMatchObject({ warned: [lead.number] });
    expect(await leadCount()).toBe(1);

    // Submitting the warned form again creates it.
    expect(await submit(warned, { name: typed, industry: 'Robots' })).toEqual({});
    const posted = await app.slack.waitForCall('chat.postEphemeral');
    expect(String(posted.args.text)).toContain('added, owned by <@U0MEI>');
    expect(await leadCount()).toBe(2);
  });

  it('Create anyway as Slack sends it: the same view id, a new hash, the same values; a re-send of it creates nothing more', async () => {
    await seedLead(app, { name: '某科技有限公司', ownerId: WANG.id });
    const opened = { ...(await openForm('new 某科技')), id: 'V0SAMEFORM', hash: '1700000000.first' };
    const answer = await submit(opened, { name: '某科技' });
    expect(answer.response_action).toBe('update');
    // Slack keeps the view's id across response_action "update" and gives it a new hash.
    const warned = { ...answer.view!, id: 'V0SAMEFORM', hash: '1700000000.second' };
    expect(await submit(warned, { name: '某科技' })).toEqual({});
    expect(await leadCount()).toBe(2);
    expect(await submit(warned, { name: '某科技' })).toEqual({});
    expect(await leadCount()).toBe(2);
  });

  it('a different company is created at once, without a warning', async () => {
    await seedLead(app, { name: '某科技有限公司', ownerId: WANG.id });
    expect(await submit(await openForm(), { name: '某科学仪器有限公司' })).toEqual({});
    expect(await leadCount()).toBe(2);
  });

  it('the same phone on an open lead warns whatever the name; on a lost lead it does not', async () => {
    const open = await seedLead(app, { name: 'Lin Studio', ownerId: WANG.id, contactPhone: '+86 138-0013-8000' });
    const lost = await seedLead(app, { name: 'Old Co', ownerId: WANG.id, contactPhone: '13900139000', contactEmail: 'old@example.com' });
    await app.database.db.lead.update({ where: { id: lost.id }, data: { stage: 'LOST', lostAt: NOW } });

    const answer = await submit(await openForm(), { name: 'Someone New', contact_phone: '0086 13800138000' });
    expect(blockText(answer.view)).toContain(`*${open.number}* Lin Studio · Acquired · <@U0WANG> — same phone`);

    expect(await submit(await openForm(), { name: 'Another', contact_phone: '139 0013 9000', contact_email: 'OLD@example.com' })).toEqual({});
    expect(await leadCount()).toBe(3);
  });

  it('the same email warns, and a match on two keys says both', async () => {
    const lead = await seedLead(app, { name: 'Follow Up Ltd', ownerId: WANG.id, contactEmail: 'li.wei@followup.com' });
    const answer = await submit(await openForm(), { name: 'follow up', contact_email: 'Li.Wei@FollowUp.com' });
    expect(blockText(answer.view)).toContain(`— same company, same email`);
    expect(JSON.parse(answer.view!.private_metadata).warned).toEqual([lead.number]);
  });

  it('a name changed after the warning to another existing company warns again', async () => {
    await seedLead(app, { name: '某科技有限公司', ownerId: WANG.id });
    const other = await seedLead(app, { name: '星河教育集团', ownerId: WANG.id });
    const warned = (await submit(await openForm(), { name: '某科技' })).view!;
    const again = await submit(warned, { name: '星河教育' });
    expect(again.response_action).toBe('update');
    expect(blockText(again.view)).toContain(`*${other.number}* 星河教育集团`);
    expect(await leadCount()).toBe(2);
  });

  it('Ask the owner DMs the owner in their language and tells the rep where they started', async () => {
    // What the rep typed since the warning is what the owner is asked about, escaped.
    // Wang has used the bot, so their language (中文) is known.
    await app.driver.command('mine', { user: WANG });
    const lead = await seedLead(app, { name: '某科技有限公司', ownerId: WANG.id });
    const warned = (await submit(await openForm(), { name: '某科技' })).view!;
    const ask = buttonsOf(warned).get(`lead_ask_owner_${lead.number}`);
    expect(ask).toBeDefined();

    const dms = app.slack.callsOf('chat.postMessage').length;
    const told = app.slack.callsOf('chat.postEphemeral').length;
    const click = await app.driver.blockAction({
      user: MEI,
      view: { ...warned, id: 'V0FORM', state: { values: stateValues(warned, { name: '某科技 <!channel>', owner: MEI.id }) } },
      action: { type: 'button', action_id: ask!.action_id, block_id: ask!.block_id, value: ask!.value, text: { type: 'plain_text', text: 'Ask' } },
    });
    expect(click.status).toBe(200);
    const dm = await app.slack.waitFor(() => app.slack.callsOf('chat.postMessage')[dms]);
    expect(dm.args.channel).toBe(WANG.id);
    expect(dm.args.text).toBe(`<@U0MEI> 正要新增 某科技 &lt;!channel&gt;，看起来是你的线索 \u200b*${lead.number}*\u200b —— 要和对方沟通一下吗？`);
    const confirmation = await app.slack.waitFor(() => app.slack.callsOf('chat.postEphemeral')[told]);
    expect(confirmation.args).toMatchObject({ user: MEI.id, text: `I asked <@U0WANG> about lead *${lead.number}*. Your form is still open.` });
    // Asking changes nothing: no lead added, the owner's lead as it was.
    expect(await leadCount()).toBe(1);
    expect(await journalOf(app.database.db, lead.id)).toHaveLength(1);
  });

  it('a rep warned about their own lead is not offered to ask themselves', async () => {
    const lead = await seedLead(app, { name: 'Acme Robotics', ownerId: MEI.id });
    const warned = (await submit(await openForm(), { name: 'acme robotics inc.' })).view!;
    expect(blockText(warned)).toContain(`*${lead.number}* Acme Robotics · Acquired · <@U0MEI>`);
    expect(buttonsOf(warned).size).toBe(0);
  });

  it('contacts are checked below Slack: a wrong email or phone is refused beside its input', async () => {
    const answer = await submit(await openForm(), { name: 'Acme', contact_email: 'not-an-email', contact_phone: '12' });
    expect(answer).toEqual({
      response_action: 'errors',
      errors: { contact_email: 'Contact email: that is not a valid value.', contact_phone: 'Contact phone: that is not a valid value.' },
    });
    expect(await leadCount()).toBe(0);
  });

  it('contacts are stored with their keys, journaled, shown on the card, and edited like any field', async () => {
    expect(await submit(await openForm(), { name: 'Lin Studio', contact_email: 'Lin@Studio.cn', contact_phone: '+86 138 0013 8000' })).toEqual({});
    const lead = await app.database.db.lead.findFirstOrThrow();
    expect(lead).toMatchObject({ contactEmail: 'Lin@Studio.cn', contactPhone: '+86 138 0013 8000', nameKey: 'linstudio', emailKey: 'lin@studio.cn', phoneKey: '13800138000' });
    const [created] = await journalOf(app.database.db, lead.id);
    expect(created!.after).toMatchObject({ contactEmail: 'Lin@Studio.cn', contactPhone: '+86 138 0013 8000' });
    expect(created!.after).not.toHaveProperty('phoneKey');

    const card = (await app.driver.command(`show ${lead.number}`, { user: MEI })).json;
    expect(blockText(card)).toContain('*Contact*\\nLin@Studio.cn · +86 138 0013 8000');

    const opened = app.slack.callsOf('views.open').length;
    await app.driver.clickButton(buttonsOf(card).get('lead_open_edit')!, { user: MEI });
    const edit = await openedView(app.slack, opened);
    const phoneInput = edit.blocks.find((block) => block.block_id === 'contact_phone') as { element: { initial_value?: string } };
    expect(phoneInput.element.initial_value).toBe('+86 138 0013 8000');
    const current = Object.fromEntries(edit.blocks.flatMap((block) => {
      const initial = (block as { element?: { initial_value?: string } }).element?.initial_value;
      return block.block_id && initial ? [[block.block_id, initial]] : [];
    }));
    await app.driver.submitView(edit as never, stateValues(edit, { ...current, contact_phone: '010 6552 1234' }), { user: MEI });
    await app.slack.waitFor(() => app.slack.callsOf('chat.postEphemeral')[1]);
    expect(await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ contactPhone: '010 6552 1234', phoneKey: '01065521234', emailKey: 'lin@studio.cn' });
    const [, edited] = await journalOf(app.database.db, lead.id);
    expect(edited!.before).toEqual({ contactPhone: '+86 138 0013 8000' });
    expect(edited!.after).toEqual({ contactPhone: '010 6552 1234' });

    // Undo puts the value back, and its key follows.
    await app.driver.command(`undo ${lead.number}`, { user: MEI });
    expect(await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ contactPhone: '+86 138 0013 8000', phoneKey: '13800138000' });
  });
});
