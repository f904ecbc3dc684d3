import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { HomeRefresher, type HomeTimers } from '../../src/slack/home.js';
import { DATABASES } from '../support/databases.js';
import { blockText, buttonsOf } from '../support/leads.js';
import { openedView, stateValues } from '../support/modals.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The App Home through signed requests: what a rep with 0, 5 and 500 open leads and a
 * manager see, the Home's own controls, and that a change republishes it.
 */

type Person = { id: string; name: string };
const MEI: Person = { id: 'U0MEI', name: 'mei' };
const BOSS: Person = { id: 'U0BOSS', name: 'boss' };
const WANG = { id: 'U0WANG', name: 'wang.fang', realName: '王芳', locale: 'zh-CN', timeZone: 'Asia/Shanghai' };

/** Thursday 3 December 2026, 10:00 in Shanghai. */
const NOW = new Date('2026-12-03T02:00:00Z');
const shanghaiDay = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

type View = { type: string; blocks: Array<{ type: string; block_id?: string; accessory?: { action_id: string; options?: Array<{ value: string }> }; elements?: Array<{ action_id: string; value?: string }> }> };

describe.each(DATABASES)('the App Home (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind, { timeZone: 'Asia/Shanghai', locale: 'en' });
    app.slack.people.set(WANG.id, WANG);
    await app.services.workspaces.get(FAKE_TEAM.id);
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    app.setNow(NOW);
    app.slack.clear();
    const { db } = app.database;
    await db.followUp.deleteMany();
    await db.activity.deleteMany();
    await db.lead.deleteMany();
    await db.leadNumberSequence.deleteMany();
    await db.goal.deleteMany();
    await db.member.deleteMany();
    await db.member.create({ data: { workspaceId: FAKE_TEAM.id, userId: BOSS.id, name: BOSS.name, role: 'manager', fetchedAt: NOW } });
  });

  async function openHome(user: Person | typeof WANG = MEI): Promise<View> {
    const published = app.slack.callsOf('views.publish').length;
    const ack = await app.driver.event({ type: 'app_home_opened', user: user.id, channel: `D${user.id}`, tab: 'home' });
    expect(ack.status).toBe(200);
    const call = await app.slack.waitFor(() => app.slack.callsOf('views.publish').slice(published).find((c) => c.args.user_id === user.id));
    return call.args.view as View;
  }
  /** `count` open leads of Mei's, spread over the stages, the first two overdue. */
  async function meisLeads(count: number) {
    const stages = ['ACQUIRED', 'CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION'] as const;
    const rows = Array.from({ length: count }, (_, i) => ({
      workspaceId: FAKE_TEAM.id, number: `2026110${String(i).padStart(4, '0')}`, name: `Lead ${i}`, ownerId: MEI.id, createdById: MEI.id,
      stage: stages[i % 5]!, acquiredAt: daysBefore(20), lastFollowUpAt: daysBefore(6),
      // Each lead entered its stage six days ago (and the ones before it earlier).
      contactedAt: i % 5 >= 1 ? daysBefore(i % 5 === 1 ? 6 : 12) : null,
      discoveryAt: i % 5 >= 2 ? daysBefore(i % 5 === 2 ? 6 : 11) : null,
      proposalAt: i % 5 >= 3 ? daysBefore(i % 5 === 3 ? 6 : 10) : null,
      negotiationAt: i % 5 >= 4 ? daysBefore(6) : null,
      nextFollowUpAt: i < 2 ? shanghaiDay('2026-12-01') : shanghaiDay('2026-12-09'),
    }));
    await app.database.db.lead.createMany({ data: rows });
  }
  const homeText = (view: View) => blockText(view);

  it('a rep with no leads is told how to add one, and nothing is due', async () => {
    const view = await openHome();
    expectWithinSlackLimits(view as never, 'view');
    expect(homeText(view)).toContain('Your day · Thu 3 Dec');
    expect(homeText(view)).toContain('Nothing due');
    expect(homeText(view)).toContain('You own no open leads.');
    expect(homeText(view)).not.toContain('Your team');
  });

  it('a rep with 5 leads: what is due first with its buttons, then the leads by stage with their menus', async () => {
    await meisLeads(5);
    const view = await openHome();
    expectWithinSlackLimits(view as never, 'view');
    const text = homeText(view);
    expect(text.indexOf('Due today and overdue* (2)')).toBeLessThan(text.indexOf('Your open leads* (5)'));
    expect(text).toContain('*20261100001* Lead 1 · Contacted · :warning: overdue since Tue 1 Dec');
    expect(text).toContain('*20261100003* Lead 3 · 6 d in stage · next Wed 9 Dec');
    const menus = view.blocks.filter((block) => block.accessory?.action_id === 'home_lead_menu');
    expect(menus).toHaveLength(5);
    expect(view.blocks.some((block) => block.block_id === 'home_pages')).toBe(false);
  });

  it('a rep with 500 leads gets one page of them and page buttons, within Slack\'s 100 blocks', async () => {
    await meisLeads(500);
    const view = await openHome();
    expectWithinSlackLimits(view as never, 'view');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(homeText(view)).toContain('Your open leads* (500)');
    expect(view.blocks.filter((block) => block.accessory?.action_id === 'home_lead_menu')).toHaveLength(15);
    const pages = view.blocks.find((block) => block.block_id === 'home_pages')!;
    expect(pages.elements!.map((button) => button.action_id)).toEqual(['home_page_next', 'home_page_first']);

    const published = app.slack.callsOf('views.publish').length;
    await app.driver.blockAction({ user: MEI, view: { id: 'VHOME', type: 'home' }, action: { type: 'button', ...pages.elements![0]! } });
    const next = (await app.slack.waitFor(() => app.slack.callsOf('views.publish')[published])).args.view as View;
    expect(homeText(next)).toContain('Page 2 of 34');
    expect(next.blocks.find((block) => block.block_id === 'home_pages')!.elements!.map((button) => button.action_id)).toEqual(['home_page_previous', 'home_page_next', 'home_page_first']);
  });

  it('a manager also sees the team: who owns what and how late, this week, the goals with what they still need a day', async () => {
    await meisLeads(5);
    await app.database.db.goal.create({
      data: { workspaceId: FAKE_TEAM.id, metric: 'NEW_LEADS', target: '40', periodStart: shanghaiDay('2026-12-01'), periodEnd: shanghaiDay('2027-01-01'), scope: 'TEAM', createdById: BOSS.id },
    });
    const view = await openHome(BOSS);
    expectWithinSlackLimits(view as never, 'view');
    const text = homeText(view);
    expect(text).toContain('Your team');
    expect(text).toContain('<@U0MEI> — 5 open · 2 overdue');
    expect(text).toContain('*This week* (2026-11-30 – 2026-12-06)');
    // 40 new leads by 1 January; none yet this month (the five came in before), 29 days left: 1.4 a day, so two on some.
    expect(text).toContain('New leads · team: 0 of 40 · behind · needs 2 a day to make it');
    expect(buttonsOf(view).has('home_weekly_digest')).toBe(true);
    expect(text).not.toContain('team pool');

    // A lead given back to the team shows as waiting in the pool.
    const [first] = await app.database.db.lead.findMany({ take: 1 });
    await app.database.db.lead.update({ where: { id: first!.id }, data: { pooledAt: NOW } });
    const withPool = homeText(await openHome(BOSS));
    expect(withPool).toContain('1 lead waits in the team pool for an owner: `/lead pool`');
    // It is nobody's now: its last holder's open count no longer holds it.
    expect(withPool).toMatch(/<@U0MEI> — 4 open · \d overdue/);
  });

  it('reads in 中文 for a reader in 中文', async () => {
    const view = await openHome(WANG);
    expect(homeText(view)).toContain('我的今天 · 12月3日 周四');
  });

  it('logging a follow-up from the Home takes the lead off "due" and republishes the Home', async () => {
    await meisLeads(2);
    const home = await openHome();
    const due = home.blocks.find((block) => block.block_id === 'lead_actions_20261100000')!;
    const logButton = due.elements!.find((button) => button.action_id === 'lead_open_follow_up')!;
    const opened = app.slack.callsOf('views.open').length;
    await app.driver.blockAction({ user: MEI, view: { id: 'VHOME', type: 'home' }, action: { type: 'button', block_id: due.block_id, ...logButton } });
    const form = await openedView(app.slack, opened);

    const published = app.slack.callsOf('views.publish').length;
    const told = app.slack.callsOf('chat.postMessage').length;
    await app.driver.submitView(form, stateValues(form, { follow_up_note: 'Called, demo booked', follow_up_outcome: 'reached' }), { user: MEI });
    // No channel to answer in: the news comes as a DM, and the Home is published again without the lead in "due".
    const dm = await app.slack.waitFor(() => app.slack.callsOf('chat.postMessage')[told]);
    expect(dm.args.channel).toBe(MEI.id);
    const again = (await app.slack.waitFor(() => app.slack.callsOf('views.publish').slice(published).find((c) => c.args.user_id === MEI.id))).args.view as View;
    expect(homeText(again)).toContain('Due today and overdue* (1)');
    expect(again.blocks.some((block) => block.block_id === 'lead_actions_20261100000')).toBe(false);
  });

  it('a refusal from the Home comes as a DM', async () => {
    await meisLeads(1);
    const home = await openHome(BOSS);
    expect(home.blocks.some((block) => block.block_id === 'lead_actions_20261100000')).toBe(false);
    const told = app.slack.callsOf('chat.postMessage').length;
    // Wang (a rep) presses Advance on a lead of Mei's: refused, and told where they look.
    await app.driver.blockAction({ user: WANG, view: { id: 'VHOME', type: 'home' }, action: { type: 'button', action_id: 'lead_advance', value: JSON.stringify({ n: '20261100000', s: 'ACQUIRED' }) } });
    const dm = await app.slack.waitFor(() => app.slack.callsOf('chat.postMessage')[told]);
    expect(dm.args.channel).toBe(WANG.id);
    expect(String(dm.args.text)).toContain('只有负责人');
  });
});

describe('the Home refresh after changes', () => {
  function manualTimers() {
    const waiting = new Map<number, () => void>();
    let next = 0;
    const timers: HomeTimers = { set: (task) => (waiting.set(++next, task), next), clear: (handle) => void waiting.delete(handle as number) };
    return { timers, fire: () => [...waiting.entries()].forEach(([id, task]) => (waiting.delete(id), task())), count: () => waiting.size };
  }

  it('publishes once per burst, on the page last viewed, and only for someone who has a Home open', async () => {
    const clock = manualTimers();
    const homes = new HomeRefresher(2000, clock.timers);
    const published: Array<[string, number]> = [];
    const publish = (user: string) => async (page: number) => void published.push([user, page]);
    homes.changed('T1', 'U1', publish('U1'));
    expect(clock.count()).toBe(0);

    homes.viewed('T1', 'U1', 3);
    for (let i = 0; i < 5; i++) homes.changed('T1', 'U1', publish('U1'));
    expect(clock.count()).toBe(1);
    clock.fire();
    await Promise.resolve();
    expect(published).toEqual([['U1', 3]]);
  });
});
