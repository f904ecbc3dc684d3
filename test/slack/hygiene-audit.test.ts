import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_USER_ID } from '../../src/app/caller.js';
import { seededRandom } from '../../src/domain/audit.js';
import { DATABASES } from '../support/databases.js';
import { blockText, forgetLeads, seedLead } from '../support/leads.js';
import { MEI, WANG } from '../support/people.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * `/lead hygiene` and `/lead audit` through signed requests, on both databases: the
 * records to fix, grouped, each lead with its number and owner; the week's random sample
 * with what changed and who, drawn from a seeded generator so the test knows it.
 */

/** 10:00 on Thursday 3 December 2026 in Shanghai; the week began Monday 30 November. */
const NOW = new Date('2026-12-03T02:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

describe.each(DATABASES)('/lead hygiene and /lead audit through signed requests (%s)', (kind) => {
  let app: TestApp;
  let random = seededRandom(1);
  beforeAll(async () => {
    // Mei is an admin (TEAM_ADMINS); 王芳 is a rep, in 中文.
    app = await startTestApp(kind, { timeZone: 'Asia/Shanghai', locale: 'en', teamAdmins: [MEI.id], random: () => random() });
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    app.setNow(NOW);
    app.slack.clear();
    app.slack.people.set(WANG.id, WANG);
    random = seededRandom(1);
    await forgetLeads(app);
  });

  const set = (id: number, data: Record<string, unknown>) => app.database.db.lead.update({ where: { id }, data });

  async function untidyTeam() {
    await seedLead(app, { name: 'Clean Co', industry: '教育' });
    const noSource = await seedLead(app, { name: 'No Source', sourceChannel: undefined, industry: '教育' });
    const noIndustry = await seedLead(app, { name: '王的客户', ownerId: WANG.id });
    const nobodys = await seedLead(app, { name: 'Nobody Ltd', ownerId: SYSTEM_USER_ID, industry: '零售' });
    await set(nobodys.id, { pooledAt: NOW });
    const backwards = await seedLead(app, { name: 'Backwards', industry: '医疗' });
    await set(backwards.id, { stage: 'CONTACTED', contactedAt: ago(1), acquiredAt: NOW });
    const zombie = await seedLead(app, { name: 'Sleepy', industry: '教育', acquiredAt: ago(40) });
    const both = await seedLead(app, { name: 'Both Ways', industry: '教育' });
    await set(both.id, { stage: 'WON', wonAt: NOW, lostAt: NOW });
    return { noSource, noIndustry, nobodys, backwards, zombie, both };
  }

  it('a manager sees the team\'s records to fix, grouped, each with its number and owner', async () => {
    const leads = await untidyTeam();
    const reply = await app.driver.command('hygiene');
    expectWithinSlackLimits(reply.json as never, 'message');
    const text = blockText(reply.json);
    expect(text).toContain('Data hygiene: the team\'s leads');
    expect(text).toContain(`*No source channel (来源渠道)* (1)\\n• *${leads.noSource.number}* No Source · <@${MEI.id}>`);
    expect(text).toContain(`*No owner* (1)\\n• *${leads.nobodys.number}* Nobody Ltd · nobody`);
    expect(text).toContain(`*No industry (客户行业)* (1)\\n• *${leads.noIndustry.number}* 王的客户 · <@${WANG.id}>`);
    expect(text).toContain(`*Stage times out of order* (2)\\n• *${leads.backwards.number}* Backwards · <@${MEI.id}> — entered Contacted before Acquired\\n• *${leads.both.number}* Both Ways · <@${MEI.id}> — both won and lost`);
    expect(text).toMatch(new RegExp(`\\*Zombies: open, nobody in touch for the zombie span\\* \\(1\\)\\\\n• \\*${leads.zombie.number}\\* Sleepy · <@${MEI.id}> — last touched <!date\\^\\d+\\^\\{date_short\\}\\|2026-10-24>`));
    expect(text).not.toContain('Clean Co');
    expect(reply.json?.text).toBe("Data hygiene: the team's leads: No source channel (来源渠道) 1 · No owner 1 · No industry (客户行业) 1 · Stage times out of order 2 · Zombies: open, nobody in touch for the zombie span 1");
  });

  it('a rep sees their own leads, in 中文; a tidy list says there is nothing to fix', async () => {
    const { noIndustry } = await untidyTeam();
    const text = blockText((await app.driver.command('hygiene', { user: WANG })).json);
    expect(text).toContain('数据质量：你的线索');
    expect(text).toContain(`\u200b*缺少客户行业*\u200b（1）\\n• \u200b*${noIndustry.number}*\u200b 王的客户 · <@${WANG.id}>`);
    expect(text).not.toContain('No Source');
    expect(text).not.toContain('Backwards');
    await set(noIndustry.id, { industry: '制造' });
    const clean = await app.driver.command('数据质量', { user: WANG });
    expect(clean.json?.text).toBe('你的每条线索都有来源渠道、负责人和客户行业，阶段时间顺序正确，并有人跟进。无需修正。');
  });

  it('shows ten of a group and counts the rest', async () => {
    for (let i = 0; i < 12; i++) await seedLead(app, { name: `Lead ${i}`, sourceChannel: undefined, industry: '教育' });
    const text = blockText((await app.driver.command('hygiene')).json);
    expect(text).toContain('*No source channel (来源渠道)* (12)');
    expect(text).toContain('Lead 9');
    expect(text).not.toContain('Lead 10');
    expect(text).toContain('…and 2 more.');
  });

  it('audit: a seeded 10% (at least 5) of the week\'s changed leads, with what changed and who; last week\'s changes are not drawn', async () => {
    app.setNow(ago(7));
    const lastWeek = await seedLead(app, { name: 'Last Week', industry: '教育' });
    app.setNow(NOW);
    const changed = [];
    for (let i = 0; i < 12; i++) changed.push(await seedLead(app, { name: `Changed ${i}` }));
    for (const lead of changed) await app.driver.command(`advance ${lead.number}`);

    const reply = await app.driver.command('audit');
    expectWithinSlackLimits(reply.json as never, 'message');
    const text = blockText(reply.json);
    expect(text).toContain('Spot-check: leads changed this week (2026-11-30..2026-12-06)');
    expect(text).toContain('5 of the 12 lead(s) changed this week, picked at random (10%, at least 5)');
    const shown = [...text.matchAll(/\*(\d{11})\* Changed/g)].map((match) => match[1]);
    expect(shown).toHaveLength(5);
    expect(new Set(shown).size).toBe(5);
    expect(text).not.toContain(lastWeek.number);
    // Each with its week's changes and who made them, newest first.
    expect(text).toContain(`<@${MEI.id}> moved it Acquired → *Contacted*`);
    expect(text).toContain(`<@${MEI.id}> added it`);

    // The same seed draws the same sample; another draws another.
    random = seededRandom(1);
    const again = [...blockText((await app.driver.command('audit')).json).matchAll(/\*(\d{11})\* Changed/g)].map((match) => match[1]);
    expect(again).toEqual(shown);
    random = seededRandom(2);
    const other = [...blockText((await app.driver.command('audit')).json).matchAll(/\*(\d{11})\* Changed/g)].map((match) => match[1]);
    expect(other).not.toEqual(shown);
  });

  it('audit: everything when fewer than 5 changed; nothing to check in a quiet week; a rep is refused in their language', async () => {
    expect((await app.driver.command('audit')).json?.text).toBe('No lead has changed this week yet: nothing to spot-check.');
    const few = [await seedLead(app, { name: 'One' }), await seedLead(app, { name: 'Two' })];
    const text = blockText((await app.driver.command('抽查')).json);
    expect(text).toContain('2 of the 2 lead(s) changed this week');
    for (const lead of few) expect(text).toContain(`*${lead.number}*`);
    const refused = await app.driver.command('audit', { user: WANG });
    expect(refused.json?.text).toBe('只有经理可以抽查本周的变动。本次未做任何修改；`/lead team` 可查看谁是经理。');
    await app.driver.command(`role <@${WANG.id}|${WANG.name}> manager`);
    try {
      const zh = blockText((await app.driver.command('audit', { user: WANG })).json);
      expect(zh).toContain('抽查：本周有变动的线索（2026-11-30..2026-12-06）');
      expect(zh).toContain('本周有变动的 2 条线索中随机抽取 2 条（10%，至少 5 条）');
      expect(zh).toContain(`<@${MEI.id}> 新增了线索`);
    } finally {
      await app.driver.command(`role <@${WANG.id}|${WANG.name}> rep`);
    }
  });

  it('help lists hygiene for everyone and audit for managers', async () => {
    const manager = blockText((await app.driver.command('help')).json);
    expect(manager).toContain('`/lead hygiene`');
    expect(manager).toContain('`/lead audit`');
    const rep = blockText((await app.driver.command('help', { user: WANG })).json);
    expect(rep).toContain('`/lead hygiene`');
    expect(rep).not.toContain('/lead audit');
  });
});
