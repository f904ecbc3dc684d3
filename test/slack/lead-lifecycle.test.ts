import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { blockText, buttonsOf, journalOf, seedLead } from '../support/leads.js';
import { openedView, stateValues } from '../support/modals.js';
import { CHANNEL } from '../../src/playground/driver.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MEI = { id: 'U0MEI', name: 'mei' };
const LEI = { id: 'U0LEI', name: 'lei' };

describe.each(DATABASES)('the lead lifecycle from Slack (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    // Mei owns the leads these stories seed; Lei, an admin, may change them too.
    app = await startTestApp(kind, { timeZone: 'Asia/Shanghai', teamAdmins: [LEI.id] });
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    // The bot's clock stands still in each story: rules that count seconds (a change made
    // in the last 10 s is one the person did not see) then hold however slow the machine.
    app.setNow(new Date('2026-11-20T02:00:00Z'));
    app.slack.clear();
    // Each story starts with no leads; the workspace row stays.
    await app.database.db.lead.deleteMany();
    await app.database.db.leadNumberSequence.deleteMany();
  });

  describe('/lead new', () => {
    it('opens the form with the name pre-filled and the caller as owner, and saves the lead with its number', async () => {
      // 01:30 on 1 October in Shanghai is still 30 September in UTC: the number uses the team's day.
      app.setNow(new Date('2023-09-30T17:30:00Z'));
      const ack = await app.driver.command('new 星河教育科技', { user: MEI });
      expect(ack.status).toBe(200);
      expect(ack.json).toBeUndefined();

      const view = await openedView(app.slack);
      expect(view.callback_id).toBe('lead_new');
      const nameInput = view.blocks.find((block) => block.block_id === 'name') as { element: { initial_value?: string } };
      expect(nameInput.element.initial_value).toBe('星河教育科技');
      const ownerInput = view.blocks.find((block) => block.block_id === 'owner') as { element: { initial_user?: string } };
      expect(ownerInput.element.initial_user).toBe(MEI.id);

      const submitted = await app.driver.submitView(
        view,
        stateValues(view, {
          name: '星河教育科技',
          source_channel: '抖音',
          campaign: '抖音信息流-教育行业广告',
          content_asset: '2023 行业白皮书',
          customer_type: 'ENTERPRISE',
          industry: '教育',
          owner: MEI.id,
          next_follow_up: '2023-10-08',
          notes: 'Met at the booth; wants a demo',
        }),
        { user: MEI },
      );
      expect(submitted.status).toBe(200);
      expect(submitted.json).toBeUndefined();

      const confirmation = await app.slack.waitForCall('chat.postEphemeral');
      expect(confirmation.args.channel).toBe(CHANNEL.id);
      expect(confirmation.args.user).toBe(MEI.id);
      expect(blockText(confirmation.args)).toContain('20231001001');

      const lead = await app.database.db.lead.findFirstOrThrow({ include: { tags: { include: { tag: true } } } });
      expect(lead).toMatchObject({
        number: '20231001001',
        name: '星河教育科技',
        stage: 'ACQUIRED',
        ownerId: MEI.id,
        createdById: MEI.id,
        customerType: 'ENTERPRISE',
        campaign: '抖音信息流-教育行业广告',
        contentAsset: '2023 行业白皮书',
        industry: '教育',
        sourceChannel: '抖音',
        sourceChannelKey: 'douyin',
      });
      expect(lead.acquiredAt.toISOString()).toBe('2023-09-30T17:30:00.000Z');
      // The follow-up day is midnight in Shanghai.
      expect(lead.nextFollowUpAt?.toISOString()).toBe('2023-10-07T16:00:00.000Z');
      const journal = await journalOf(app.database.db, lead.id);
      expect(journal.map((entry) => [entry.kind, entry.byId, entry.via])).toEqual([['created', MEI.id, 'slack']]);
      expect(journal[0]!.after).toMatchObject({ name: '星河教育科技', ownerId: MEI.id, stage: 'ACQUIRED', sourceChannelKey: 'douyin' });
      expect(lead.tags.map(({ tag }) => [tag.kind, tag.key])).toEqual([['SOURCE_CHANNEL', 'douyin']]);
    });

    it('numbers a day\'s leads 001, 002, … and a new day starts again', async () => {
      app.setNow(new Date('2023-10-01T02:00:00Z'));
      for (let i = 0; i < 2; i++) {
        const before = app.slack.callsOf('views.open').length;
        await app.driver.command('new');
        const view = await openedView(app.slack, before);
        await app.driver.submitView(view, stateValues(view, { name: `Lead ${i}`, owner: MEI.id }));
      }
      app.setNow(new Date('2023-10-02T02:00:00Z'));
      const before = app.slack.callsOf('views.open').length;
      await app.driver.command('new');
      const view = await openedView(app.slack, before);
      await app.driver.submitView(view, stateValues(view, { name: 'Next day', owner: MEI.id }));
      await app.slack.waitFor(() => app.slack.callsOf('chat.postEphemeral').length === 3);
      const numbers = (await app.database.db.lead.findMany({ orderBy: { id: 'asc' } })).map((lead) => lead.number);
      expect(numbers).toEqual(['20231001001', '20231001002', '20231002001']);
    });

    it('never gives two leads submitted at the same moment the same number', async () => {
      app.setNow(new Date('2023-10-01T02:00:00Z'));
      await app.driver.command('new');
      const view = await openedView(app.slack);
      const submits = Array.from({ length: 12 }, (_, i) =>
        app.driver.submitView(view, stateValues(view, { name: `Concurrent ${i}`, owner: MEI.id })),
      );
      expect((await Promise.all(submits)).map((reply) => reply.status)).toEqual(Array(12).fill(200));
      await app.slack.waitFor(() => app.slack.callsOf('chat.postEphemeral').length === 12);
      const numbers = (await app.database.db.lead.findMany()).map((lead) => lead.number).sort();
      expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `20231001${String(i + 1).padStart(3, '0')}`));
    });

    it('keeps the form open with a message on each bad field and saves nothing', async () => {
      app.setNow(new Date('2023-10-05T02:00:00Z'));
      await app.driver.command('new');
      const view = await openedView(app.slack);
      const reply = await app.driver.submitView(
        view,
        stateValues(view, { name: '   ', owner: MEI.id, next_follow_up: '2023-10-01', acquired_at: Math.floor(Date.parse('2023-10-09T00:00:00Z') / 1000) }),
      );
      expect(reply.json).toMatchObject({
        response_action: 'errors',
        errors: { name: expect.any(String), next_follow_up: expect.any(String), acquired_at: expect.any(String) },
      });
      expect(await app.database.db.lead.count()).toBe(0);
      expect(app.slack.callsOf('chat.postEphemeral')).toHaveLength(0);
    });

    it('answers in the DM when it cannot post in the channel the form came from', async () => {
      await app.driver.command('new', { channel: { id: 'C0PRIVATE', name: 'private' } });
      const view = await openedView(app.slack);
      app.slack.answerNext('chat.postEphemeral', { ok: false, error: 'channel_not_found' });
      await app.driver.submitView(view, stateValues(view, { name: 'Quiet Co', owner: MEI.id }));
      const dm = await app.slack.waitForCall('chat.postMessage');
      expect(dm.args.channel).toBe(MEI.id);
      expect(blockText(dm.args)).toContain('Quiet Co');
    });
  });

  describe('/lead advance', () => {
    it('moves a lead to the next stage and keeps who and when', async () => {
      const lead = await seedLead(app, { name: 'Acme' });
      app.setNow(new Date('2023-10-03T04:05:00Z'));
      const reply = await app.driver.command(`advance ${lead.number}`, { user: LEI });
      expect(reply.json?.response_type).toBe('ephemeral');
      expect(blockText(reply.json)).toContain('moved from Acquired to *Contacted*');

      const after = await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
      expect(after.stage).toBe('CONTACTED');
      expect(after.contactedAt?.toISOString()).toBe('2023-10-03T04:05:00.000Z');
      expect((await journalOf(app.database.db, lead.id)).at(-1)).toMatchObject({
        kind: 'stage',
        before: { stage: 'ACQUIRED', contactedAt: null },
        after: { stage: 'CONTACTED', contactedAt: '2023-10-03T04:05:00.000Z' },
        byId: LEI.id,
        via: 'slack',
      });
    });

    it('finds a short imported number like 20231001', async () => {
      await seedLead(app, { name: 'Imported' });
      await app.database.db.lead.updateMany({ data: { number: '20231001' } });
      const reply = await app.driver.command('advance 20231001');
      expect(blockText(reply.json)).toContain('*Contacted*');
    });

    it('jumps to a stage named in 中文, stamping the skipped stages with the jump time', async () => {
      const lead = await seedLead(app);
      app.setNow(new Date('2023-10-04T08:00:00Z'));
      const reply = await app.driver.command(`advance ${lead.number} 方案呈现`);
      expect(blockText(reply.json)).toContain('Skipped stages marked at the same time: Contacted, Discovery');
      const after = await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
      expect(after.stage).toBe('PROPOSAL');
      for (const stamp of [after.contactedAt, after.discoveryAt, after.proposalAt]) {
        expect(stamp?.toISOString()).toBe('2023-10-04T08:00:00.000Z');
      }
      expect(after.negotiationAt).toBeNull();
    });

    it('accepts the stage key and English label in any case', async () => {
      const lead = await seedLead(app);
      expect(blockText((await app.driver.command(`advance ${lead.number} DISCOVERY`)).json)).toContain('*Discovery*');
      expect(blockText((await app.driver.command(`advance ${lead.number} negotiation`)).json)).toContain('*Negotiation*');
    });

    it('refuses to move backwards or past Negotiation, and to touch a won lead, changing nothing', async () => {
      const lead = await seedLead(app);
      await app.driver.command(`advance ${lead.number} proposal`);
      expect(blockText((await app.driver.command(`advance ${lead.number} contacted`)).json)).toContain('can only move forward');
      await app.driver.command(`advance ${lead.number}`);
      expect(blockText((await app.driver.command(`advance ${lead.number}`)).json)).toContain(`/lead win ${lead.number}`);
      await app.driver.command(`win ${lead.number} 50000`);
      const refused = await app.driver.command(`advance ${lead.number}`);
      expect(blockText(refused.json)).toContain('is already Won');
      const kinds = (await journalOf(app.database.db, lead.id)).map((entry) => [entry.kind, entry.after?.stage]);
      expect(kinds).toEqual([['created', 'ACQUIRED'], ['stage', 'PROPOSAL'], ['stage', 'NEGOTIATION'], ['stage', 'WON']]);
    });

    it('suggests the closest numbers for a mistyped one', async () => {
      await seedLead(app);
      await app.database.db.lead.updateMany({ data: { number: '20231001' } });
      const reply = await app.driver.command('advance 2023100');
      expect(blockText(reply.json)).toContain('No lead 2023100. Did you mean *20231001*?');
    });

    it('explains a stage it does not know', async () => {
      const lead = await seedLead(app);
      const reply = await app.driver.command(`advance ${lead.number} closing`);
      expect(blockText(reply.json)).toContain('`closing` is not a stage');
      expect((await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).stage).toBe('ACQUIRED');
    });

    it('lets exactly one of two simultaneous advances through; the other hears why', async () => {
      const lead = await seedLead(app);
      const replies = await Promise.all([
        app.driver.command(`advance ${lead.number}`, { user: MEI }),
        app.driver.command(`advance ${lead.number}`, { user: LEI }),
      ]);
      const texts = replies.map((reply) => blockText(reply.json));
      expect(texts.filter((text) => text.includes('*Contacted*') && text.includes('moved from'))).toHaveLength(1);
      expect(texts.filter((text) => text.includes('moved by someone else meanwhile'))).toHaveLength(1);
      const changes = (await journalOf(app.database.db, lead.id)).filter((entry) => entry.kind === 'stage');
      expect(changes).toHaveLength(1);
      expect((await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).stage).toBe('CONTACTED');
    });
  });

  describe('/lead lose and /lead win', () => {
    it('records LOST with several reasons as normalized tags', async () => {
      const lead = await seedLead(app);
      const reply = await app.driver.command(`lose ${lead.number} 预算不足 Budget "competitor cheaper" 决策链长`);
      expect(blockText(reply.json)).toContain('marked *lost*: No budget, Competitor cheaper, Long decision chain');
      const after = await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id }, include: { tags: { include: { tag: true } } } });
      expect(after.stage).toBe('LOST');
      expect(after.lostAt).not.toBeNull();
      expect(after.tags.filter(({ tag }) => tag.kind === 'LOSS_REASON').map(({ tag }) => tag.key).sort()).toEqual(['budget', 'competitor_cheaper', 'long_decision_chain']);
    });

    it('opens a form of known reasons when no reason is given, and saves picked and new reasons', async () => {
      const lead = await seedLead(app, { name: 'Beta Ltd' });
      const ack = await app.driver.command(`lose ${lead.number}`);
      expect(ack.json).toBeUndefined();
      const view = await openedView(app.slack);
      expect(view.callback_id).toBe('lead_lose');
      const reasons = view.blocks.find((block) => block.block_id === 'known_reasons') as unknown as { element: { options: Array<{ value: string }> } };
      expect(reasons.element.options.map((option) => option.value)).toEqual(expect.arrayContaining(['budget', 'competitor_cheaper']));

      const empty = await app.driver.submitView(view, stateValues(view, {}));
      expect(empty.json).toMatchObject({ response_action: 'errors', errors: { new_reason: expect.any(String) } });
      expect((await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).stage).toBe('ACQUIRED');

      await app.driver.submitView(view, stateValues(view, { known_reasons: ['budget'], new_reason: '换了供应商, 无法联系', note: 'CFO froze spending' }));
      await app.slack.waitForCall('chat.postEphemeral');
      const after = await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id }, include: { tags: { include: { tag: true } } } });
      expect(after.stage).toBe('LOST');
      const reasonKeys = after.tags.filter(({ tag }) => tag.kind === 'LOSS_REASON').map(({ tag }) => tag.key);
      expect(reasonKeys.sort()).toEqual(['budget', 'unreachable', '换了供应商'].sort());
      expect((await journalOf(app.database.db, lead.id)).find((entry) => entry.after?.stage === 'LOST')?.note).toBe('CFO froze spending');
    });

    it('records WON with the deal amount, in 万 too', async () => {
      const lead = await seedLead(app);
      const reply = await app.driver.command(`win ${lead.number} 12万`);
      expect(blockText(reply.json)).toContain('is *won* — ¥120,000.');
      const after = await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
      expect(after.stage).toBe('WON');
      expect(after.dealAmountMinor).toBe(12000000n);
      // Won from Acquired: every stage in between counts as reached, at the same time.
      expect(after.negotiationAt?.getTime()).toBe(after.wonAt?.getTime());
    });

    it('refuses a malformed amount and changes nothing', async () => {
      const lead = await seedLead(app);
      const reply = await app.driver.command(`win ${lead.number} lots`);
      expect(blockText(reply.json)).toContain('`lots` is not an amount');
      expect((await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).stage).toBe('ACQUIRED');
    });
  });

  describe('/lead show and the card buttons', () => {
    it('shows fields, owner, the timeline with who and when, and buttons that do what the commands do', async () => {
      const lead = await seedLead(app, { name: 'Gamma GmbH', campaign: 'SEO 专题页' });
      await app.driver.command(`advance ${lead.number}`, { user: LEI });
      const card = (await app.driver.command(`show ${lead.number}`)).json;
      const text = blockText(card);
      expect(text).toContain(`*${lead.number}* · Gamma GmbH`);
      expect(text).toContain('SEO 专题页');
      expect(text).toContain('<@U0MEI>');
      expect(text).toContain('<@U0LEI> moved it Acquired → *Contacted* · <!date^');
      expect(text).toContain('<@U0MEI> added it');
      const buttons = buttonsOf(card);
      expect([...buttons.keys()]).toEqual(['lead_advance', 'lead_open_follow_up', 'lead_open_lose', 'lead_open_edit']);

      const responseUrl = app.slack.responseUrl('card1');
      await app.driver.clickButton(buttons.get('lead_advance')!, { responseUrl, user: MEI });
      const replaced = await app.slack.waitForResponse((response) => response.id === 'card1');
      expect(replaced.body.replace_original).toBe(true);
      expect(blockText(replaced.body)).toContain('moved from Contacted to *Discovery*');
      expect((await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).stage).toBe('DISCOVERY');
    });

    it('a button pressed on an outdated card changes nothing and says the lead moved', async () => {
      const lead = await seedLead(app);
      const card = (await app.driver.command(`show ${lead.number}`)).json;
      await app.driver.command(`advance ${lead.number}`, { user: LEI });
      const responseUrl = app.slack.responseUrl('stale');
      await app.driver.clickButton(buttonsOf(card).get('lead_advance')!, { responseUrl });
      const answer = await app.slack.waitForResponse((response) => response.id === 'stale');
      expect(answer.body.replace_original).toBe(false);
      expect(blockText(answer.body)).toContain('no longer Acquired but Contacted');
      expect((await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).stage).toBe('CONTACTED');
    });

    it('Mark lost opens the loss form for the stage the card showed', async () => {
      const lead = await seedLead(app);
      const card = (await app.driver.command(`show ${lead.number}`)).json;
      await app.driver.clickButton(buttonsOf(card).get('lead_open_lose')!);
      const view = await openedView(app.slack);
      expect(view.callback_id).toBe('lead_lose');
      expect(JSON.parse(view.private_metadata)).toMatchObject({ number: lead.number, stage: 'ACQUIRED', channelId: CHANNEL.id });
    });

    it('a lead in Negotiation offers Mark won, whose form records the amount', async () => {
      const lead = await seedLead(app);
      await app.driver.command(`advance ${lead.number} negotiation`);
      const card = (await app.driver.command(`show ${lead.number}`)).json;
      expect([...buttonsOf(card).keys()]).toEqual(['lead_open_win', 'lead_open_follow_up', 'lead_open_lose', 'lead_open_edit']);
      await app.driver.clickButton(buttonsOf(card).get('lead_open_win')!);
      const view = await openedView(app.slack);
      const refused = await app.driver.submitView(view, stateValues(view, { amount: 'a lot' }));
      expect(refused.json).toMatchObject({ response_action: 'errors', errors: { amount: expect.stringContaining('Use digits') } });
      await app.driver.submitView(view, stateValues(view, { amount: '¥88,000.50' }));
      await app.slack.waitForCall('chat.postEphemeral');
      const after = await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
      expect(after.stage).toBe('WON');
      expect(after.dealAmountMinor).toBe(8800050n);
    });
  });

  describe('/lead assign, mine and owners', () => {
    it('hands a lead to someone else and keeps the old owner in the history', async () => {
      const lead = await seedLead(app);
      const reply = await app.driver.command(`assign ${lead.number} <@U0LEI|lei>`, { user: LEI });
      expect(blockText(reply.json)).toContain('now owned by <@U0LEI>');
      const after = await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } });
      expect(after.ownerId).toBe(LEI.id);
      const owners = (await journalOf(app.database.db, lead.id)).map((entry) => [entry.kind, entry.before?.ownerId ?? null, entry.after?.ownerId]);
      expect(owners).toEqual([['created', null, MEI.id], ['owner', MEI.id, LEI.id]]);
      expect(blockText((await app.driver.command(`show ${lead.number}`)).json)).toContain('<@U0LEI> handed it from <@U0MEI> to <@U0LEI>');
    });

    it('asks for a mention when the new owner is not one', async () => {
      const lead = await seedLead(app);
      const reply = await app.driver.command(`assign ${lead.number} lei`);
      expect(blockText(reply.json)).toContain('`lei` is not a person');
    });

    it('lists the caller\'s open leads by stage, with overdue follow-ups flagged', async () => {
      app.setNow(new Date('2023-10-10T02:00:00Z'));
      const overdue = await seedLead(app, { name: 'Overdue Co', nextFollowUpAt: new Date('2023-10-05T16:00:00Z') });
      const onTime = await seedLead(app, { name: 'On Time Co', nextFollowUpAt: new Date('2023-10-12T16:00:00Z') });
      await app.driver.command(`advance ${onTime.number} proposal`);
      const won = await seedLead(app, { name: 'Closed Co' });
      await app.driver.command(`win ${won.number}`);
      await seedLead(app, { name: 'Someone Else Co', ownerId: LEI.id });

      const text = blockText((await app.driver.command('mine', { user: MEI })).json);
      expect(text).toContain('Your open leads (2)');
      expect(text).toContain(`*Acquired* (1)\\n• *${overdue.number}* Overdue Co · 0 Low — :warning: overdue since`);
      expect(text).toContain(`*Proposal* (1)\\n• *${onTime.number}* On Time Co · 16 Low — Next follow-up`);
      expect(text).not.toContain('Closed Co');
      expect(text).not.toContain('Someone Else Co');
    });

    it('shows who owns what as owners × stages', async () => {
      await seedLead(app);
      await seedLead(app);
      const lei = await seedLead(app, { ownerId: LEI.id });
      await app.driver.command(`lose ${lei.number} budget`, { user: LEI });
      const reply = (await app.driver.command('owners')).json as { blocks: Array<{ type: string; rows?: unknown[][] }> };
      const table = reply.blocks.find((block) => block.type === 'table')!;
      const cells = (row: unknown[]) => row.map((cell) => (cell as { text?: string; elements?: Array<{ elements: Array<{ user_id: string }> }> }).text ?? (cell as { elements: Array<{ elements: Array<{ user_id: string }> }> }).elements[0]!.elements[0]!.user_id);
      expect(cells(table.rows![0]!)).toEqual(['Owner', 'Acquired', 'Contacted', 'Discovery', 'Proposal', 'Negotiation', 'Won', 'Lost', 'Total']);
      expect(cells(table.rows![1]!)).toEqual(['U0MEI', '2', '0', '0', '0', '0', '0', '0', '2']);
      expect(cells(table.rows![2]!)).toEqual(['U0LEI', '0', '0', '0', '0', '0', '0', '1', '1']);
    });
  });

  describe('what people type is shown, never obeyed', () => {
    it('escapes <!channel>, fake links and & in names, reasons and notes', async () => {
      const lead = await seedLead(app, { name: 'Evil <!channel> & <https://evil.example|click>', notes: 'ping <!here>' });
      const card = (await app.driver.command(`show ${lead.number}`)).json;
      const text = blockText(card);
      expect(text).toContain('Evil &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
      expect(text).toContain('ping &lt;!here&gt;');
      expect(text).not.toMatch(/<!channel>|<!here>|<https:\/\/evil/);
      expect(String(card?.text)).not.toMatch(/<!channel>/);

      const lost = (await app.driver.command(`lose ${lead.number} "<!channel> cheaper & <https://x.example|y>"`)).json;
      const lostText = blockText(lost);
      expect(lostText).toContain('&lt;!channel&gt; cheaper &amp; &lt;https://x.example|y&gt;');
      expect(lostText).not.toMatch(/<!channel>|<https:\/\/x/);
    });
  });

  describe('in a 中文 workspace', () => {
    it('answers in Chinese', async () => {
      await app.database.db.workspace.update({ where: { id: FAKE_TEAM.id }, data: { locale: 'zh' } });
      app.services.workspaces.forget(FAKE_TEAM.id);
      try {
        const lead = await seedLead(app);
        const reply = await app.driver.command(`advance ${lead.number} 需求挖掘`);
        // Zero-width spaces around the bold: Slack needs a boundary there, which 中文 punctuation is not.
        expect(blockText(reply.json)).toContain('已从「线索获取」推进到 \u200b*需求挖掘*\u200b。');
        expect(blockText((await app.driver.command('advance 999')).json)).toContain('没有编号为 999 的线索');
      } finally {
        await app.database.db.workspace.update({ where: { id: FAKE_TEAM.id }, data: { locale: 'en' } });
        app.services.workspaces.forget(FAKE_TEAM.id);
      }
    });
  });

  describe('the App Home', () => {
    it('publishes the rep\'s open leads when they open the Home tab', async () => {
      await seedLead(app, { name: 'Home Co' });
      const ack = await app.driver.event({ type: 'app_home_opened', user: MEI.id, channel: 'D0MEI', tab: 'home' });
      expect(ack.status).toBe(200);
      const published = await app.slack.waitForCall('views.publish');
      expect(published.args.user_id).toBe(MEI.id);
      expect(blockText(published.args.view)).toContain('Home Co');
    });
  });
});
