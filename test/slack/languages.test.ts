import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { DATABASES } from '../support/databases.js';
import { blockText, seedLead } from '../support/leads.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const WANG = { id: 'U0WANG', name: 'wang.fang', realName: '王芳', locale: 'zh-CN', timeZone: 'Asia/Shanghai' };
const ALEX = { id: 'U0ALEX', name: 'alex', realName: 'Alex', locale: 'en-US', timeZone: 'Europe/Berlin' };
const YUKI = { id: 'U0YUKI', name: 'yuki', realName: 'Yuki', locale: 'ja-JP', timeZone: 'Asia/Tokyo' };

describe.each(DATABASES)('each person is answered in their own Slack language (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind, { locale: 'en' });
    for (const person of [WANG, ALEX, YUKI]) app.slack.people.set(person.id, person);
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    app.slack.clear();
    await app.database.db.member.deleteMany();
  });

  async function setWorkspaceLocale(locale: 'en' | 'zh') {
    await app.services.workspaces.get(FAKE_TEAM.id);
    await app.database.db.workspace.update({ where: { id: FAKE_TEAM.id }, data: { locale } });
    app.services.workspaces.forget(FAKE_TEAM.id);
  }

  it('a rep whose Slack is in 中文 gets Chinese in an English workspace, and Slack is asked once', async () => {
    await setWorkspaceLocale('en');
    const lead = await seedLead(app, { ownerId: WANG.id });
    const reply = await app.driver.command(`advance ${lead.number} discovery`, { user: WANG });
    expect(blockText(reply.json)).toContain('已从「线索获取」推进到');
    expect(blockText((await app.driver.command('help', { user: WANG })).json)).toContain('阶段');
    const asked = app.slack.callsOf('users.info');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.args).toMatchObject({ user: WANG.id, include_locale: 'true' });
    expect(await app.database.db.member.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: FAKE_TEAM.id, userId: WANG.id } } })).toMatchObject({ locale: 'zh-CN', name: '王芳' });
  });

  it('a zh rep and an en rep in one workspace each read their own; one who switches Slack to 中文 reads it from the next day, Slack asked once a day', async () => {
    await setWorkspaceLocale('en');
    const day = new Date('2026-12-03T01:00:00Z');
    app.setNow(day);
    try {
      const alex = { ...ALEX, id: 'U0ALEX2' };
      app.slack.people.set(alex.id, alex);
      expect(blockText((await app.driver.command('advance 404', { user: WANG })).json)).toContain('没有编号为 404 的线索');
      expect(blockText((await app.driver.command('advance 404', { user: alex })).json)).toContain('No lead 404.');
      app.slack.people.set(alex.id, { ...alex, locale: 'zh-CN' });
      app.setNow(new Date(day.getTime() + 12 * 3_600_000));
      expect(blockText((await app.driver.command('advance 404', { user: alex })).json)).toContain('No lead 404.');
      app.setNow(new Date(day.getTime() + 25 * 3_600_000));
      expect(blockText((await app.driver.command('advance 404', { user: alex })).json)).toContain('没有编号为 404 的线索');
      expect(app.slack.callsOf('users.info').filter((call) => call.args.user === alex.id)).toHaveLength(2);
    } finally {
      app.setNow(undefined);
    }
  });

  it('an English-speaking rep gets English in a 中文 workspace; another language gets the workspace\'s', async () => {
    await setWorkspaceLocale('zh');
    try {
      expect(blockText((await app.driver.command('advance 404', { user: ALEX })).json)).toContain('No lead 404.');
      expect(blockText((await app.driver.command('advance 404', { user: YUKI })).json)).toContain('没有编号为 404 的线索');
    } finally {
      await setWorkspaceLocale('en');
    }
  });

  it('opens the App Home in the person\'s language', async () => {
    await seedLead(app, { ownerId: WANG.id });
    await app.driver.event({ type: 'app_home_opened', user: WANG.id, channel: 'D0WANG', tab: 'home' });
    const published = await app.slack.waitForCall('views.publish');
    expect(blockText((published.args.view as { blocks: unknown[] }))).toContain('我的今天');
    expect(blockText((published.args.view as { blocks: unknown[] }))).toContain('进行中的线索');
  });

  it('answers in the workspace\'s language when Slack does not say', async () => {
    app.slack.answerNext('users.info', { ok: false, error: 'user_not_found' });
    expect(blockText((await app.driver.command('advance 404', { user: { id: 'U0NOBODY' } })).json)).toContain('No lead 404.');
  });
});
