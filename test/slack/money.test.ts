import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { funnelDigestModel } from '../../src/digests/funnel-digest.js';
import { funnelDigestMessage } from '../../src/slack/blocks/funnel-digest.js';
import { InvalidAmount } from '../../src/domain/errors.js';
import { errorMessage } from '../../src/slack/errors.js';
import { DATABASES } from '../support/databases.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { blockText, buttonsOf, journalOf, seedLead } from '../support/leads.js';
import { openedView, stateValues } from '../support/modals.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOW = new Date('2026-11-20T08:00:00Z'); // Friday 16:00 in Shanghai
const LIMIT_REFUSED = 'is more than an amount can be: at most 1,000,000,000,000. Nothing was changed.';

describe.each(DATABASES)('money from Slack: kept exactly, bounded, shown in the workspace currency (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    // Mei sets a revenue goal below, which managers and admins do.
    app = await startTestApp(kind, { timeZone: 'Asia/Shanghai', teamAdmins: ['U0MEI'] });
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    app.setNow(NOW);
    app.slack.clear();
    await app.database.db.lead.deleteMany();
    await app.database.db.leadNumberSequence.deleteMany();
    await app.database.db.goal.deleteMany();
  });

  const leadById = (id: number) => app.database.db.lead.findUniqueOrThrow({ where: { id } });

  it('wins a deal of ¥999,999,999,999.99: exactly 99999999999999 fen kept, and the card shows it with the symbol', async () => {
    const lead = await seedLead(app);
    const reply = await app.driver.command(`win ${lead.number} 999999999999.99`);
    const text = blockText(reply.json);
    expect(text).toContain('is *won* — ¥999,999,999,999.99.');
    expect(text).toContain('*Deal amount*\\n¥999,999,999,999.99');
    const after = await leadById(lead.id);
    expect(after.stage).toBe('WON');
    expect(after.dealAmountMinor).toBe(99999999999999n);
    expect(blockText((await app.driver.command(`show ${lead.number}`)).json)).toContain('*Deal amount*\\n¥999,999,999,999.99');
  });

  it('whole amounts go without .00: 12万 is ¥120,000', async () => {
    const lead = await seedLead(app);
    expect(blockText((await app.driver.command(`win ${lead.number} 12万`)).json)).toContain('is *won* — ¥120,000.');
    expect((await leadById(lead.id)).dealAmountMinor).toBe(12000000n);
  });

  it('refuses 12345678901234.5678 naming the limit: the lead stays open and no stage change is recorded', async () => {
    const lead = await seedLead(app);
    const reply = await app.driver.command(`win ${lead.number} 12345678901234.5678`);
    expect(blockText(reply.json)).toContain(`\`12345678901234.5678\` ${LIMIT_REFUSED}`);
    const after = await leadById(lead.id);
    expect(after).toMatchObject({ stage: 'ACQUIRED', wonAt: null, dealAmountMinor: null });
    expect((await journalOf(app.database.db, lead.id)).map((entry) => entry.kind)).toEqual(['created']);
  });

  it('refuses an amount finer than a cent (10.123) and says how precise amounts are', async () => {
    const lead = await seedLead(app);
    const reply = await app.driver.command(`win ${lead.number} 10.123`);
    expect(blockText(reply.json)).toContain('`10.123` has more than 2 decimal places: amounts are kept to the cent');
    expect(await leadById(lead.id)).toMatchObject({ stage: 'ACQUIRED', dealAmountMinor: null });
  });

  it('the win form refuses the same amounts beside its input, then keeps 1.23456万 as exactly ¥12,345.60', async () => {
    const lead = await seedLead(app);
    await app.driver.command(`advance ${lead.number} negotiation`);
    const card = (await app.driver.command(`show ${lead.number}`)).json;
    await app.driver.clickButton(buttonsOf(card).get('lead_open_win')!);
    const view = await openedView(app.slack);
    const tooLarge = await app.driver.submitView(view, stateValues(view, { amount: '12345678901234.5678' }));
    expect(tooLarge.json).toEqual({ response_action: 'errors', errors: { amount: 'An amount can be at most 1,000,000,000,000.' } });
    const tooPrecise = await app.driver.submitView(view, stateValues(view, { amount: '10.123' }));
    expect(tooPrecise.json).toEqual({ response_action: 'errors', errors: { amount: 'At most 2 decimal places, like 120000.50.' } });
    expect((await leadById(lead.id)).stage).toBe('NEGOTIATION');

    await app.driver.submitView(view, stateValues(view, { amount: '1.23456万' }));
    const confirmation = await app.slack.waitForCall('chat.postEphemeral');
    expect(blockText(confirmation.args)).toContain('¥12,345.60');
    expect((await leadById(lead.id)).dealAmountMinor).toBe(1234560n);
  });

  it('the weekly digest has the database sum revenue exactly and shows it in ¥', async () => {
    const lead = await seedLead(app);
    await app.driver.command(`win ${lead.number} 999999999999.99`);
    // 91 such deals are 9099999999999909 fen: odd and above 2^53, so no float holds it.
    await app.database.db.lead.createMany({
      data: Array.from({ length: 90 }, (_, i) => ({
        workspaceId: FAKE_TEAM.id, number: `9${i}`, name: `Deal ${i}`, ownerId: 'U0MEI', createdById: 'U0MEI', stage: 'WON' as const, acquiredAt: NOW, wonAt: NOW, dealAmountMinor: 99999999999999n,
      })),
    });
    const workspace = await app.services.workspaces.get(FAKE_TEAM.id);
    expect(workspace.currency).toBe('CNY');
    const model = await funnelDigestModel(app.database.db, app.database.provider, workspace, NOW);
    expect(model.activity.revenueMinor).toBe(9099999999999909n);
    expect(JSON.stringify(funnelDigestMessage(model, {}).blocks)).toContain('revenue *¥90,999,999,999,999.09*');
  });

  it('a revenue goal parses its target with the same limit, and its progress reads in ¥', async () => {
    const lead = await seedLead(app);
    await app.driver.command(`win ${lead.number} 88000.5`);
    await app.driver.command('goal set');
    const view = await openedView(app.slack);
    const refused = await app.driver.submitView(view, stateValues(view, { goal_metric: 'REVENUE', goal_target: '12345678901234.5678', goal_period: 'this-month' }));
    expect(refused.json).toEqual({ response_action: 'errors', errors: { goal_target: 'An amount can be at most 1,000,000,000,000.' } });
    expect(await app.database.db.goal.count()).toBe(0);

    await app.driver.submitView(view, stateValues(view, { goal_metric: 'REVENUE', goal_target: '150万', goal_period: 'this-month' }));
    expect(blockText((await app.slack.waitForCall('chat.postEphemeral')).args)).toContain('target ¥1,500,000, 2026-11-01 – 2026-11-30');
    expect((await app.database.db.goal.findFirstOrThrow()).target).toBe('1500000');

    const responseUrl = app.slack.responseUrl('money-goals');
    await app.driver.command('goals', { responseUrl });
    const list = (await app.slack.waitForResponse((response) => response.id === 'money-goals', 15_000)).body;
    expect(blockText(list)).toContain('*Revenue · team*: ¥88,000.50 of ¥1,500,000');

    const before = app.slack.callsOf('views.open').length;
    await app.driver.clickButton(buttonsOf(list).get('goal_edit')!);
    const edit = await openedView(app.slack, before);
    expect(blockText(edit)).toContain('*Baseline*: ¥0 a month on average');
    const target = edit.blocks.find((block) => block.block_id === 'goal_target') as unknown as { element: { initial_value?: string } };
    expect(target.element.initial_value).toBe('1500000');
  });
});

describe('amount refusals in both languages', () => {
  it.each([
    ['en', 'too_large', 'at most 1,000,000,000,000'],
    ['zh', 'too_large', '最多 1,000,000,000,000'],
    ['en', 'too_precise', 'more than 2 decimal places'],
    ['zh', 'too_precise', '小数超过 2 位'],
  ] as const)('%s, %s: says the limit', (locale, problem, wording) => {
    const { message, expected } = errorMessage(new InvalidAmount('<!channel>', problem), locale);
    expect(expected).toBe(true);
    expect(message.text).toContain(wording);
    expect(message.text).toContain('&lt;!channel&gt;');
  });
});
