import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isZipFile } from '../../src/sheets/xlsx-sheet.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';

/** The tracking sheet in and out through `leadops import` and `leadops export`, as a team runs them, on each database. */

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'sheets');
const TEAM = 'T0SHEETS';

type Result = { code: number; stdout: string; stderr: string };

/** Seed 004's two example rows (DOMAIN.md) in the workbook a Chinese team keeps: a title row, real date and number cells. */
async function seedWorkbook(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('线索跟踪表');
  sheet.addRow(['销售线索转化跟踪表（2023年10月）']);
  sheet.addRow(['线索编号', '线索名称', '来源渠道', '推广策略', '获取时间', '负责人', '客户类型', '初次接触时间', '需求确认时间', '方案提交时间', '成交时间', '流失时间', '流失原因(未成交)', '成交金额(元)', '获客成本(元)']);
  const at = (month: number, day: number, hour = 0, minute = 0) => new Date(Date.UTC(2023, month - 1, day, hour, minute));
  sheet.addRow([20231001, '教育科技有限公司', '抖音', '抖音信息流-教育行业广告', at(10, 1, 14, 30), 'U0REP1', '企业客户', at(10, 2, 9, 15), at(10, 5, 16, 20), at(10, 10, 11), '-', at(10, 18, 15), '预算不足', '-', 3000]);
  sheet.addRow([20231002, { richText: [{ text: '某制造' }, { text: '企业' }] }, '展会', '', at(10, 3), 'U0REP2', '企业客户', at(10, 4), at(10, 8), at(10, 15), at(10, 20, 10), null, '-', 50000, { formula: '2500*2', result: 5000 }]);
  for (const column of [5, 8, 9, 10, 11, 12]) sheet.getColumn(column).numFmt = 'yyyy-mm-dd hh:mm';
  sheet.getColumn(14).numFmt = '#,##0';
  await book.xlsx.writeFile(file);
}

