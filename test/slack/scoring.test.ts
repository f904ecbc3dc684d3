import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { changeScoringWeights } from '../../src/app/scoring.js';
import { NotAllowed } from '../../src/domain/errors.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { DATABASES } from '../support/databases.js';
import { blockText, forgetLeads, journalOf, seedLead } from '../support/leads.js';
import { MEI, WANG } from '../support/people.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Lead scoring through signed requests: signals a rep records with `/lead signal`, the
 * score and tier on the card, the team's own weights, and `/lead mine` best first.
 */

const NOW = new Date('2026-12-02T02:00:00Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
type Reply = { text: string; blocks: Array<{ type: string }> };

describe.each(DATABASES)('lead scoring from Slack (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind, { timeZone: 'Asia/Shanghai', locale: 'en' });
    app.slack.people.set(WANG.id, WANG);
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    app.setNow(NOW);
    app.slack.clear();
    await forgetLeads(app);
    await app.services.workspaces.get(FAKE_TEAM.id);
    await app.database.db.workspace.update({ where: { id: FAKE_TEAM.id }, data: { scoringWeights: null } });
    app.services.workspaces.forget(FAKE_TEAM.id);
  });

  async function say(text: string, user: { id: string; name: string } = MEI): Promise<Reply> {
    const reply = await app.driver.command(text, { user });
    expect(reply.status).toBe(200);
    return reply.json as Reply;
  }
  const row = (id: number) => app.database.db.lead.findUniqueOrThrow({ where: { id } });

  it('a new enterprise lead in a known industry starts at its fit: 10 + 4', async () => {
    const lead = await seedLead(app, { customerType: 'ENTERPRISE', industry: '教育' });
    expect(lead.score).toBe(14);
    expect(blockText(await say(`show ${lead.number}`))).toContain('Score *14* · Low');
  });

  it('a rep records a signal on someone else\'s lead: journaled, counted, the card shows the new score', async () => {
    const lead = await seedLead(app, { ownerId: WANG.id, customerType: 'ENTERPRISE', industry: '教育' });
    const reply = await say(`signal ${lead.number} pricing`);
    expectWithinSlackLimits(reply);
    expect(reply.text).toBe(`Recorded on *${lead.number}* Acme Robotics: looked at pricing. Score *26* · Low.`);
    expect(blockText(reply)).toContain(`<@${MEI.id}> recorded a signal: looked at pricing`);
    expect(await row(lead.id)).toMatchObject({ score: 26, version: 2 });

    const [, entry] = await journalOf(app.database.db, lead.id);
    expect(entry).toMatchObject({ kind: 'signal', byId: MEI.id, via: 'slack', note: 'pricing', leadVersion: 2 });
    const signals = await app.database.db.leadSignal.findMany({ where: { leadId: lead.id } });
    expect(signals).toEqual([expect.objectContaining({ kind: 'pricing', byId: MEI.id, at: NOW, activityId: entry!.id })]);

    // A second pricing visit is recorded but counts once; a demo request counts on top.
    await say(`signal ${lead.number} pricing`);
    expect((await row(lead.id)).score).toBe(26);
    const demo = await say(`signal ${lead.number} demo`);
    expect(demo.text).toContain('Score *41* · Medium.');
  });

  it('follow-ups and stages move the score as they are logged', async () => {
    const lead = await seedLead(app, { customerType: 'ENTERPRISE' });
    await say(`note ${lead.number} called, they are interested`);
    expect((await row(lead.id)).score).toBe(10 + 3);
    await say(`advance ${lead.number} discovery`);
    expect((await row(lead.id)).score).toBe(10 + 3 + 10);
  });

  it('a word that is no signal is refused with the kinds listed, and nothing changes', async () => {
    const lead = await seedLead(app);
    const before = await row(lead.id);
    const reply = await say(`signal ${lead.number} newsletter`);
    expect(reply.text).toBe('`newsletter` is not a signal I know, so nothing was recorded. Signals: `webinar` (网络研讨会), `whitepaper` (白皮书), `pricing` (报价), `demo` (演示).');
    expect(await row(lead.id)).toEqual(before);
    expect(await journalOf(app.database.db, lead.id)).toHaveLength(1);
    expect(await app.database.db.leadSignal.count()).toBe(0);
    expect((await say(`signal ${lead.number}`)).text).toBe('Usage: `/lead signal &lt;number&gt; webinar|whitepaper|pricing|demo`');
  });

  it('王芳 records 白皮书 in 中文 and reads 中文', async () => {
    const lead = await seedLead(app, { customerType: 'ENTERPRISE', industry: '教育' });
    const reply = await say(`信号 ${lead.number} 白皮书`, WANG);
    expect(reply.text).toBe(`已为 \u200b*${lead.number}*\u200b Acme Robotics 记录信号：下载了白皮书。评分 \u200b*20*\u200b · 低。`);
    expect(blockText(reply)).toContain('记录了购买信号：下载了白皮书');
    const refused = await say(`signal ${lead.number} 广告`, WANG);
    expect(refused.text).toBe('不认识信号 `广告`，未作记录。可用信号：`网络研讨会` (webinar)、`白皮书` (whitepaper)、`报价` (pricing)、`演示` (demo)。');
  });

  it('the team\'s own weights rescore every lead at once and score what comes after; MQL at the team\'s threshold', async () => {
    const lead = await seedLead(app, { customerType: 'ENTERPRISE', industry: '教育' });
    const other = await seedLead(app, { customerType: 'INDIVIDUAL' });
    const workspace = await app.services.workspaces.get(FAKE_TEAM.id);
    const rep = { workspace, userId: MEI.id, role: 'rep' as const, now: NOW, via: 'cli' as const };
    await expect(changeScoringWeights(rep, app.database.db, { mqlThreshold: 10 })).rejects.toBeInstanceOf(NotAllowed);

    const admin = { ...rep, userId: 'U0BOSS', role: 'admin' as const };
    const saved = await changeScoringWeights(admin, app.database.db, { fit: { targetIndustries: ['教育'] }, behaviour: { signals: { webinar: 30 } }, tiers: { high: 40 }, mqlThreshold: 50 });
    expect(saved).toMatchObject({ changed: true, rescored: 1 });
    expect((await row(lead.id)).score).toBe(10 + 4 + 8);
    expect((await row(other.id)).score).toBe(2);
    const settings = await app.database.db.activity.findFirstOrThrow({ where: { kind: 'settings' }, orderBy: { id: 'desc' } });
    expect(JSON.parse(settings.after!)).toEqual({ scoringWeights: JSON.stringify({ fit: { targetIndustries: ['教育'] }, behaviour: { signals: { webinar: 30 } }, tiers: { high: 40 }, mqlThreshold: 50 }) });

    app.services.workspaces.forget(FAKE_TEAM.id);
    const reply = await say(`signal ${lead.number} webinar`);
    expect(reply.text).toContain('Score *52* · High · MQL.');
    expect((await row(lead.id)).score).toBe(52);
  });

  it('/lead mine lists each stage best first, with score and tier', async () => {
    const low = await seedLead(app, { name: 'Low Co', acquiredAt: daysBefore(3) });
    const high = await seedLead(app, { name: 'High Co', customerType: 'ENTERPRISE', industry: 'SaaS', acquiredAt: daysBefore(2) });
    const middle = await seedLead(app, { name: 'Middle Co', customerType: 'INDIVIDUAL', acquiredAt: daysBefore(1) });
    await say(`signal ${high.number} demo`);
    const reply = await say('mine');
    expectWithinSlackLimits(reply);
    const text = blockText(reply);
    const at = (name: string) => text.indexOf(name);
    expect(at('High Co')).toBeLessThan(at('Middle Co'));
    expect(at('Middle Co')).toBeLessThan(at('Low Co'));
    expect(text).toContain(`*${high.number}* High Co · 29 Low`);
    expect(text).toContain(`*${low.number}* Low Co · 0 Low`);
    expect(middle.score).toBe(2);
  });
});
