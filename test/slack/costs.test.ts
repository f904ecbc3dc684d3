import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { DATABASES } from '../support/databases.js';
import { blockText, seedLead } from '../support/leads.js';
import { forged as forgedValue, openedView, stateValues, type OpenedView } from '../support/modals.js';
import { MEI, WANG } from '../support/people.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';
import { slackAppFor } from '../support/slack-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * "Where the money works" through signed requests, on both databases: a manager records
 * spend with `/lead cost` (a line or its form), each entry journaled; a rep is refused;
 * bad input changes nothing; `/lead channels` shows seed 004's table 2 with a chart.
 */

/** 10:00 on Thursday 3 December 2026 in Shanghai. */
const NOW = new Date('2026-12-03T02:00:00Z');
const DAY = 86_400_000;

describe.each(DATABASES)('costs and channel ROI through signed requests (%s)', (kind) => {
  let app: TestApp;
  // Mei records spend as a manager would (TEAM_ADMINS makes her an admin, which includes it); 王芳 is a rep.
  slackAppFor(kind, NOW, (started) => (app = started), { teamAdmins: [MEI.id] });
  beforeEach(() => app.database.db.costEntry.deleteMany());

  const costs = () => app.database.db.costEntry.findMany({ orderBy: { id: 'asc' } });
  const costJournal = () => app.database.db.activity.findMany({ where: { workspaceId: FAKE_TEAM.id, kind: 'cost' }, orderBy: { id: 'asc' } });

  it('a manager records spend for a channel and a month, twice: each entry kept and journaled, the reply gives the month\'s total', async () => {
    const first = await app.driver.command('cost 抖音 5000 11月');
    expect(first.json?.text).toBe("¥5,000 recorded for Douyin, November 2026; Douyin's November total ¥5,000.");
    const second = await app.driver.command('cost douyin ¥7,000 2026-11');
    expect(second.json?.text).toBe("¥7,000 recorded for Douyin, November 2026; Douyin's November total ¥12,000.");

    const rows = await costs();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ workspaceId: FAKE_TEAM.id, sourceChannel: 'douyin', campaign: null, amountMinor: 500_000n, currency: 'CNY', createdById: MEI.id });
    // November in Shanghai: from 00:00 on the 1st to 00:00 on 1 December, +08:00.
    expect(rows[0]!.periodStart.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(rows[0]!.periodEnd.toISOString()).toBe('2026-11-30T16:00:00.000Z');

    const journal = await costJournal();
    expect(journal).toHaveLength(2);
    expect(journal[1]).toMatchObject({ leadId: null, byId: MEI.id, via: 'slack' });
    expect(JSON.parse(journal[1]!.after!)).toMatchObject({ costEntryId: String(rows[1]!.id), sourceChannel: 'douyin', amountMinor: '700000', currency: 'CNY', periodStart: '2026-10-31T16:00:00.000Z' });
  });

  it('a mistyped entry is taken back with the button under it: gone, journaled with what it was; a second click and a rep change nothing', async () => {
    const recorded = await app.driver.command('cost 抖音 50000 11月');
    const remove = (recorded.json as { blocks: Array<{ accessory?: { action_id: string; value: string } }> }).blocks[0]!.accessory!;
    expect(remove.action_id).toBe('cost_remove');
    expect(remove).toMatchObject({ value: String((await costs())[0]!.id) });
    expect(JSON.stringify(recorded.json)).toContain('Remove this entry');

    const refused = app.slack.responseUrl('refused');
    await app.driver.clickButton({ action_id: 'cost_remove', value: remove.value }, { user: WANG, responseUrl: refused });
    expect(String((await app.slack.waitForResponse((response) => response.id === 'refused')).body.text)).toContain('只有经理');
    expect(await costs()).toHaveLength(1);

    const removed = app.slack.responseUrl('removed');
    await app.driver.clickButton({ action_id: 'cost_remove', value: remove.value }, { user: MEI, responseUrl: removed });
    expect(String((await app.slack.waitForResponse((response) => response.id === 'removed')).body.text)).toBe('Removed: ¥50,000 for Douyin, November 2026. Record the right amount with `/lead cost`.');
    expect(await costs()).toHaveLength(0);
    const journal = await costJournal();
    expect(journal).toHaveLength(2);
    expect(journal[1]!.after).toBeNull();
    expect(JSON.parse(journal[1]!.before!)).toMatchObject({ costEntryId: remove.value, sourceChannel: 'douyin', amountMinor: '5000000' });

    const again = app.slack.responseUrl('again');
    await app.driver.clickButton({ action_id: 'cost_remove', value: remove.value }, { user: MEI, responseUrl: again });
    expect(String((await app.slack.waitForResponse((response) => response.id === 'again')).body.text)).toBe('That entry was removed already. Nothing was changed.');
    expect(await costJournal()).toHaveLength(2);
  });

  it('defaults to the current month in the team\'s zone, takes 5万 and a campaign, and a month written in words', async () => {
    expect((await app.driver.command('cost 展会 5万')).json?.text).toBe("¥50,000 recorded for Trade show, December 2026; Trade show's December total ¥50,000.");
    const campaign = await app.driver.command('cost campaign:"抖音信息流-教育行业广告" 8000 last month');
    expect(campaign.json?.text).toBe('¥8,000 recorded for campaign “抖音信息流-教育行业广告”, November 2026; campaign “抖音信息流-教育行业广告”\'s November total ¥8,000.');
    const rows = await costs();
    expect(rows[0]).toMatchObject({ sourceChannel: 'trade_show', amountMinor: 5_000_000n });
    expect(rows[0]!.periodStart.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(rows[1]).toMatchObject({ sourceChannel: null, campaign: '抖音信息流-教育行业广告', amountMinor: 800_000n });
  });

  it('answers 中文 in 中文', async () => {
    await app.driver.command(`role <@${WANG.id}|${WANG.name}> manager`);
    try {
      const reply = await app.driver.command('cost 抖音 1.2万 上月', { user: WANG });
      expect(reply.json?.text).toBe('已记录 抖音 2026年11月 的花费 ¥12,000；抖音 11月合计 ¥12,000。');
    } finally {
      await app.driver.command(`role <@${WANG.id}|${WANG.name}> rep`);
    }
  });

  it('refuses a rep, in their language, naming who may, and records nothing; the form does not open for them either', async () => {
    const reply = await app.driver.command('cost 抖音 5000', { user: WANG });
    expect(reply.json?.text).toBe('只有经理可以记录推广花费。本次未做任何修改；`/lead team` 可查看谁是经理。');
    const form = await app.driver.command('cost', { user: WANG });
    expect(form.json?.text).toContain('只有经理可以记录推广花费');
    expect(app.slack.callsOf('views.open')).toHaveLength(0);
    expect(await costs()).toHaveLength(0);
    expect(await costJournal()).toHaveLength(0);
  });

  it('says what is wrong with a bad amount, month or channel, and changes nothing', async () => {
    const said = async (text: string) => (await app.driver.command(text)).json?.text as string;
    expect(await said('cost 抖音 lots')).toBe('`lots` is not an amount: use digits, like 120000 or 120000.50.');
    expect(await said('cost 抖音 5000 someday')).toContain('`someday` is not a month I can read, so nothing was recorded.');
    expect(await said('cost 抖音 0')).toContain('a cost must be more than 0');
    expect(await said('cost 抖音')).toBe('Usage: `/lead cost &lt;channel|campaign:name&gt; &lt;amount&gt; [month]`');
    expect(await said('cost campaign: 5000')).toContain('names no channel or campaign');
    expect(await costs()).toHaveLength(0);
    expect(await costJournal()).toHaveLength(0);
    // A channel is whatever the team calls it; what they typed is shown, never read as Slack markup.
    const odd = await said('cost 抖音 <!channel> 5000');
    expect(odd).not.toContain('<!channel>');
    expect(odd).toContain('抖音 &lt;!channel&gt;');
  });

  async function openCostForm(): Promise<OpenedView> {
    const opened = app.slack.callsOf('views.open').length;
    const reply = await app.driver.command('cost');
    expect(reply.json).toBeUndefined();
    return openedView(app.slack, opened);
  }

  it('the form: channel or campaign, amount, month (this one first); problems beside their inputs; a save answers like the command', async () => {
    await seedLead(app, { sourceChannel: '小红书' });
    const view = await openCostForm();
    expect(view.callback_id).toBe('cost_record');
    expectWithinSlackLimits(view as never, 'view');
    const blocks = view.blocks as Array<{ block_id?: string; element?: { options?: Array<{ value: string }>; initial_option?: { value: string } } }>;
    const channelOptions = blocks.find((block) => block.block_id === 'cost_channel')!.element!.options!.map((option) => option.value);
    expect(channelOptions).toEqual(expect.arrayContaining(['douyin', 'trade_show', '小红书']));
    const month = blocks.find((block) => block.block_id === 'cost_month')!.element!;
    expect(month.initial_option!.value).toBe('2026-12');
    expect(month.options).toHaveLength(12);

    const neither = await app.driver.submitView(view, stateValues(view, { cost_amount: '5000', cost_month: '2026-11' }));
    expect(neither.json).toEqual({ response_action: 'errors', errors: { cost_channel: 'Pick a channel or write a campaign: one of the two.' } });
    const bad = await app.driver.submitView(view, stateValues(view, { cost_channel: 'douyin', cost_campaign: '白皮书', cost_amount: 'abc', cost_month: '2026-11' }));
    expect(bad.json).toEqual({ response_action: 'errors', errors: { cost_channel: 'A cost is for a channel or for a campaign, not both.', cost_amount: 'Write an amount, like 5000, 5万 or ¥5,000.' } });
    const forged = await app.driver.submitView(view, stateValues(view, { cost_channel: forgedValue('nowhere'), cost_amount: '5000', cost_month: '2026-11' }));
    expect(forged.json).toMatchObject({ response_action: 'errors', errors: { cost_channel: expect.stringContaining('pick one of the choices offered') } });
    expect(await costs()).toHaveLength(0);

    const told = app.slack.callsOf('chat.postEphemeral').length;
    const saved = await app.driver.submitView(view, stateValues(view, { cost_channel: '小红书', cost_amount: '3万', cost_month: '2026-11' }));
    expect(saved.json).toBeUndefined();
    const message = await app.slack.waitFor(() => app.slack.callsOf('chat.postEphemeral')[told]);
    expect(message.args.text).toBe("¥30,000 recorded for 小红书, November 2026; 小红书's November total ¥30,000.");
    expect(await costs()).toMatchObject([{ sourceChannel: '小红书', amountMinor: 3_000_000n }]);
    expect(await costJournal()).toHaveLength(1);
  });

  /**
   * November 2026, worked out by hand:
   * - 抖音: 20 leads, 2 won at ¥50,000 after 10 and 20 days; ¥10,000 spent → 10.0%, per lead ¥500, CAC ¥5,000, ROI 1:10.0, median 15.0 days
   * - SEO: 4 leads, 1 won at ¥20,000 after 30 days; ¥2,000 spent → ROI 1:10.0 too, but too few leads to judge
   * - 转介绍: 12 leads, 3 won at ¥30,000; no cost recorded
   * - webinar: ¥3,000 spent, no lead
   * - team: 36 leads, 6 won (16.7%), cost ¥15,000, revenue ¥210,000, ROI 1:14.0
   */
  async function november() {
    const start = new Date('2026-11-02T02:00:00Z');
    const add = async (channel: string, leads: number, won: Array<{ days: number; amount: number }>) => {
      for (let i = 0; i < leads; i += 1) {
        const acquiredAt = new Date(start.getTime() + i * 3_600_000);
        const lead = await seedLead(app, { name: `${channel} ${i}`, sourceChannel: channel, acquiredAt, campaign: channel === '抖音' ? '抖音信息流-教育行业广告' : undefined });
        const deal = won[i];
        if (deal) await app.database.db.lead.update({ where: { id: lead.id }, data: { stage: 'WON', wonAt: new Date(acquiredAt.getTime() + deal.days * DAY), dealAmountMinor: BigInt(deal.amount) * 100n } });
      }
    };
    await add('抖音', 20, [{ days: 10, amount: 50_000 }, { days: 20, amount: 50_000 }]);
    await add('SEO', 4, [{ days: 30, amount: 20_000 }]);
    await add('转介绍', 12, [1, 2, 3].map(() => ({ days: 5, amount: 30_000 })));
    await app.driver.command('cost 抖音 1万 2026-11');
    await app.driver.command('cost seo 2000 2026-11');
    await app.driver.command('cost webinar 3000 2026-11');
  }

  async function channels(text: string, user: typeof MEI | typeof WANG = MEI) {
    const id = `channels-${Math.random()}`;
    const ack = await app.driver.command(text, { responseUrl: app.slack.responseUrl(id), user });
    expect(ack.status).toBe(200);
    return (await app.slack.waitForResponse((response) => response.id === id, 20_000)).body as { text: string; blocks: Array<Record<string, any>> };
  }

  it('/lead channels: seed 004\'s table 2 by channel, sorted by ROI, no cost and too few leads said so, with the bubble chart', async () => {
    await november();
    const answer = await channels('channels 2026-11-01..2026-11-30');
    expectWithinSlackLimits(answer);
    expect(answer.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Where the money works · by channel · 2026-11-01 – 11-30' } });
    const sections = answer.blocks.filter((block) => block.type === 'section').map((block) => block.text.text as string);
    expect(sections[0]).toBe('*Team*: 36 leads · 6 won (16.7%) · cost ¥15,000 · revenue ¥210,000 · ROI 1:14.0');
    expect(sections.slice(1)).toEqual([
      '*Douyin* — 20 leads · 2 won (10.0%)\ncost ¥10,000 · per lead ¥500 · CAC ¥5,000 · revenue ¥100,000 · ROI 1:10.0 · median 15.0 days to win\n_high volume, low conversion: tighten targeting_',
      '*SEO* — 4 leads · 1 won (25.0%)\ncost ¥2,000 · per lead ¥500 · CAC ¥2,000 · revenue ¥20,000 · ROI 1:10.0 · median 30.0 days to win\n_too few leads to judge_',
      '*Webinar* — 0 leads · 0 won (0.0%)\ncost ¥3,000 · per lead – · CAC – · revenue ¥0 · ROI 1:0.0\n_spend and no leads: check the tracking, or cut it_',
      '*Referral* — 12 leads · 3 won (25.0%)\nno cost recorded · revenue ¥90,000 · median 5.0 days to win\n_no cost recorded: record its spend to judge its return_',
    ]);
    expect(blockText(answer)).not.toMatch(/Infinity|NaN/);
    const images = answer.blocks.filter((block) => block.type === 'image');
    expect(images).toHaveLength(1);
    expect(images[0]!.title.text).toBe('Conversion against cost per lead, by channel');
    expect(app.slack.uploads).toHaveLength(1);
    expect(app.slack.uploads[0]!.bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('/lead channels by campaign, and by owner with each channel\'s spend shared among its leads', async () => {
    await november();
    await app.driver.command('cost campaign:抖音信息流-教育行业广告 6000 2026-11');
    const byCampaign = await channels('channels 2026-11-01..2026-11-30 by campaign');
    const campaign = byCampaign.blocks.filter((block) => block.type === 'section').map((block) => block.text.text as string);
    expect(campaign[1]).toMatch(/^\*抖音信息流-教育行业广告\* — 20 leads · 2 won \(10\.0%\)\ncost ¥6,000 · per lead ¥300 · CAC ¥3,000 · revenue ¥100,000 · ROI 1:16\.7 · median 15\.0 days to win\n_/);
    expect(campaign[2]).toContain('*(not recorded)* — 16 leads · 4 won (25.0%)\nno cost recorded');

    // Every lead is Mei's: she carries 抖音's and SEO's spend (¥12,000); the webinar's found no lead to carry it.
    const byOwner = await channels('channels 2026-11-01..2026-11-30 by owner');
    const owner = byOwner.blocks.filter((block) => block.type === 'section').map((block) => block.text.text as string);
    expect(owner[1]).toMatch(/^\*<@U0MEI>\* — 36 leads · 6 won \(16\.7%\)\ncost ¥12,000 · per lead ¥333\.33 · CAC ¥2,000 · revenue ¥210,000 · ROI 1:17\.5/);
    expect(blockText(byOwner)).toContain('each channel\'s spend is shared among its leads');
  });

  it('/lead channels in 中文, with a chart whose labels are Chinese (written to test-results/ to look at)', async () => {
    await november();
    const answer = await channels('渠道 按渠道 2026-11-01..2026-11-30', WANG);
    expect(answer.blocks[0]!.text.text).toBe('渠道效果 · 按来源渠道 · 2026-11-01 – 11-30');
    const text = blockText(answer);
    expect(text).toContain('*抖音* — 线索 20 · 成交 2（10.0%）');
    expect(text).toContain('_线索太少，暂不评判_');
    expect(text).toContain('未记录花费 · 成交金额 ¥90,000');
    const png = app.slack.uploads[0]!.bytes;
    mkdirSync('test-results', { recursive: true });
    writeFileSync(path.join('test-results', `channels-chart-zh-${kind}.png`), png);
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('the funnel digest gains a "where the money works" section once a cost is recorded', async () => {
    await november();
    const answer = await channels('funnel 2026-11-01..2026-11-30');
    expectWithinSlackLimits(answer);
    const section = answer.blocks.find((block) => block.type === 'section' && String(block.text?.text).startsWith('*Where the money works*'));
    expect(section?.text.text).toBe(
      [
        '*Where the money works* (these leads, by channel)',
        '• *Douyin*: 10.0% · per lead ¥500 · ROI 1:10.0 — _high volume, low conversion: tighten targeting_',
        '• *SEO*: 25.0% · per lead ¥500 · ROI 1:10.0 — _too few leads to judge_',
        '• *Webinar*: 0.0% · per lead – · ROI 1:0.0 — _spend and no leads: check the tracking, or cut it_',
        '• *Referral*: 25.0% · no cost recorded — _no cost recorded: record its spend to judge its return_',
      ].join('\n'),
    );
    await app.database.db.costEntry.deleteMany();
    const without = await channels('funnel 2026-11-01..2026-11-30');
    expect(blockText(without)).not.toContain('Where the money works');
  });

  it('/lead channels names a grouping or period it cannot read, at once, and draws nothing', async () => {
    expect((await app.driver.command('channels by weather')).json?.text).toContain('`weather` is not something I group by');
    expect((await app.driver.command('channels last-decade')).json?.text).toContain('`last-decade` is not a period');
    expect(app.slack.uploads).toHaveLength(0);
  });

  it('/lead channels with nothing in the period says so', async () => {
    const answer = await channels('channels last-month');
    expect(blockText(answer)).toContain('No leads were acquired in this period and no cost was recorded for it.');
    expectWithinSlackLimits(answer);
  });
});
