import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';

/** The tracking sheet in and out through `leadops import` and `leadops export`, as a team runs them, on each database. */

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
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
    expect(result.stdout).toContain('2 row(s) read, 2 imported');
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
});
