import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { DATABASES } from '../support/databases.js';
import { blockText, seedLead } from '../support/leads.js';
import { openedView, stateValues, type OpenedView } from '../support/modals.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * `/lead config` through signed requests, on both databases: an admin opens the team's
 * settings with what is stored, changes them, and is shown the result; the change is one
 * journal entry; a rep is refused; bad values come back beside their inputs; and the new
 * numbers are what `/lead due` classifies by.
 */

type Person = { id: string; name: string };
const ADMIN: Person = { id: 'U0ADMIN', name: 'admin' };
const MEI: Person = { id: 'U0MEI', name: 'mei' };
const WANG = { id: 'U0WANG', name: 'wang.fang', realName: '王芳', locale: 'zh-CN', timeZone: 'Asia/Shanghai' };
const LI = { id: 'U0LI', name: 'li.na', realName: '李娜', locale: 'zh-CN', timeZone: 'Asia/Shanghai' };

/** 10:00 on Thursday 3 December in Shanghai. */
const NOW = new Date('2026-12-03T02:00:00Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

/** The workspace row as a new team gets it (Asia/Shanghai from the app's defaults). */
const DEFAULT_ROW = {
  timeZone: 'Asia/Shanghai',
  locale: 'en',
  currency: 'CNY',
  followUpCadence: null,
  zombieAfterDays: 30,
  untouchedAfterDays: 2,
  poolAfterDays: null,
  digestChannelId: null,
  alignmentChannelId: null,
  flagMarginPoints: 10,
  scoringWeights: null,
};

/** What each input of an opened modal shows: the values Slack would submit if nobody touched them. */
function shownValues(view: OpenedView): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const block of view.blocks as Array<{ type: string; block_id?: string; element?: Record<string, any> }>) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const element = block.element;
    if (element.initial_value !== undefined) values[block.block_id] = element.initial_value;
    else if (element.initial_option) values[block.block_id] = element.initial_option.value;
    else if (element.initial_channels) values[block.block_id] = element.initial_channels;
  }
  return values;
}

function labelsOf(view: OpenedView): Record<string, string> {
  return Object.fromEntries(
    (view.blocks as Array<{ type: string; block_id?: string; label?: { text: string } }>).filter((block) => block.type === 'input').map((block) => [block.block_id!, block.label!.text]),
  );
}

