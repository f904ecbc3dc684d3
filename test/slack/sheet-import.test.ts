import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_TEAM, dmChannelOf, type HeldFile } from '../../src/playground/fake-slack.js';
import { DATABASES } from '../support/databases.js';
import { forgetLeads } from '../support/leads.js';
import { openedView, stateValues, type OpenedView } from '../support/modals.js';
import { MEI, WANG } from '../support/people.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';
import { BOT_TOKEN, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * `/lead import` through signed requests and the fake Slack, on both databases: the
 * form's file input, the file fetched with the bot's token, imported by way of "import",
 * the report in the channel and the problem rows as a CSV in the person's DM.
 */

/** 10:00 on Thursday 3 December 2026 in Shanghai. */
const NOW = new Date('2026-12-03T02:00:00Z');

/** Mei as Slack's users.list tells of her: owner cells may name her by id, display name, real name or email. */
const MEI_IN_SLACK = { ...MEI, realName: 'Mei Chen', locale: 'en-US', timeZone: 'Asia/Shanghai', email: 'mei@example.com' };

/** DOMAIN.md's tracking sheet, its two example rows: 20231001 lost for 预算不足, 20231002 won for 50,000. */
const ZH_SHEET = [
  '线索编号,线索名称,来源渠道,获取时间,负责人,客户类型,客户行业,初次接触时间,需求确认时间,方案提交时间,商务谈判时间,成交时间,流失时间,流失原因(未成交),成交金额(元),备注',
  `20231001,某科技有限公司,抖音,2023-10-01 09:00,Mei Chen,企业客户,教育,2023-10-02 10:00,2023-10-05,,,,2023-10-10,预算不足,,`,
  `20231002,某贸易公司,展会,2023/10/2,MEI@example.com,企业客户,零售,2023-10-03,2023-10-06,2023-10-09,2023-10-12,2023-10-20,,,"50,000",老客户介绍`,
].join('\r\n');

/** Two good rows, one of them with an owner nobody in Slack is, and three bad ones: an unreadable time, won before contacted, an amount written as a formula. */
const BAD_SHEET = [
  'number,name,acquired at,owner,contacted at,won at,deal amount,favourite colour',
  `20231101,Acme,2023-11-01,${MEI.id},,,,blue`,
  `20231102,Globex,someday,${MEI.id},,,,red`,
  '20231103,Initech,2023-11-01,Bob,,,,green',
  `20231104,Umbrella,2023-11-01,${MEI.id},2023-11-10,2023-11-05,,`,
  `20231105,Hooli,2023-11-01,${MEI.id},,,=1+1,`,
].join('\n');

describe.each(DATABASES)('/lead import through signed requests (%s)', (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    // Mei is an admin (TEAM_ADMINS), so she may import; 王芳 is a rep unless a test makes her a manager.
    app = await startTestApp(kind, { timeZone: 'Asia/Shanghai', locale: 'en', teamAdmins: [MEI.id] });
  });
  afterAll(() => app?.close());
  beforeEach(async () => {
    app.setNow(NOW);
    app.slack.clear();
    app.slack.people.set(WANG.id, WANG);
    app.slack.people.set(MEI.id, MEI_IN_SLACK);
    await forgetLeads(app);
  });

  const leads = () => app.database.db.lead.findMany({ where: { workspaceId: FAKE_TEAM.id }, orderBy: { number: 'asc' } });

  async function openForm(user: { id: string; name: string } = MEI): Promise<OpenedView> {
    const opened = app.slack.callsOf('views.open').length;
    const reply = await app.driver.command('import', { user });
    expect(reply.json).toBeUndefined();
    return openedView(app.slack, opened);
  }

  /** Picks the file in the form and submits it; resolves with the ephemeral reports the person then sees. */
  async function submit(view: OpenedView, file: HeldFile | undefined, options: { dryRun?: boolean; user?: { id: string; name: string } } = {}) {
    const values = stateValues(view, { import_file: file ? [app.slack.fileObject(file)] : [], import_options: options.dryRun ? ['dry_run'] : [] });
    return app.driver.submitView(view as never, values, { user: options.user ?? MEI });
  }

  /** The ephemeral answers the person got, the "Importing…" notes that come first left out. */
  const ephemerals = (count = 1) => app.slack.waitFor(() => {
    const seen = app.slack.callsOf('chat.postEphemeral').filter((call) => !String(call.args.text).startsWith(':hourglass_flowing_sand:'));
    return seen.length >= count && seen;
  });
  const notes = () => app.slack.callsOf('chat.postEphemeral').filter((call) => String(call.args.text).startsWith(':hourglass_flowing_sand:')).map((call) => call.args.text);

  it('opens a form with a file input for one CSV or .xlsx and a dry-run checkbox, ticked', async () => {
    const view = await openForm();
    expect(view.callback_id).toBe('sheet_import');
    expectWithinSlackLimits(view as never, 'view');
    const blocks = view.blocks as Array<{ block_id?: string; element?: Record<string, unknown> }>;
    expect(blocks.find((block) => block.block_id === 'import_file')!.element).toMatchObject({ type: 'file_input', filetypes: ['csv', 'xlsx'], max_files: 1 });
    const options = blocks.find((block) => block.block_id === 'import_options')!.element!;
    expect(options).toMatchObject({ type: 'checkboxes', initial_options: [{ value: 'dry_run' }] });
  });

  it('imports the zh template: the file fetched with the bot token, the leads written by way of import, the counts in the channel', async () => {
    const file = app.slack.addFile({ name: '线索跟踪表.csv', bytes: Buffer.from(`\ufeff${ZH_SHEET}`, 'utf8'), user: MEI.id });
    const answer = await submit(await openForm(), file);
    // The modal closes at once; the work follows.
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    const [report] = await ephemerals();
    expect(notes()).toEqual([':hourglass_flowing_sand: Importing 线索跟踪表.csv… the report follows here.']);
    expect(report!.args).toMatchObject({ channel: 'C0SALES', user: MEI.id });
    expect(report!.args.text).toBe('*线索跟踪表.csv*: 2 row(s) read · *2* new · 0 updated · 0 unchanged · 0 refused.');

    expect(app.slack.callsOf('files.info').map((call) => call.args.file)).toEqual([file.id]);
    expect(app.slack.downloads).toEqual([{ fileId: file.id, token: BOT_TOKEN, served: true }]);
    expect(app.slack.callsOf('files.getUploadURLExternal')).toHaveLength(0);

    const rows = await leads();
    expect(rows.map((lead) => [lead.number, lead.stage, lead.ownerId, lead.dealAmountMinor])).toEqual([
      ['20231001', 'LOST', MEI.id, null],
      ['20231002', 'WON', MEI.id, 5_000_000n],
    ]);
    const journal = await app.database.db.activity.findMany({ where: { workspaceId: FAKE_TEAM.id } });
    expect(journal.length).toBeGreaterThan(0);
    expect(new Set(journal.map((entry) => entry.via))).toEqual(new Set(['import']));
    expect(new Set(journal.map((entry) => entry.byId))).toEqual(new Set([MEI.id]));

    // The same sheet again changes nothing.
    app.slack.clear();
    const again = app.slack.addFile({ name: '线索跟踪表.csv', bytes: Buffer.from(ZH_SHEET, 'utf8'), user: MEI.id });
    await submit(await openForm(), again);
    const [second] = await ephemerals();
    expect(second!.args.text).toBe('*线索跟踪表.csv*: 2 row(s) read · *0* new · 0 updated · 2 unchanged · 0 refused.');
    expect(await leads()).toHaveLength(2);

    // A sheet that says something new of a lead updates it, by way of import.
    app.slack.clear();
    const entriesBefore = await app.database.db.activity.count({ where: { workspaceId: FAKE_TEAM.id } });
    const changed = app.slack.addFile({ name: '线索跟踪表.csv', bytes: Buffer.from(ZH_SHEET.replace('企业客户,教育', '企业客户,医疗'), 'utf8'), user: MEI.id });
    await submit(await openForm(), changed);
    const [third] = await ephemerals();
    expect(third!.args.text).toBe('*线索跟踪表.csv*: 2 row(s) read · *0* new · 1 updated · 1 unchanged · 0 refused.');
    expect((await leads()).map((lead) => lead.industry)).toEqual(['医疗', '零售']);
    const latest = await app.database.db.activity.findFirstOrThrow({ where: { workspaceId: FAKE_TEAM.id }, orderBy: { id: 'desc' } });
    expect(latest).toMatchObject({ via: 'import', byId: MEI.id });
    expect(await app.database.db.activity.count({ where: { workspaceId: FAKE_TEAM.id } })).toBe(entriesBefore + 1);
  });

  it('imports the good rows and sends the bad ones to the DM as a CSV: row, number, column, value, reason', async () => {
    const file = app.slack.addFile({ name: 'leads.csv', bytes: Buffer.from(BAD_SHEET, 'utf8'), user: MEI.id });
    await submit(await openForm(), file);
    const [report] = await ephemerals();
    expect(report!.args.text).toBe('*leads.csv*: 5 row(s) read · *2* new · 0 updated · 0 unchanged · 3 refused.');
    const text = JSON.stringify(report!.args.blocks);
    expect(text).toContain('Columns not imported (not in the tracking sheet): “favourite colour”.');
    expect(text).toContain('Row 3 (20231102): acquired at “someday” is not a time I can read');
    expect(text).toContain('The problems, one a row');
    // Bob is nobody in Slack: his lead is imported into the team pool, and the report names him.
    expect(text).toContain('“Bob”: 1 row(s), nobody in Slack by that name');
    const imported = await leads();
    expect(imported.map((lead) => [lead.number, lead.pooledAt !== null])).toEqual([['20231101', false], ['20231103', true]]);
    expect(app.slack.callsOf('users.list')).toHaveLength(1);

    // The DM opened, the file uploaded and shared there.
    expect(app.slack.callsOf('conversations.open')[0]!.args.users).toBe(MEI.id);
    expect(app.slack.callsOf('files.getUploadURLExternal')[0]!.args.filename).toBe('leads-problems.csv');
    const completed = app.slack.callsOf('files.completeUploadExternal')[0]!;
    expect(completed.args.channel_id).toBe(dmChannelOf(MEI.id));
    expect(completed.args.initial_comment).toBe('3 problem(s) importing leads.csv: fix them in the sheet and import it again.');
    const upload = app.slack.uploads[0]!;
    expect(upload.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(parse(upload.bytes, { bom: true })).toEqual([
      ['row', 'number', 'column', 'value', 'reason'],
      ['3', '20231102', 'acquired at', 'someday', 'is not a time I can read (2023-10-01 14:30, 2023/10/1, 2023年10月1日, 10/1/2023)'],
      ['5', '20231104', 'won at', '2023-11-05', 'says Won came before Contacted'],
      // A cell that would run as a formula in Excel stays text.
      ['6', '20231105', 'deal amount', "'=1+1", 'is not an amount I can read (50,000, ¥50,000, 5万, 5.5万元)'],
    ]);
  });

  it('a dry run writes nothing and offers "Import it now", which imports the same file', async () => {
    const file = app.slack.addFile({ name: 'leads.csv', bytes: iconv.encode(ZH_SHEET, 'gb18030'), user: MEI.id });
    await submit(await openForm(), file, { dryRun: true });
    const [report] = await ephemerals();
    expect(notes()).toEqual([':hourglass_flowing_sand: Checking leads.csv (a dry run)… the report follows here.']);
    expect(report!.args.text).toBe('Dry run of *leads.csv*, nothing written: 2 row(s) read · *2* would be new · 0 would be updated · 0 unchanged · 0 would be refused.');
    expect(await leads()).toHaveLength(0);
    const button = (report!.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((block) => block.type === 'actions')!.elements![0]!;
    expect(button).toMatchObject({ action_id: 'sheet_import_now', value: file.id });

    const responseUrl = app.slack.responseUrl();
    await app.driver.clickButton(button, { responseUrl });
    const done = await app.slack.waitFor(() => app.slack.responses.find((response) => String(response.body.text).includes(' new ')));
    expect(done.body.text).toBe('*leads.csv*: 2 row(s) read · *2* new · 0 updated · 0 unchanged · 0 refused.');
    expect((await leads()).map((lead) => lead.number)).toEqual(['20231001', '20231002']);
    expect(app.slack.downloads.map((download) => download.served)).toEqual([true, true]);
  });

  it('imports an Excel workbook\'s first sheet, date cells as typed', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('线索跟踪表');
    sheet.addRow(['线索编号', '线索名称', '获取时间', '负责人', '客户行业']);
    const row = sheet.addRow([20231003, '某制造企业', new Date(Date.UTC(2023, 9, 3, 14, 30)), MEI.id, '制造']);
    row.getCell(3).numFmt = 'yyyy-mm-dd hh:mm';
    book.addWorksheet('Notes').addRow(['线索编号', '线索名称']);
    const file = app.slack.addFile({ name: 'tracking.xlsx', bytes: Buffer.from(await book.xlsx.writeBuffer()), user: MEI.id });
    await submit(await openForm(), file);
    const [report] = await ephemerals();
    expect(report!.args.text).toBe('*tracking.xlsx*: 1 row(s) read · *1* new · 0 updated · 0 unchanged · 0 refused.');
    const [lead] = await leads();
    // 14:30 as typed, in the team's zone (Shanghai).
    expect(lead).toMatchObject({ number: '20231003', name: '某制造企业', industry: '制造', ownerId: MEI.id, acquiredAt: new Date('2023-10-03T06:30:00Z') });

    // A file named .xlsx that is no workbook is said to be unreadable, and nothing is written.
    app.slack.clear();
    const broken = app.slack.addFile({ name: 'broken.xlsx', bytes: Buffer.from('线索编号,线索名称\n1,x\n'), user: MEI.id });
    await submit(await openForm(), broken);
    const [unreadable] = await ephemerals();
    expect(unreadable!.args.text).toMatch(/^I cannot read broken\.xlsx as a sheet \(not an Excel workbook we can read .*\)\. Nothing was imported\.$/);
    expect(await leads()).toHaveLength(1);
  });

  it('a sheet without a lead number column says which headers it found, and imports nothing', async () => {
    const file = app.slack.addFile({ name: 'wrong.csv', bytes: Buffer.from('company,owner <x>\nAcme,U0MEI\n', 'utf8'), user: MEI.id });
    await submit(await openForm(), file);
    const [report] = await ephemerals();
    expect(report!.args.text).toBe('wrong.csv has no 线索编号 / number column, so nothing was imported. The headers I found: “company”, “owner &lt;x&gt;”.');
    expect(await leads()).toHaveLength(0);
  });

  it('says so beside the input when no file, a file that is not CSV or one over 20 MB is chosen; a file Slack no longer has gets a message', async () => {
    const view = await openForm();
    const none = await submit(view, undefined);
    expect(none.json).toEqual({ response_action: 'errors', errors: { import_file: 'Choose the file to import.' } });
    const pdf = app.slack.addFile({ name: 'leads.pdf', bytes: Buffer.from('%PDF'), user: MEI.id });
    expect((await submit(view, pdf)).json?.errors).toEqual({ import_file: 'Only a CSV file or an .xlsx workbook can be imported here: save the sheet as one of them and pick that.' });
    const big = app.slack.addFile({ name: 'big.csv', bytes: Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), user: MEI.id });
    expect((await submit(view, big)).json?.errors).toEqual({ import_file: 'The file is over 20 MB: split the sheet, or import it with `npm run leadops -- import`.' });
    expect(app.slack.downloads).toHaveLength(0);

    // A state that says nothing of the size: files.info does, before anything is fetched.
    const values = stateValues(view, { import_file: [{ id: big.id }], import_options: [] });
    await app.driver.submitView(view as never, values, { user: MEI });
    const [tooLarge] = await ephemerals();
    expect(tooLarge!.args.text).toContain('big.csv is over 20 MB, more than I take from Slack. Nothing was imported');
    expect(app.slack.downloads).toHaveLength(0);

    // files.info may understate the size: the download itself stops at 20 MB.
    app.slack.answerNext('files.info', () => ({ ok: true, file: { ...app.slack.fileObject(big), size: 100 } }));
    await app.driver.submitView(view as never, values, { user: MEI });
    const [, cutOff] = await ephemerals(2);
    expect(cutOff!.args.text).toContain('big.csv is over 20 MB, more than I take from Slack. Nothing was imported');
    expect(app.slack.downloads.map((download) => download.fileId)).toEqual([big.id]);

    // Slack answers a url_private it will not serve with its sign-in page: that is not taken for a sheet.
    const html = app.slack.addFile({ name: 'leads.csv', bytes: Buffer.from(ZH_SHEET, 'utf8'), user: MEI.id });
    app.slack.answerNext('files.info', () => ({ ok: true, file: { ...app.slack.fileObject(html), url_private: `${app.slack.baseUrl}/files-pri/${FAKE_TEAM.id}-F0ELSEWHERE/leads.csv` } }));
    await app.driver.submitView(view as never, stateValues(view, { import_file: [{ id: html.id }], import_options: [] }), { user: MEI });
    const [, , notServed] = await ephemerals(3);
    expect(notServed!.args.text).toBe('Slack did not let me read leads.csv. Nothing was imported; ask your Slack admin whether leadops may read files (files:read).');

    app.slack.clear();
    const gone = stateValues(view, { import_file: [{ id: 'F0GONE' }], import_options: [] });
    await app.driver.submitView(view as never, gone, { user: MEI });
    const [notFound] = await ephemerals(1);
    expect(notFound!.args.text).toBe('I could not find that file in Slack. Nothing was imported; pick it again with `/lead import`.');
    expect(await leads()).toHaveLength(0);
  });

  it('answers 中文 in 中文: the report, and the problems file\'s headers and reasons', async () => {
    await app.driver.command(`role <@${WANG.id}|${WANG.name}> manager`);
    try {
      const file = app.slack.addFile({ name: '表.csv', bytes: Buffer.from(BAD_SHEET, 'utf8'), user: WANG.id });
      await submit(await openForm(WANG), file, { user: WANG });
      const [report] = await ephemerals();
      expect(report!.args.text).toBe('\u200b*表.csv*\u200b：读取 5 行 · 新增 \u200b*2*\u200b 条 · 更新 0 条 · 0 条无变化 · 拒绝 3 行。');
      expect(JSON.stringify(report!.args.blocks)).toContain('第 3 行（20231102）：acquired at“someday”不是可识别的时间');
      expect(JSON.stringify(report!.args.blocks)).toContain('“Bob”：1 行，Slack 中没有此人');
      const rows = parse(app.slack.uploads[0]!.bytes, { bom: true }) as string[][];
      expect(rows[0]).toEqual(['行', '线索编号', '列', '值', '原因']);
      expect(rows[2]).toEqual(['5', '20231104', 'won at', '2023-11-05', '表明成交早于初步接触']);
      expect(app.slack.callsOf('files.completeUploadExternal')[0]!.args.channel_id).toBe(dmChannelOf(WANG.id));
    } finally {
      await app.driver.command(`role <@${WANG.id}|${WANG.name}> rep`);
    }
  });

  it('is in the help of a manager, in either language, and not in a rep\'s; `/lead 导入` opens the form too', async () => {
    expect(JSON.stringify((await app.driver.command('help')).json)).toContain('`/lead import` — bring the team\'s tracking sheet in (CSV or .xlsx)');
    expect(JSON.stringify((await app.driver.command('help', { user: WANG })).json)).not.toContain('/lead import');
    await openForm();
    const opened = app.slack.callsOf('views.open').length;
    await app.driver.command('导入');
    expect((await openedView(app.slack, opened)).callback_id).toBe('sheet_import');
  });

  it('refuses a rep in their language, before the form and on a forged submission, and fetches nothing', async () => {
    const reply = await app.driver.command('import', { user: WANG });
    expect(reply.json?.text).toBe('只有经理可以导入线索表。本次未做任何修改；`/lead team` 可查看谁是经理。');
    expect(app.slack.callsOf('views.open')).toHaveLength(0);

    const view = await openForm();
    const file = app.slack.addFile({ name: 'leads.csv', bytes: Buffer.from(ZH_SHEET, 'utf8'), user: WANG.id });
    await submit(view, file, { user: WANG });
    const [refusal] = await ephemerals();
    expect(refusal!.args).toMatchObject({ user: WANG.id, text: '只有经理可以导入线索表。本次未做任何修改；`/lead team` 可查看谁是经理。' });
    expect(app.slack.callsOf('files.info')).toHaveLength(0);

    // A forged "Import it now" is refused the same way.
    const responseUrl = app.slack.responseUrl();
    await app.driver.clickButton({ action_id: 'sheet_import_now', value: file.id }, { user: WANG, responseUrl });
    const refused = await app.slack.waitForResponse();
    expect(refused.body.text).toBe('只有经理可以导入线索表。本次未做任何修改；`/lead team` 可查看谁是经理。');
    expect(app.slack.callsOf('files.info')).toHaveLength(0);
    expect(app.slack.downloads).toHaveLength(0);
    expect(await leads()).toHaveLength(0);
  });
});