describe.each(DATABASES)('tracking sheets in and out from the command line (%s)', (kind) => {
  const files = mkdtempSync(path.join(tmpdir(), 'leadops-sheets-'));
  let database: TestDatabase;

  function leadops(...args: string[]): Promise<Result> {
    return run(process.execPath, [path.join(ROOT, 'bin', 'leadops.js'), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: database.url }, timeout: 60_000, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout: stdout.toString('utf8'), stderr: stderr.toString('utf8') }),
      (error: { code: number; stdout: Buffer; stderr: Buffer }) => ({ code: error.code, stdout: error.stdout.toString('utf8'), stderr: error.stderr.toString('utf8') }),
    );
  }
  const leadNumbered = (number: string) => database.db.lead.findUniqueOrThrow({ where: { workspaceId_number: { workspaceId: TEAM, number } }, include: { tags: { include: { tag: true } } } });
  const tagKeys = (lead: { tags: Array<{ tag: { kind: string; key: string } }> }, kind: string) => lead.tags.filter(({ tag }) => tag.kind === kind).map(({ tag }) => tag.key).sort();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    await database.db.workspace.create({ data: { id: TEAM, timeZone: 'Asia/Shanghai', locale: 'zh' } });
  });
  afterAll(async () => {
    await database.drop();
    rmSync(files, { recursive: true, force: true });
  });

  it('brings seed 004\'s two example rows in from an .xlsx workbook: 20231001 lost for 预算不足, 20231002 won for 50,000', async () => {
    const file = path.join(files, '线索跟踪表.xlsx');
    await seedWorkbook(file);
    const result = await leadops('import', file);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Excel workbook, sheet "线索跟踪表" of 1, 2 row(s)');
    expect(result.stdout).toContain('2 row(s) read, 2 created');
    expect(result.code).toBe(0);

    const lost = await leadNumbered('20231001');
    expect(lost).toMatchObject({ name: '教育科技有限公司', stage: 'LOST', ownerId: 'U0REP1', customerType: 'ENTERPRISE', campaign: '抖音信息流-教育行业广告', acquisitionCostMinor: 300_000n, dealAmountMinor: null });
    expect(lost.acquiredAt.toISOString()).toBe('2023-10-01T06:30:00.000Z');
    expect(lost.contactedAt?.toISOString()).toBe('2023-10-02T01:15:00.000Z');
    expect(lost.lostAt?.toISOString()).toBe('2023-10-18T07:00:00.000Z');
    expect(tagKeys(lost, 'LOSS_REASON')).toEqual(['budget']);

    const won = await leadNumbered('20231002');
    expect(won).toMatchObject({ name: '某制造企业', stage: 'WON', ownerId: 'U0REP2', dealAmountMinor: 5_000_000n, acquisitionCostMinor: 500_000n });
    expect(won.acquiredAt.toISOString()).toBe('2023-10-02T16:00:00.000Z');
    expect(won.wonAt?.toISOString()).toBe('2023-10-20T02:00:00.000Z');
  }, 60_000);

  it('reads a workbook saved under a .csv name by its bytes, and refuses --sheet naming no sheet of it', async () => {
    const file = path.join(files, 'download.csv');
    await seedWorkbook(file);
    const dry = await leadops('import', file, '--dry-run');
    expect(dry.stdout).toContain('Excel workbook');
    const missing = await leadops('import', file, '--sheet', 'Leads');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`leadops import: cannot read ${file}: the workbook has no sheet "Leads"; its sheets are: "线索跟踪表"`);
  }, 60_000);

  it('streams a workbook with --strict: a bad row holds the good ones back, values under no header are named, nothing is written', async () => {
    const file = path.join(files, 'strict.xlsx');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('线索跟踪表');
    sheet.addRow(['线索编号', '线索名称', '获取时间']);
    sheet.addRow([20231101, '好的客户', '2023-11-01', '无表头的备注']);
    sheet.addRow([20231102, '坏的客户', 'someday']);
    await book.xlsx.writeFile(file);
    const strict = await leadops('import', file, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('Excel workbook, sheet "线索跟踪表" of 1, 2 row(s)');
    expect(strict.stdout).toContain('values under no header, not imported: column 4');
    expect(strict.stdout).toContain('--strict: nothing written; 1 good row(s) held back until the refused ones are fixed');
    expect(strict.stdout).toContain('line 3 (20231102): 获取时间 "someday" is not a time we can read');
    expect(await database.db.lead.count({ where: { workspaceId: TEAM, number: { in: ['20231101', '20231102'] } } })).toBe(0);
  }, 60_000);

  it('says so when a workbook breaks further down than its header, found as its rows are read', async () => {
    const file = path.join(files, 'broken.xlsx');
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook><sheets><sheet name="线索跟踪表" r:id="rId1"/></sheets></workbook>');
    zip.file('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
    const rows = Array.from({ length: 3000 }, (_, index) => `<row r="${index + 2}"><c t="inlineStr"><is><t>2023110${index}</t></is></c><c t="inlineStr"><is><t>客户${index}</t></is></c><c t="inlineStr"><is><t>2023-11-01</t></is></c></row>`);
    // The header and thousands of good rows, then a cell that never closes.
    zip.file('xl/worksheets/sheet1.xml', `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>线索编号</t></is></c><c t="inlineStr"><is><t>线索名称</t></is></c><c t="inlineStr"><is><t>获取时间</t></is></c></row>${rows.join('')}<row r="3002"><c><v>1</row></sheetData></worksheet>`);
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const result = await leadops('import', file, '--dry-run');
    expect(result.code).toBe(2);
    const said = result.stderr.trim();
    expect(said.startsWith(`leadops import: cannot read ${file}: not an Excel workbook we can read (`)).toBe(true);
    expect(said.endsWith('). Rows before it may already be imported: run the same import again once the file is fixed (rows already in come back unchanged).')).toBe(true);
  }, 60_000);

  it('exports every lead as CSV on stdout, with a BOM for Excel and the headers import reads; in English on --lang en, only the days asked for', async () => {
    const all = await leadops('export');
    expect(all.code).toBe(0);
    expect(all.stderr.trim()).toBe('exported 2 lead(s)');
    expect(all.stdout.startsWith('\uFEFF线索编号,线索名称,来源渠道,推广策略,内容素材,获取时间,负责人,客户类型,客户行业,初次接触时间,需求确认时间,方案提交时间,商务谈判时间,成交时间,流失时间,流失原因,成交金额,获客成本,转化时长,备注,阶段,线索评分\r\n')).toBe(true);
    const lines = all.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^20231001,教育科技有限公司,抖音,抖音信息流-教育行业广告,,2023-10-01 14:30,U0REP1,企业客户,,2023-10-02 09:15,2023-10-05 16:20,2023-10-10 11:00,,,2023-10-18 15:00,预算不足,,3000,17,,流失,\d+$/);

    const october3 = await leadops('export', '--lang', 'en', '--from', '2023-10-03', '--to', '2023-10-03');
    const [header, row, ...more] = october3.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(header).toBe('number,name,source,campaign,content,acquired at,owner,customer type,industry,contacted at,discovery at,proposal at,negotiation at,won at,lost at,loss reasons,deal amount,acquisition cost,conversion days,notes,stage,score');
    // The workbook skipped negotiation: it took the won time on import, as a jump to won does.
    expect(row).toMatch(/^20231002,某制造企业,展会,,,2023-10-03 00:00,U0REP2,enterprise,,2023-10-04 00:00,2023-10-08 00:00,2023-10-15 00:00,2023-10-20 10:00,2023-10-20 10:00,,,50000,5000,17,,Won,\d+$/);
    expect(more).toEqual([]);
  }, 60_000);

  it('writes an .xlsx to --out that imports into an empty workspace as the same leads', async () => {
    const file = path.join(files, 'leads.xlsx');
    const result = await leadops('export', '--out', file);
    expect(result).toMatchObject({ code: 0, stderr: `exported 2 lead(s) to ${file}\n` });
    expect(isZipFile(readFileSync(file))).toBe(true);

    await database.db.workspace.create({ data: { id: 'T0AGAIN', timeZone: 'Asia/Shanghai', locale: 'en' } });
    const again = await leadops('import', file, '--team', 'T0AGAIN');
    expect(again.stdout).toContain('Excel workbook, sheet "线索跟踪表" of 1, 2 row(s)');
    expect(again.stdout).toContain('2 row(s) read, 2 created');
    expect(again.stdout).not.toContain('not imported');
    const snapshot = async (workspaceId: string) =>
      (await database.db.lead.findMany({ where: { workspaceId }, orderBy: { number: 'asc' }, include: { tags: { include: { tag: true } } } })).map(({ id: _id, workspaceId: _w, createdAt: _c, updatedAt: _u, tags, ...lead }) => ({ ...lead, tags: tags.map(({ tag }) => tag.key) }));
    expect(await snapshot('T0AGAIN')).toEqual(await snapshot(TEAM));
  }, 60_000);

  it('refuses an .xlsx to stdout, an unknown format or language, and half a period, with the reason', async () => {
    const refusals = await Promise.all([leadops('export', '--format', 'xlsx'), leadops('export', '--format', 'pdf'), leadops('export', '--lang', 'fr'), leadops('export', '--from', '2023-10-01')]);
    expect(refusals.map((refusal) => [refusal.code, refusal.stderr.trim()])).toEqual([
      [2, 'leadops export: an .xlsx is a file: give it --out FILE (CSV goes to stdout without one)'],
      [2, 'leadops export: --format must be csv or xlsx'],
      [2, 'leadops export: --lang must be zh or en'],
      [2, 'leadops export: --from and --to go together: --from YYYY-MM-DD --to YYYY-MM-DD'],
    ]);
  }, 60_000);
});