describe.each(DATABASES)('/lead config through signed requests (%s)', (kind) => {
  let app: TestApp;
  const rescheduled: string[] = [];
  beforeAll(async () => {
    app = await startTestApp(kind, { timeZone: 'Asia/Shanghai', locale: 'en', teamAdmins: [ADMIN.id, WANG.id], settingsChanged: (id) => rescheduled.push(id) });
    app.slack.people.set(WANG.id, WANG);
    app.slack.people.set(LI.id, LI);
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    app.setNow(NOW);
    app.slack.clear();
    rescheduled.length = 0;
    const { db } = app.database;
    await db.activity.deleteMany();
    await db.followUp.deleteMany();
    await db.lead.deleteMany();
    await db.leadNumberSequence.deleteMany();
    await db.workspace.upsert({ where: { id: FAKE_TEAM.id }, create: { id: FAKE_TEAM.id, ...DEFAULT_ROW }, update: DEFAULT_ROW });
    app.services.workspaces.forget(FAKE_TEAM.id);
  });

  const workspaceRow = () => app.database.db.workspace.findUniqueOrThrow({ where: { id: FAKE_TEAM.id } });
  const settingsEntries = () => app.database.db.activity.findMany({ where: { workspaceId: FAKE_TEAM.id, kind: 'settings' }, orderBy: { id: 'asc' } });

  async function openSettings(user: Person | typeof WANG = ADMIN): Promise<OpenedView> {
    const opened = app.slack.callsOf('views.open').length;
    const reply = await app.driver.command('config', { user });
    expect(reply.status).toBe(200);
    expect(reply.json).toBeUndefined();
    return openedView(app.slack, opened);
  }

  async function submit(view: OpenedView, changes: Record<string, unknown>, user: Person | typeof WANG = ADMIN) {
    const told = app.slack.callsOf('chat.postEphemeral').length;
    const reply = await app.driver.submitView(view, stateValues(view, { ...shownValues(view), ...changes }), { user });
    expect(reply.status).toBe(200);
    return { reply, told: () => app.slack.waitFor(() => app.slack.callsOf('chat.postEphemeral')[told]) };
  }

  it('an admin opens the settings with what is stored, saves changes, and is shown them; one journal entry keeps before and after', async () => {
    const view = await openSettings();
    expect(view.callback_id).toBe('team_settings');
    expect(shownValues(view)).toEqual({
      settings_time_zone: 'Asia/Shanghai',
      settings_locale: 'en',
      settings_currency: 'CNY',
      cadence_acquired: '7',
      cadence_contacted: '7',
      cadence_discovery: '7',
      cadence_proposal: '3',
      cadence_negotiation: '3',
      zombie_after_days: '30',
      untouched_after_days: '2',
      flag_margin: '10',
      mql_threshold: '80',
    });

    const { reply, told } = await submit(view, {
      settings_time_zone: 'Europe/Berlin',
      settings_currency: 'usd',
      cadence_proposal: '2',
      pool_after_days: '45',
      digest_channel: ['C0MANAGERS'],
      alignment_channel: ['C0ALIGNMENT'],
      flag_margin: '15',
      mql_threshold: '70',
    });
    expect(reply.json).toBeUndefined();
    const message = await told();
    expect(message.args.user).toBe(ADMIN.id);
    expect(message.args.text).toBe('Team settings saved: 8 settings changed.');
    const summary = blockText(message.args);
    for (const line of [
      '• Time zone: *Europe/Berlin* (was Asia/Shanghai)',
      '• Default language: English',
      '• Currency: *USD* (was CNY)',
      '• Follow-up cadence: *Acquired 7 d · Contacted 7 d · Discovery 7 d · Proposal 2 d · Negotiation 3 d* (was Acquired 7 d · Contacted 7 d · Discovery 7 d · Proposal 3 d · Negotiation 3 d)',
      '• Zombie after: 30 days',
      '• Team pool: *after 45 days without contact* (was off)',
      '• Digest channel: *<#C0MANAGERS>* (was DIGEST_CHANNEL (the default))',
      '• Alignment channel: *<#C0ALIGNMENT>* (was not set)',
      '• Flag margin: *15 points* (was 10 points)',
      '• MQL: *from a score of 70* (was from a score of 80)',
    ]) {
      expect(summary).toContain(line);
    }

    expect(await workspaceRow()).toMatchObject({
      timeZone: 'Europe/Berlin',
      locale: 'en',
      currency: 'USD',
      zombieAfterDays: 30,
      untouchedAfterDays: 2,
      poolAfterDays: 45,
      digestChannelId: 'C0MANAGERS',
      alignmentChannelId: 'C0ALIGNMENT',
      flagMarginPoints: 15,
      scoringWeights: '{"mqlThreshold":70}',
    });
    // The bot reads the new threshold at once: a lead at 75 is an MQL now.
    expect((await app.services.workspaces.get(FAKE_TEAM.id)).scoring.mqlThreshold).toBe(70);
    expect(JSON.parse((await workspaceRow()).followUpCadence!)).toEqual({ ACQUIRED: 7, CONTACTED: 7, DISCOVERY: 7, PROPOSAL: 2, NEGOTIATION: 3 });

    const entries = await settingsEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ byId: ADMIN.id, via: 'slack', leadId: null, at: NOW });
    expect(JSON.parse(entries[0]!.before!)).toEqual({ timeZone: 'Asia/Shanghai', currency: 'CNY', 'cadenceDays.PROPOSAL': '3', poolAfterDays: null, digestChannelId: null, alignmentChannelId: null, flagMarginPoints: '10', mqlThreshold: '80' });
    expect(JSON.parse(entries[0]!.after!)).toEqual({ timeZone: 'Europe/Berlin', currency: 'USD', 'cadenceDays.PROPOSAL': '2', poolAfterDays: '45', digestChannelId: 'C0MANAGERS', alignmentChannelId: 'C0ALIGNMENT', flagMarginPoints: '15', mqlThreshold: '70' });
    expect(rescheduled).toEqual([FAKE_TEAM.id]);

    // Opened again, the form shows what was saved, and the next lead's cadence follows it.
    expect(shownValues(await openSettings())).toMatchObject({ settings_time_zone: 'Europe/Berlin', cadence_proposal: '2', pool_after_days: '45', digest_channel: ['C0MANAGERS'] });
  });

  it('a save that changes nothing writes nothing and says so', async () => {
    const { reply, told } = await submit(await openSettings(), {});
    expect(reply.json).toBeUndefined();
    expect((await told()).args.text).toBe('Nothing to save: every setting already has that value.');
    expect(await settingsEntries()).toHaveLength(0);
    expect(rescheduled).toEqual([]);
  });

  it('a rep is refused before the form opens, and a forged submission changes nothing', async () => {
    const reply = await app.driver.command('config', { user: MEI });
    expect(reply.json?.text).toBe("Only an admin can change the team's settings. Nothing was changed; `/lead team` shows who the admins are.");
    expect(app.slack.callsOf('views.open')).toHaveLength(0);

    const view = await openSettings();
    const before = await workspaceRow();
    const { reply: submitted, told } = await submit(view, { settings_time_zone: 'Europe/Berlin', zombie_after_days: '5' }, MEI);
    expect(submitted.json).toBeUndefined();
    expect((await told()).args).toMatchObject({ user: MEI.id, text: "Only an admin can change the team's settings. Nothing was changed; `/lead team` shows who the admins are." });
    expect(await workspaceRow()).toEqual(before);
    expect(await settingsEntries()).toHaveLength(0);
  });

  it('bad values come back beside their inputs, and nothing changes', async () => {
    const view = await openSettings();
    const before = await workspaceRow();
    const { reply } = await submit(view, { settings_time_zone: 'Mars/Base', cadence_proposal: '0', settings_currency: 'R1', flag_margin: '0', mql_threshold: '101' });
    expect(reply.json).toEqual({
      response_action: 'errors',
      errors: {
        settings_time_zone: 'Not an IANA time zone: write one like Asia/Shanghai or Europe/Berlin.',
        settings_currency: 'Three letters, like CNY, USD or EUR.',
        cadence_proposal: 'Proposal cadence: a whole number of days from 1 to 365.',
        flag_margin: 'Flag margin: a whole number of percentage points from 1 to 50.',
        mql_threshold: 'MQL threshold: a whole score from 0 to 100.',
      },
    });
    expect(await workspaceRow()).toEqual(before);
    expect(await settingsEntries()).toHaveLength(0);
    expect(app.slack.callsOf('chat.postEphemeral')).toHaveLength(0);
  });

  it('new untouched and zombie days change what /lead due lists', async () => {
    const fresh = await seedLead(app, { name: 'Fresh Co', acquiredAt: daysBefore(3) });
    const quiet = await seedLead(app, { name: 'Quiet Co', acquiredAt: daysBefore(25) });
    await app.database.db.lead.update({ where: { id: quiet.id }, data: { stage: 'CONTACTED', contactedAt: daysBefore(20) } });

    const due = async () => blockText((await app.driver.command('due', { user: MEI })).json);
    const before = await due();
    expect(before).toContain('*Untouched* (1): in Acquired for more than 2 days with no contact');
    expect(before).toContain(fresh.number);
    expect(before).not.toContain('*Zombies*');

    await submit(await openSettings(), { untouched_after_days: '5', zombie_after_days: '14' });
    await app.slack.waitFor(() => app.slack.callsOf('chat.postEphemeral')[0]);

    const after = await due();
    expect(after).not.toContain('*Untouched*');
    expect(after).not.toContain(fresh.number);
    expect(after).toContain('*Zombies* (1): no follow-up for 14 days');
    expect(after).toContain(quiet.number);
  });

  it('the round trip in 中文 for an admin whose Slack is in 中文: the form, its errors, the summary; a rep in 中文 is refused in 中文', async () => {
    const view = await openSettings(WANG);
    expect((view.title as { text: string }).text).toBe('团队设置');
    expect(labelsOf(view)).toMatchObject({ settings_time_zone: '时区', cadence_proposal: '方案呈现（天）', pool_after_days: '公海：多少天未联系后退回公海' });

    const { reply } = await submit(view, { settings_time_zone: 'Mars/Base', untouched_after_days: '366' }, WANG);
    expect(reply.json).toEqual({
      response_action: 'errors',
      errors: {
        settings_time_zone: '不是 IANA 时区：请写成 Asia/Shanghai 或 Europe/Berlin 这样的形式。',
        untouched_after_days: '未跟进天数：请填写 1 到 365 之间的整数天数。',
      },
    });

    const { reply: saved, told } = await submit(view, { settings_locale: 'zh', cadence_acquired: '5' }, WANG);
    expect(saved.json).toBeUndefined();
    const message = await told();
    expect(message.args.text).toBe('团队设置已保存：修改了 2 项。');
    const summary = blockText(message.args);
    expect(summary).toContain('• 默认语言：\u200b*中文*\u200b（原为 English）');
    expect(summary).toContain('• 跟进周期：\u200b*线索获取 5 天 · 初步接触 7 天 · 需求挖掘 7 天 · 方案呈现 3 天 · 商务谈判 3 天*\u200b');
    expect(summary).toContain('• 公海：未启用');
    expect(await workspaceRow()).toMatchObject({ locale: 'zh' });
    const [entry] = await settingsEntries();
    expect(JSON.parse(entry!.after!)).toEqual({ locale: 'zh', 'cadenceDays.ACQUIRED': '5' });

    const refused = await app.driver.command('设置', { user: LI });
    expect(refused.json?.text).toBe('只有管理员可以修改团队设置。本次未做任何修改；`/lead team` 可查看谁是管理员。');
  });
});
