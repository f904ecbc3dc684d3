import { describe, expect, it } from 'vitest';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { backfillLeadKeys } from '../../src/store/lead-keys-backfill.js';
import { DATABASES } from '../support/databases.js';
import { blockText, seedLead } from '../support/leads.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';
import { MEI, WANG } from '../support/people.js';
import { slackAppFor } from '../support/slack-app.js';
import type { TestApp } from '../support/test-app.js';

/** `/lead find` through signed requests, on both databases' full-text indexes. */

const NOW = new Date('2026-12-02T03:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

type Reply = { text: string; blocks: Array<{ type: string; block_id?: string; accessory?: { action_id: string; value: string } }> };

describe.each(DATABASES)('/lead find (%s)', (kind) => {
  let app: TestApp;
  slackAppFor(kind, NOW, (started) => (app = started));

  async function find(text: string, user: typeof MEI | typeof WANG = MEI): Promise<Reply> {
    const reply = await app.driver.command(`find ${text}`, { user });
    expect(reply.status).toBe(200);
    return reply.json as Reply;
  }
  /** The numbers a reply lists, in its order. */
  const numbers = (reply: Reply) => reply.blocks.filter((block) => block.block_id?.startsWith('find_')).map((block) => block.block_id!.slice(5));

  async function seedTeam() {
    const keji = await seedLead(app, { name: '某科技有限公司', ownerId: WANG.id, acquiredAt: minutesAgo(50) });
    const acme = await seedLead(app, { name: 'Acme Robotics', campaign: '抖音信息流-教育行业广告', acquiredAt: minutesAgo(40), contactEmail: 'li.wei@acme.com' });
    const lin = await seedLead(app, { name: 'Lin Studio', acquiredAt: minutesAgo(30), contactPhone: '+86 138-0013-8000' });
    const xinghe = await seedLead(app, { name: '星河教育科技', acquiredAt: minutesAgo(20) });
    return { keji, acme, lin, xinghe };
  }

  it('finds 科技 in 某科技有限公司 and 星河教育科技 (a 2-character query), newest first, with stage, owner and Show', async () => {
    const { keji, xinghe } = await seedTeam();
    const reply = await find('科技');
    expectWithinSlackLimits(reply as never);
    expect(numbers(reply)).toEqual([xinghe.number, keji.number]);
    expect(blockText(reply)).toContain(`*${keji.number}* 某科技有限公司 · Acquired · <@U0WANG>`);
    const show = reply.blocks.find((block) => block.block_id === `find_${keji.number}`)!.accessory!;
    expect(show.action_id).toBe('lead_show');

    const card = await app.driver.clickButton({ action_id: show.action_id, value: show.value, block_id: `find_${keji.number}` }, { user: MEI, responseUrl: app.slack.responseUrl('find') });
    expect(card.status).toBe(200);
    const shown = await app.slack.waitForResponse((response) => response.id === 'find');
    expect(String(shown.body.text)).toContain(`${keji.number} · 某科技有限公司`);
  });

  it.each([
    ['某科技', (s: Awaited<ReturnType<typeof seedTeam>>) => [s.keji.number]],
    ['科', (s: Awaited<ReturnType<typeof seedTeam>>) => [s.xinghe.number, s.keji.number]],
    ['acm', (s: Awaited<ReturnType<typeof seedTeam>>) => [s.acme.number]],
    ['ROBOTICS acme', (s: Awaited<ReturnType<typeof seedTeam>>) => [s.acme.number]],
    ['教育行业', (s: Awaited<ReturnType<typeof seedTeam>>) => [s.acme.number]],
    ['教育', (s: Awaited<ReturnType<typeof seedTeam>>) => [s.xinghe.number, s.acme.number]],
    ['li.wei@acme.com', (s: Awaited<ReturnType<typeof seedTeam>>) => [s.acme.number]],
    ['li.wei@ac', (s: Awaited<ReturnType<typeof seedTeam>>) => [s.acme.number]],
    ['13800138000', (s: Awaited<ReturnType<typeof seedTeam>>) => [s.lin.number]],
    ['+86 138 0013 8000', (s: Awaited<ReturnType<typeof seedTeam>>) => [s.lin.number]],
    ['１３８００１３８０００', (s: Awaited<ReturnType<typeof seedTeam>>) => [s.lin.number]],
  ])('find %s', async (query, expected) => {
    const seeded = await seedTeam();
    expect(numbers(await find(query))).toEqual(expected(seeded));
  });

  it('by number: the exact one first, then those it starts', async () => {
    const { keji, acme, lin, xinghe } = await seedTeam();
    expect(numbers(await find(acme.number))).toEqual([acme.number]);
    expect(numbers(await find(acme.number.slice(0, 8)))).toEqual([xinghe.number, lin.number, acme.number, keji.number]);
  });

  it('lists the best ten and says there may be more', async () => {
    for (let i = 0; i < 12; i++) await seedLead(app, { name: `Acme Branch ${i}`, acquiredAt: minutesAgo(60 - i) });
    const reply = await find('acme');
    expect(numbers(reply)).toHaveLength(10);
    expect(blockText(reply)).toContain('The first 10');
    expect(blockText(reply)).toContain('Acme Branch 11');
    expect(blockText(reply)).not.toContain('Acme Branch 1 ');
  });

  it('follows edits and undo: a renamed lead is found by its new name only, and by the old one again after undo', async () => {
    const lead = await seedLead(app, { name: 'Old Name Co' });
    const workspace = await app.services.workspaces.get(FAKE_TEAM.id);
    const { editLead } = await import('../../src/app/leads.js');
    const caller = { workspace, userId: MEI.id, role: 'rep' as const, now: NOW, via: 'slack' as const };
    await editLead(caller, app.database.db, { number: lead.number, version: lead.version, draft: { name: 'Fresh Brand' } });
    expect(numbers(await find('fresh'))).toEqual([lead.number]);
    expect(numbers(await find('old name'))).toEqual([]);
    await app.driver.command(`undo ${lead.number}`, { user: MEI });
    expect(numbers(await find('old name'))).toEqual([lead.number]);
    expect(numbers(await find('fresh'))).toEqual([]);
  });

  it('shows names escaped, answers nothing found with examples, and reads in 中文 for a reader in 中文', async () => {
    const lead = await seedLead(app, { name: 'Evil <!channel> *Corp*' });
    const reply = await find('evil');
    expect(blockText(reply)).toContain('Evil &lt;!channel&gt; \u200b*\u200bCorp\u200b*\u200b');
    expect(blockText(reply)).not.toContain('<!channel>');
    expect(numbers(reply)).toEqual([lead.number]);

    expect((await find('nothing-like-it')).text).toContain('No lead matches “nothing-like-it”.');
    const zh = await find('不存在', WANG);
    expect(zh.text).toContain('没有与“不存在”匹配的线索');
    expect(blockText(await find('evil', WANG))).toContain('线索获取');
  });

  it('asks for the text when there is none, in both command words', async () => {
    expect((await app.driver.command('find', { user: MEI })).json).toMatchObject({ text: 'Usage: `/lead find &lt;text&gt;`' });
    expect(numbers((await app.driver.command('查找 科技', { user: MEI })).json as Reply)).toEqual([]);
  });

  it('leads from before the search columns get their keys from the backfill and are found', async () => {
    const lead = await seedLead(app, { name: '某科技有限公司' });
    await app.database.db.lead.update({ where: { id: lead.id }, data: { nameKey: null, searchText: null } });
    expect(numbers(await find('科技'))).toEqual([]);
    expect(await backfillLeadKeys(app.database.db)).toBe(1);
    expect(numbers(await find('科技'))).toEqual([lead.number]);
    expect(await app.database.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({ nameKey: '某科技', version: lead.version });
    expect(await backfillLeadKeys(app.database.db)).toBe(0);
  });
});
