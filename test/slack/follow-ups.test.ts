import { describe, expect, it } from 'vitest';
import { overdueDigestModel } from '../../src/digests/overdue-digest.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { DATABASES } from '../support/databases.js';
import { blockText, buttonsOf, journalOf, seedLead } from '../support/leads.js';
import { openedView, stateValues } from '../support/modals.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';
import { MEI, WANG } from '../support/people.js';
import { slackAppFor } from '../support/slack-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * Follow-ups through signed requests: `/lead note` with days written both ways, the
 * card's "Log follow-up" form, what a contact does to "due", and `/lead due`.
 */

type Person = { id: string; name: string };

/** 23:30 UTC on Wednesday 2 December: already Thursday 3 December, 07:30, for the team in Shanghai. */
const NOW = new Date('2026-12-02T23:30:00Z');
const shanghaiDay = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

describe.each(DATABASES)('follow-ups from Slack (%s)', (kind) => {
  let app: TestApp;
  slackAppFor(kind, NOW, (started) => (app = started));

  const row = (id: number) => app.database.db.lead.findUniqueOrThrow({ where: { id } });
  /** A lead Mei (or `ownerId`) has worked on: contacted a week ago, its columns as given. */
  async function workedLead(data: Record<string, unknown> = {}, ownerId = MEI.id) {
    const lead = await seedLead(app, { ownerId, acquiredAt: daysBefore(10) });
    return app.database.db.lead.update({ where: { id: lead.id }, data: { stage: 'CONTACTED', contactedAt: daysBefore(7), ...data } });
  }
  async function say(text: string, user: Person | typeof WANG = MEI) {
    const reply = await app.driver.command(text, { user });
    expect(reply.status).toBe(200);
    return reply.json as { text: string; blocks: unknown[] };
  }
  const overdueNumbers = async () =>
    (await overdueDigestModel(app.database, await app.services.workspaces.get(FAKE_TEAM.id), NOW, async () => new Map())).leads.map((lead) => lead.number);

  describe('/lead note', () => {
    it('logs a contact with the day written in 中文, read on the team\'s Thursday, answered in the writer\'s language', async () => {
      const lead = await workedLead({}, WANG.id);
      const reply = await say(`note ${lead.number} 电话联系王总，下周安排演示 next:周五`, WANG);
      expect(reply.text).toBe(`已记录 \u200b*${lead.number}*\u200b Acme Robotics 的跟进。 下次跟进：12月4日 周五。`);

      expect(await row(lead.id)).toMatchObject({ lastFollowUpAt: NOW, nextFollowUpAt: shanghaiDay('2026-12-04'), version: lead.version + 1 });
      const [, entry] = await journalOf(app.database.db, lead.id);
      expect(entry).toMatchObject({ kind: 'note', byId: WANG.id, via: 'slack', note: '电话联系王总，下周安排演示' });
      expect(entry!.after).toEqual({ lastFollowUpAt: NOW.toISOString(), nextFollowUpAt: shanghaiDay('2026-12-04').toISOString() });
      const [followUp] = await app.database.db.followUp.findMany({ where: { leadId: lead.id } });
      expect(followUp).toMatchObject({ note: '电话联系王总，下周安排演示', byId: WANG.id, contactedAt: NOW, nextDueAt: shanghaiDay('2026-12-04'), outcome: null, activityId: entry!.id });
    });

    it.each([
      ['tomorrow', '2026-12-04', 'Fri 4 Dec'],
      ['+3d', '2026-12-06', 'Sun 6 Dec'],
      ['下周一', '2026-12-07', 'Mon 7 Dec'],
      ['3天后', '2026-12-06', 'Sun 6 Dec'],
      ['next week', '2026-12-10', 'Thu 10 Dec'],
      ['10/8', '2027-10-08', 'Fri 8 Oct'],
    ])('next:%s is %s in Shanghai', async (written, iso, label) => {
      const lead = await workedLead();
      const reply = await say(`note ${lead.number} called next:${written}`);
      expect(reply.text).toContain(`Next follow-up: ${label}.`);
      expect((await row(lead.id)).nextFollowUpAt).toEqual(shanghaiDay(iso));
    });

    it('without next:, the stage\'s cadence sets the day; what Slack escaped is stored as typed and shown escaped', async () => {
      const lead = await workedLead({ stage: 'PROPOSAL', proposalAt: daysBefore(2) });
      // Slack sends & < > as entities in a command's text.
      const reply = await say(`note ${lead.number} sent R&amp;D the deck &lt;!channel&gt;`);
      expect(reply.text).toContain('Next follow-up: Sun 6 Dec (every 3 days at this stage).');
      const [followUp] = await app.database.db.followUp.findMany({ where: { leadId: lead.id } });
      expect(followUp!.note).toBe('sent R&D the deck <!channel>');
      expect(blockText(reply)).toContain('sent R&amp;D the deck &lt;!channel&gt;');
      expect(blockText(reply)).not.toContain('<!channel>');
      expect(blockText(reply)).toContain('*Latest follow-ups*');
    });

    it.each([
      ['someday', 'is not a day I can read, so nothing was logged. Write it like `next:friday`'],
      ['2023-10-08', '`2023-10-08` is 2023-10-08, already past, so nothing was logged.'],
    ])('refuses next:%s with an example, and changes nothing', async (written, says) => {
      const lead = await workedLead({ nextFollowUpAt: shanghaiDay('2026-12-01') });
      const reply = await say(`note ${lead.number} called next:${written}`);
      expect(reply.text).toContain(says);
      expect(await row(lead.id)).toEqual(lead);
      expect(await app.database.db.followUp.count()).toBe(0);
      expect(await journalOf(app.database.db, lead.id)).toHaveLength(1);
    });

    it('refuses in 中文 for a reader in 中文, and asks for the text when there is none', async () => {
      const lead = await workedLead({}, WANG.id);
      expect((await say(`note ${lead.number} 已联系 next:改天`, WANG)).text).toContain('无法识别日期 `改天`，未记录任何内容。');
      expect((await say(`note ${lead.number}`)).text).toBe('Usage: `/lead note &lt;number&gt; &lt;what happened&gt; [next:&lt;when&gt;]`');
      expect(await app.database.db.followUp.count()).toBe(0);
    });

    it('on a closed lead a note is kept but nothing is scheduled; naming a day there is refused', async () => {
      const lead = await workedLead({ stage: 'WON', wonAt: daysBefore(1) });
      expect((await say(`note ${lead.number} thank-you call`)).text).toContain('The lead is closed, so nothing is scheduled.');
      expect(await row(lead.id)).toMatchObject({ lastFollowUpAt: NOW, nextFollowUpAt: null });
      expect((await say(`note ${lead.number} upsell next:friday`)).text).toContain(`Lead ${lead.number} is already Won.`);
      expect(await app.database.db.followUp.count()).toBe(1);
    });
  });

  describe('the card\'s Log follow-up form', () => {
    it('proposes the cadence\'s day, records the outcome and the day picked, and the card shows the note', async () => {
      const lead = await workedLead();
      const card = await say(`show ${lead.number}`);
      const opened = app.slack.callsOf('views.open').length;
      await app.driver.clickButton(buttonsOf(card).get('lead_open_follow_up')!, { user: MEI });
      const view = await openedView(app.slack, opened);
      expect(view.callback_id).toBe('lead_follow_up');
      const next = view.blocks.find((block) => block.block_id === 'next_follow_up') as unknown as { element: { initial_date: string }; hint: { text: string } };
      // Contacted: every 7 days from the team's Thursday 3rd.
      expect(next.element.initial_date).toBe('2026-12-10');
      expect(next.hint.text).toContain('every 7 days');

      const told = app.slack.callsOf('chat.postEphemeral').length;
      const reply = await app.driver.submitView(view, stateValues(view, { follow_up_note: 'No answer, texted her', follow_up_outcome: 'no_answer', next_follow_up: '2026-12-07' }), { user: MEI });
      expect(reply.status).toBe(200);
      const posted = await app.slack.waitFor(() => app.slack.callsOf('chat.postEphemeral')[told]);
      expect(posted.args.text).toBe(`Follow-up logged on *${lead.number}* Acme Robotics. Next follow-up: Mon 7 Dec.`);
      expect(blockText(posted.args)).toContain('<@U0MEI> · _No answer_ · <!date^');
      expect(blockText(posted.args)).toContain('>No answer, texted her');
      expectWithinSlackLimits(posted.args as never);
      expect(await app.database.db.followUp.findFirstOrThrow({ where: { leadId: lead.id } })).toMatchObject({ outcome: 'no_answer', nextDueAt: shanghaiDay('2026-12-07') });
    });

    it('an empty note is refused beside its input, and nothing is logged', async () => {
      const lead = await workedLead();
      await app.driver.clickButton(buttonsOf(await say(`show ${lead.number}`)).get('lead_open_follow_up')!, { user: MEI });
      const view = await openedView(app.slack);
      const reply = await app.driver.submitView(view, stateValues(view, { follow_up_note: '   ' }), { user: MEI });
      expect(reply.json).toEqual({ response_action: 'errors', errors: { follow_up_note: 'What happened is required.' } });
      expect(await app.database.db.followUp.count()).toBe(0);
    });
  });

  describe('a contact takes the lead off "due"', () => {
    it('a note: the overdue digest and /lead due stop listing it', async () => {
      const lead = await workedLead({ nextFollowUpAt: shanghaiDay('2026-12-01') });
      expect(await overdueNumbers()).toEqual([lead.number]);
      expect(blockText(await say('due'))).toContain(`*${lead.number}* Acme Robotics · Contacted · :warning: overdue since Tue 1 Dec`);

      await say(`note ${lead.number} reached her, demo on Monday next:下周一`);
      expect(await overdueNumbers()).toEqual([]);
      expect((await say('due')).text).toContain('Nothing due');
    });

    it('an advance counts as a contact; undoing it later keeps the dates a note set after it', async () => {
      const lead = await workedLead({ nextFollowUpAt: shanghaiDay('2026-12-01') });
      await say(`advance ${lead.number}`);
      expect(await row(lead.id)).toMatchObject({ stage: 'DISCOVERY', lastFollowUpAt: NOW, nextFollowUpAt: shanghaiDay('2026-12-10') });
      expect(await overdueNumbers()).toEqual([]);

      app.setNow(new Date(NOW.getTime() + 60_000));
      await say(`note ${lead.number} sent the deck next:friday`);
      expect((await say(`undo ${lead.number}`)).text).toBe(`Undone on lead *${lead.number}*: Discovery → Contacted.`);
      expect(await row(lead.id)).toMatchObject({ stage: 'CONTACTED', discoveryAt: null, lastFollowUpAt: new Date(NOW.getTime() + 60_000), nextFollowUpAt: shanghaiDay('2026-12-04') });
    });

    it('undoing an advance with no contact after it restores the dates it replaced', async () => {
      const lead = await workedLead({ nextFollowUpAt: shanghaiDay('2026-12-01'), lastFollowUpAt: daysBefore(7) });
      await say(`advance ${lead.number}`);
      await say(`undo ${lead.number}`);
      expect(await row(lead.id)).toMatchObject({ stage: 'CONTACTED', lastFollowUpAt: daysBefore(7), nextFollowUpAt: shanghaiDay('2026-12-01') });
    });
  });

  describe('/lead due', () => {
    it('lists what is due oldest first, then untouched new leads, then zombies with a one-click close', async () => {
      const dueToday = await workedLead({ name: 'Today Co', nextFollowUpAt: shanghaiDay('2026-12-03') });
      const late = await workedLead({ name: 'Late Co', nextFollowUpAt: shanghaiDay('2026-11-28') });
      await workedLead({ name: 'Later Co', nextFollowUpAt: shanghaiDay('2026-12-04') });
      const fresh = await seedLead(app, { name: 'Fresh Co', acquiredAt: daysBefore(3) });
      await seedLead(app, { name: 'Just in', acquiredAt: daysBefore(1) });
      const zombie = await workedLead({ name: 'Ghost Co', acquiredAt: daysBefore(60), contactedAt: daysBefore(40), nextFollowUpAt: shanghaiDay('2026-10-30') });
      await workedLead({ name: 'Not mine', nextFollowUpAt: shanghaiDay('2026-11-28') }, 'U0LEI');

      const reply = await say('due');
      expectWithinSlackLimits(reply as never);
      const text = blockText(reply);
      const order = ['Due today and overdue* (2)', late.number, dueToday.number, 'Untouched* (1)', fresh.number, 'Zombies* (1)', zombie.number].map((part) => text.indexOf(part));
      expect(order.every((index) => index >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(text).not.toContain('Later Co');
      expect(text).not.toContain('Just in');
      expect(text).not.toContain('Not mine');
      expect(text).toContain('in since');

      const zombieButtons = buttonsOf({ blocks: (reply.blocks as Array<{ block_id?: string }>).filter((block) => block.block_id === `lead_actions_${zombie.number}`) });
      expect([...zombieButtons.keys()]).toEqual(['lead_open_follow_up', 'lead_advance', 'lead_lose_no_response', 'lead_release']);
      const responseUrl = app.slack.responseUrl('zombie');
      await app.driver.clickButton(zombieButtons.get('lead_lose_no_response')!, { responseUrl, user: MEI });
      const replaced = await app.slack.waitForResponse((response) => response.id === 'zombie');
      expect(String(replaced.body.text)).toBe(`Lead *${zombie.number}* Ghost Co is marked *lost*: No response.`);
      expect((await row(zombie.id)).stage).toBe('LOST');
      const reasons = await app.database.db.leadTag.findMany({ where: { leadId: zombie.id }, include: { tag: true } });
      expect(reasons.filter(({ tag }) => tag.kind === 'LOSS_REASON').map(({ tag }) => tag.key)).toEqual(['no_response']);
    });

    it('reads in 中文 for a reader in 中文', async () => {
      await workedLead({ nextFollowUpAt: shanghaiDay('2026-11-28') }, WANG.id);
      const text = blockText(await say('due', WANG));
      expect(text).toContain('今天到期和已逾期');
      expect(text).toContain('自 11月28日 周六 起逾期');
      expect(text).toContain('记录跟进');
    });
  });
});
