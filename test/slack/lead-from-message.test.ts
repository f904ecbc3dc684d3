import { describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases.js';
import { blockText } from '../support/leads.js';
import { openedView, stateValues, type OpenedView } from '../support/modals.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';
import { MEI, WANG } from '../support/people.js';
import { slackAppFor } from '../support/slack-app.js';
import type { TestApp } from '../support/test-app.js';
import { FIELD_LIMITS } from '../../src/domain/fields.js';

/**
 * A customer writes in a channel; a rep uses "Create lead from message" on it (issue 15)
 * and gets the new-lead form already holding what the message says, through signed
 * requests and the fake Slack.
 */

const INBOX = { id: 'C0INBOX', name: 'leads-inbox' };
const NOW = new Date('2026-12-02T03:00:00Z');
const TS = '1764644400.000200';
const LINK = `https://leadops-test.slack.com/archives/${INBOX.id}/p1764644400000200`;

/** As Slack sends it: what the person typed literally is escaped, the mailto link is Slack's own. */
const CUSTOMER_MESSAGE =
  'Hi all &lt;!channel&gt; — 我们是星河教育，想了解报价 &amp; 交付周期。Write to <mailto:li.wei@xinghe.cn|li.wei@xinghe.cn> or call +86 138-0013-8000.';
const CUSTOMER_TEXT = 'Hi all <!channel> — 我们是星河教育，想了解报价 & 交付周期。Write to li.wei@xinghe.cn or call +86 138-0013-8000.';

type Input = { block_id?: string; element?: { initial_value?: string } };
const initial = (view: OpenedView, blockId: string) => (view.blocks.find((block) => block.block_id === blockId) as Input | undefined)?.element?.initial_value;

describe.each(DATABASES)('Create lead from message (%s)', (kind) => {
  let app: TestApp;
  slackAppFor(kind, NOW, (started) => (app = started));

  async function shortcut(text: string, user: { id: string; name: string } = MEI) {
    const opened = app.slack.callsOf('views.open').length;
    const reply = await app.driver.messageAction({ user, channel: INBOX, message: { ts: TS, text, user: 'U0CUSTOMER' } });
    expect(reply.status).toBe(200);
    return openedView(app.slack, opened);
  }

  it('opens the new-lead form with the message as notes, a link to it, and its email and phone', async () => {
    const view = await shortcut(CUSTOMER_MESSAGE);

    expect(view.callback_id).toBe('lead_new');
    expectWithinSlackLimits({ blocks: view.blocks } as never, 'view');
    expect(initial(view, 'notes')).toBe(`${CUSTOMER_TEXT}\n\n${LINK}`);
    expect(initial(view, 'contact_email')).toBe('li.wei@xinghe.cn');
    expect(initial(view, 'contact_phone')).toBe('+86 138-0013-8000');
    expect(initial(view, 'name')).toBeUndefined();
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: INBOX.id });
    expect(app.slack.callsOf('chat.getPermalink').map((call) => call.args)).toEqual([expect.objectContaining({ channel: INBOX.id, message_ts: TS })]);
  });

  it('submitting it creates the lead with those notes and says so in the message’s channel, without pinging anyone', async () => {
    const view = await shortcut(CUSTOMER_MESSAGE);
    const entered = { name: '星河教育集团', owner: MEI.id, notes: initial(view, 'notes'), contact_email: initial(view, 'contact_email'), contact_phone: initial(view, 'contact_phone') };
    const answer = await app.driver.submitView(view as never, stateValues(view, entered), { user: MEI });
    expect(answer.status).toBe(200);
    expect(answer.json ?? {}).toEqual({});

    const lead = await app.database.db.lead.findFirstOrThrow();
    expect(lead).toMatchObject({ name: '星河教育集团', contactEmail: 'li.wei@xinghe.cn', contactPhone: '+86 138-0013-8000', ownerId: MEI.id });
    expect(lead.notes).toContain(CUSTOMER_TEXT);
    expect(lead.notes).toContain(LINK);
    const told = await app.slack.waitForCall('chat.postEphemeral', (call) => call.args.channel === INBOX.id);
    expect(told.args.user).toBe(MEI.id);
    expect(String(told.args.text)).toContain(`${lead.number}`);
    // The notes on the card are the customer's words, not markup: <!channel> stays text.
    expect(blockText(told.args)).toContain('&lt;!channel&gt;');
    expect(blockText(told.args)).not.toContain('<!channel>');
  });

  it('the shortcut of someone whose Slack is in Chinese opens the Chinese form', async () => {
    const view = await shortcut(CUSTOMER_MESSAGE, WANG);
    expect((view.title as { text: string }).text).toBe('新增线索');
    expect(blockText(view)).toContain('联系人邮箱');
    expect(initial(view, 'contact_email')).toBe('li.wei@xinghe.cn');
  });

  it('opens the form without a link when Slack will not give one', async () => {
    app.slack.answerNext('chat.getPermalink', { ok: false, error: 'channel_not_found' });
    const view = await shortcut('Please call me on 13800138000');
    expect(initial(view, 'notes')).toBe('Please call me on 13800138000');
    expect(initial(view, 'contact_phone')).toBe('13800138000');
    expect(initial(view, 'contact_email')).toBeUndefined();
  });

  it('does not hold the form for a link that is slow to come', async () => {
    app.slack.answerNext('chat.getPermalink', { ok: true, permalink: LINK, hangMs: 2500 });
    const view = await shortcut('Ping me: li@acme.com');
    expect(initial(view, 'notes')).toBe('Ping me: li@acme.com');
  });

  it('a long message is cut so that the notes, link included, fit the field', async () => {
    const view = await shortcut(`${'报价'.repeat(2000)} li@acme.com`);
    const notes = initial(view, 'notes')!;
    expect([...notes].length).toBe(FIELD_LIMITS.leadNotes);
    expect(notes.endsWith(`…\n\n${LINK}`)).toBe(true);
    // The email was in the part cut off, and is still the contact.
    expect(initial(view, 'contact_email')).toBe('li@acme.com');
  });

  it('a re-sent shortcut request opens one form', async () => {
    const body = app.driver.messageActionBody({ user: MEI, channel: INBOX, message: { ts: TS, text: CUSTOMER_MESSAGE } });
    expect((await app.driver.post(body, 'application/x-www-form-urlencoded')).status).toBe(200);
    await openedView(app.slack);
    expect((await app.driver.post(body, 'application/x-www-form-urlencoded')).status).toBe(200);
    // A request after both is answered only once the duplicate has been turned away.
    expect((await app.driver.command('help', { user: MEI })).status).toBe(200);
    expect(app.slack.callsOf('views.open')).toHaveLength(1);
    expect(app.slack.callsOf('chat.getPermalink')).toHaveLength(1);
  });
});