/** The fixtures of issue 17, written from DOMAIN.md's field list (test/fixtures/sheets), each imported as a team would and its report read. */
describe.each(DATABASES)('the fixture sheets, imported from the command line (%s)', (kind) => {
  const TEAM_F = 'T0FIXTURES';
  let database: TestDatabase;
  const importing = (name: string): Promise<Result> =>
    run(process.execPath, [path.join(ROOT, 'bin', 'leadops.js'), 'import', path.join(FIXTURES, name), '--team', TEAM_F], { cwd: ROOT, env: { ...process.env, DATABASE_URL: database.url }, timeout: 60_000 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  const lead = (number: string) => database.db.lead.findUniqueOrThrow({ where: { workspaceId_number: { workspaceId: TEAM_F, number } }, include: { tags: { include: { tag: true } } } });
  const reasons = async (number: string) => (await lead(number)).tags.filter(({ tag }) => tag.kind === 'LOSS_REASON').map(({ tag }) => tag.key).sort();

  beforeAll(async () => {
    database = await freshDatabase(kind);
    await database.db.workspace.create({ data: { id: TEAM_F, timeZone: 'Asia/Shanghai', locale: 'zh' } });
  });
  afterAll(() => database.drop());

  it('zh-template.csv: seed 004\'s two example rows, 20231001 lost for 预算不足 and 20231002 won for 50,000', async () => {
    const result = await importing('zh-template.csv');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('UTF-8, comma separated, 2 row(s)');
    expect(result.stdout).toContain('2 row(s) read, 2 created');
    expect(result.stdout).not.toContain('notes:');
    expect(await lead('20231001')).toMatchObject({ stage: 'LOST', contentAsset: '《2023教育行业白皮书》', acquisitionCostMinor: 300_000n, dealAmountMinor: null, notes: '客户决策人为CEO' });
    expect(await reasons('20231001')).toEqual(['budget']);
    expect(await lead('20231002')).toMatchObject({ stage: 'WON', dealAmountMinor: 5_000_000n, acquisitionCostMinor: 500_000n, sourceChannelKey: 'trade_show' });
  }, 60_000);

  it('en-sheet.csv: English headers with units, month-first dates, reasons split on commas', async () => {
    const result = await importing('en-sheet.csv');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 row(s) read, 2 created');
    expect((await lead('60001')).acquiredAt.toISOString()).toBe('2023-10-02T01:15:00.000Z');
    expect(await reasons('60001')).toEqual(['competitor_cheaper', 'need_vanished']);
    expect(await lead('60002')).toMatchObject({ stage: 'WON', customerType: 'INDIVIDUAL', dealAmountMinor: 1_250_050n, sourceChannelKey: 'referral' });
  }, 60_000);

  it('semicolon.csv: semicolons, 年月日 times, full-width brackets and ；, 5.5万元', async () => {
    const result = await importing('semicolon.csv');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('UTF-8, semicolon separated, 2 row(s)');
    expect((await lead('70001')).acquiredAt.toISOString()).toBe('2023-10-08T01:30:00.000Z');
    expect(await reasons('70001')).toEqual(['long_decision_chain', 'need_vanished']);
    expect(await lead('70002')).toMatchObject({ stage: 'WON', dealAmountMinor: 5_500_000n });
  }, 60_000);

  it('gbk.csv: what Chinese Excel saves, GBK without a BOM, ￥ amounts', async () => {
    const result = await importing('gbk.csv');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('GB18030, comma separated, 2 row(s)');
    expect(await lead('80001')).toMatchObject({ name: '北京某科技有限公司', stage: 'WON', dealAmountMinor: 12_000_000n, notes: '老客户转介绍' });
    expect(await lead('80002')).toMatchObject({ name: '王芳', stage: 'CONTACTED', customerType: 'INDIVIDUAL' });
  }, 60_000);

  it('bad-values.csv: every kind of bad value refused by line and column with the reason; owners naming nobody listed, their leads unassigned', async () => {
    const before = await database.db.lead.count();
    const result = await importing('bad-values.csv');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('15 row(s) read, 3 created, 0 updated, 0 unchanged, 12 refused');
    for (const refusal of [
      'line 2: 线索编号 is empty, and a lead needs it',
      'line 3: 线索编号 "A-17" is not a lead number',
      'line 4 (90003): 获取时间 "someday" is not a time we can read',
      'line 5 (90004): 初次接触时间 "2099-01-01" is in the future',
      'line 6 (90005): 成交金额(元) "lots" is not an amount we can read',
      'line 7 (90006): 客户类型 "外星客户" is not a customer type',
      'line 8 (90007): 线索名称 is empty, and a lead needs it',
      'line 9 (90008): entered Won before Contacted',
      'line 10 (90009): is lost without a reason',
      'line 13 (90012): is both won and lost',
      'line 15 (90013): repeats lead number 90013 of line 14',
      'line 16 (90015): 获取时间 is empty, and a lead needs it',
    ]) expect(result.stdout).toContain(refusal);
    expect(result.stdout).toContain('2 row(s) name no owner for sure in 负责人');
    expect(result.stdout).toContain('  (empty): 1 row\n');
    expect(result.stdout).toContain('  "张无忌": 1 row, not a Slack user id nor the name of anyone the bot knows');
    expect(await database.db.lead.count()).toBe(before + 3);
    expect(await lead('90013')).toMatchObject({ name: '好的一行', ownerId: 'U0REP1' });
    expect((await lead('90011')).pooledAt).not.toBeNull();
  }, 60_000);
});
