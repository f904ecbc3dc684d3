import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/app/caller.js';
import { exportLeads, exportLeadsToBuffer } from '../../src/app/export.js';
import { importLeads } from '../../src/app/import.js';
import { NotAllowed } from '../../src/domain/errors.js';
import { isHeaderRow, matchHeaders } from '../../src/domain/lead-sheet.js';
import type { Role } from '../../src/domain/roles.js';
import { readSheetFile } from '../../src/sheets/read-sheet.js';
import type { Db } from '../../src/store/database.js';
import { leadsToExport } from '../../src/store/lead-export.js';
import { Workspaces, type WorkspaceSettings } from '../../src/store/workspaces.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';

/** import(export(db)) into an empty database is the same leads (issue 17), through the use cases, on each database, as CSV and as xlsx. */

const TEAM = 'TEXPORT';
const NOW = new Date('2026-03-02T01:00:00Z');

const HEADERS = ['线索编号', '线索名称', '来源渠道', '推广策略', '内容素材', '获取时间', '负责人', '客户类型', '客户行业', '初次接触时间', '需求确认时间', '方案提交时间', '商务谈判时间', '成交时间', '流失时间', '流失原因', '成交金额', '获客成本', '备注'];
/** Leads of every shape: won, lost with known and unknown reasons, open, owners known by one name, by a shared name, or by id only, and text a spreadsheet would run. */
const ROWS = [
  ['20231001', '教育科技有限公司', '抖音', '抖音信息流-教育行业广告', '《2023教育行业白皮书》', '2023-10-01 14:30', 'U0MEI', '企业客户', '教育', '2023-10-02 09:15', '2023-10-05 16:20', '2023-10-10 11:00', '', '', '2023-10-18 15:00', '预算不足/客户内部重组', '', '3,000', '客户决策人为CEO'],
  ['20231002', '某制造企业', '展会', '展会A摊位', '', '2023-10-03 09:00', 'U0LEI1', '企业客户', '制造', '2023-10-04 10:00', '2023-10-08', '2023-10-15', '2023-10-15 14:30', '2023-10-20 10:00', '', '', '50,000', '¥5,000.50', '两行的\n备注'],
  ['20231003', '=HYPERLINK("http://evil.example","点我")', '官网', '+86 广告', '@白皮书', '2023-10-04 08:05', 'U0LEI2', '个人客户', '-医疗', '2023-10-04 09:00', '', '', '', '', '', '', '', '', '-3 是负数也不是公式'],
  ['20231004', 'Globex', 'Podcast ads', '', '', '2023-11-30 23:59', 'U0NOBODY', '', '', '', '', '', '', '', '', '', '', '', ''],
  ['20231005', 'Initech', 'SEO', '', '', '2023-12-01 00:00', 'U0MEI', 'enterprise', 'Software', '2023-12-02 10:00', '', '', '', '', '2023-12-20 10:00', 'competitor cheaper, no response', '', '', ''],
];

type LeadSnapshot = Record<string, unknown>;

async function leadsOf(db: Db): Promise<LeadSnapshot[]> {
  const leads = await db.lead.findMany({ where: { workspaceId: TEAM }, orderBy: { number: 'asc' }, include: { tags: { include: { tag: true } } } });
  return leads.map(({ tags, number, name, sourceChannel, sourceChannelKey, campaign, contentAsset, customerType, industry, ownerId, stage, acquiredAt, contactedAt, discoveryAt, proposalAt, negotiationAt, wonAt, lostAt, dealAmountMinor, acquisitionCostMinor, notes, score }) => ({
    number, name, sourceChannel, sourceChannelKey, campaign, contentAsset, customerType, industry, ownerId, stage, acquiredAt, contactedAt, discoveryAt, proposalAt, negotiationAt, wonAt, lostAt, dealAmountMinor, acquisitionCostMinor, notes, score,
    tags: tags.map(({ tag }) => `${tag.kind}:${tag.key}:${tag.label}`).sort(),
  }));
}

describe.each(DATABASES)('taking the leads out (%s)', (kind) => {
  let source: TestDatabase;
  let workspace: WorkspaceSettings;
  const caller = (role: Role = 'manager', via: Caller['via'] = 'cli'): Caller => ({ workspace, userId: 'U0BOSS', role, now: NOW, via });

  beforeAll(async () => {
    source = await freshDatabase(kind);
    workspace = await new Workspaces(source.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(TEAM);
    const fetchedAt = new Date();
    await source.db.member.createMany({
      data: [
        { workspaceId: TEAM, userId: 'U0MEI', name: '韩梅梅', fetchedAt },
        { workspaceId: TEAM, userId: 'U0LEI1', name: '李雷', fetchedAt },
        { workspaceId: TEAM, userId: 'U0LEI2', name: '李雷', fetchedAt },
      ],
    });
    const report = await importLeads(caller('manager', 'import'), source.db, { columns: matchHeaders(HEADERS).columns, rows: ROWS.map((cells, index) => ({ line: index + 2, cells })) }, { dryRun: false });
    expect(report.refused).toEqual([]);
    expect(report.created).toBe(ROWS.length);
  });
  afterAll(() => source.drop());

  it('is a manager\'s to do', async () => {
    await expect(exportLeads(caller('rep'), source.db, { format: 'csv' }, new PassThrough())).rejects.toBeInstanceOf(NotAllowed);
  });

  it('writes the sheet\'s columns in order under the headers import reads, then stage and score; owners by name and id; no cell a formula', async () => {
    const { bytes, leads, fileName } = await exportLeadsToBuffer(caller(), source.db, { format: 'csv' });
    expect(leads).toBe(ROWS.length);
    expect(fileName).toBe('leads-TEXPORT-2026-03-02.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const sheet = await readSheetFile(bytes, { isHeader: isHeaderRow });
    expect(sheet.headers).toEqual(['线索编号', '线索名称', '来源渠道', '推广策略', '内容素材', '获取时间', '负责人', '客户类型', '客户行业', '初次接触时间', '需求确认时间', '方案提交时间', '商务谈判时间', '成交时间', '流失时间', '流失原因', '成交金额', '获客成本', '转化时长', '备注', '阶段', '线索评分']);
    const match = matchHeaders(sheet.headers);
    expect(match).toMatchObject({ unknown: [], repeated: [], missing: [] });
    const row = (number: string) => Object.fromEntries(sheet.headers.map((header, index) => [header, sheet.rows.find((each) => each.cells[0] === number)!.cells[index]]));
    expect(row('20231001')).toMatchObject({ 负责人: '韩梅梅 (U0MEI)', 获取时间: '2023-10-01 14:30', 流失原因: '预算不足/客户内部重组', 成交金额: '', 获客成本: '3000', 转化时长: '17', 阶段: '流失', 客户类型: '企业客户' });
    expect(row('20231002')).toMatchObject({ 负责人: '李雷 (U0LEI1)', 成交金额: '50000', 获客成本: '5000.5', 备注: '两行的\n备注', 阶段: '成交', 转化时长: '17', 需求确认时间: '2023-10-08 00:00' });
    expect(row('20231003')).toMatchObject({ 线索名称: `'=HYPERLINK("http://evil.example","点我")`, 推广策略: "'+86 广告", 内容素材: "'@白皮书", 客户行业: "'-医疗", 备注: "'-3 是负数也不是公式", 负责人: '李雷 (U0LEI2)', 转化时长: '', 阶段: '初步接触' });
    expect(row('20231004')).toMatchObject({ 负责人: 'U0NOBODY', 来源渠道: 'Podcast ads', 阶段: '线索获取' });
    expect(Number(row('20231004')['线索评分'])).toBeGreaterThanOrEqual(0);
  });

  it('speaks English when asked, and takes only the leads acquired in the days asked for', async () => {
    const { bytes, leads } = await exportLeadsToBuffer(caller(), source.db, { format: 'csv', language: 'en', acquired: { start: new Date('2023-11-30T16:00:00Z'), end: new Date('2023-12-01T16:00:00Z') } });
    expect(leads).toBe(1);
    const sheet = await readSheetFile(bytes, { isHeader: isHeaderRow });
    expect(sheet.headers.slice(0, 3)).toEqual(['number', 'name', 'source']);
    expect(sheet.rows.map((row) => row.cells[0])).toEqual(['20231005']);
    const cells = Object.fromEntries(sheet.headers.map((header, index) => [header, sheet.rows[0]!.cells[index]]));
    expect(cells).toMatchObject({ 'loss reasons': 'Competitor cheaper/No response', 'customer type': 'enterprise', stage: 'Lost', owner: '韩梅梅 (U0MEI)' });
  });

  it('reads the leads a page at a time after the last one seen, each once, in the order they came', async () => {
    const pages: string[][] = [];
    for await (const page of leadsToExport(source.db, TEAM, { pageLeads: 2 })) pages.push(page.map((lead) => lead.number));
    expect(pages).toEqual([['20231001', '20231002'], ['20231003', '20231004'], ['20231005']]);
  });

  it('writes a workbook Excel opens with real dates and numbers: times as date cells of the team\'s clock, amounts as numbers, the header row frozen', async () => {
    const { bytes, fileName } = await exportLeadsToBuffer(caller(), source.db, { format: 'xlsx' });
    expect(fileName).toBe('leads-TEXPORT-2026-03-02.xlsx');
    const book = new ExcelJS.Workbook();
    // exceljs types its Buffer as the ArrayBuffer-backed one; the bytes are a Node Buffer all the same.
    await book.xlsx.load(bytes as unknown as Parameters<typeof book.xlsx.load>[0]);
    const sheet = book.getWorksheet('线索跟踪表')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const won = sheet.getRow(3);
    const cell = (header: string) => won.getCell(headers.indexOf(header) + 1);
    expect(cell('线索编号').value).toBe('20231002');
    expect(cell('成交时间').value).toEqual(new Date('2023-10-20T10:00:00Z'));
    expect(cell('成交时间').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(cell('成交金额').value).toBe(50000);
    expect(cell('获客成本').value).toBe(5000.5);
    expect(cell('转化时长').value).toBe(17);
    expect(sheet.getRow(4).getCell(2).value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
  });

  it('changes nothing when its sheet is imported back into the same workspace, times kept to the second the sheet does not write', async () => {
    // Leads moved in Slack keep the second they moved; the sheet writes the minute.
    const [first, second] = await source.db.lead.findMany({ where: { workspaceId: TEAM }, orderBy: { id: 'asc' }, take: 2 });
    await source.db.lead.update({ where: { id: first!.id }, data: { acquiredAt: new Date(first!.acquiredAt.getTime() + 17_531) } });
    if (second!.contactedAt) await source.db.lead.update({ where: { id: second!.id }, data: { contactedAt: new Date(second!.contactedAt.getTime() + 59_999) } });
    const kept = await leadsOf(source.db);
    for (const format of ['csv', 'xlsx'] as const) {
      const { bytes } = await exportLeadsToBuffer(caller(), source.db, { format });
      const sheet = await readSheetFile(bytes, { isHeader: isHeaderRow });
      const entries = await source.db.activity.count({ where: { workspaceId: TEAM } });
      const report = await importLeads(caller('manager', 'import'), source.db, { columns: matchHeaders(sheet.headers).columns, rows: sheet.rows }, { dryRun: false });
      expect(report, format).toMatchObject({ created: 0, updated: 0, unchanged: ROWS.length, refused: [] });
      expect(await source.db.activity.count({ where: { workspaceId: TEAM } })).toBe(entries);
    }
    expect(await leadsOf(source.db)).toEqual(kept);
    await source.db.lead.update({ where: { id: first!.id }, data: { acquiredAt: first!.acquiredAt } });
    if (second!.contactedAt) await source.db.lead.update({ where: { id: second!.id }, data: { contactedAt: second!.contactedAt } });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    it(`reproduces the same leads, stages, times, tags, amounts and owners when its ${format} is imported into an empty database`, async () => {
      const target = await freshDatabase(kind);
      try {
        const { bytes } = await exportLeadsToBuffer(caller(), source.db, { format });
        const sheet = await readSheetFile(bytes, { fileName: `leads.${format}`, isHeader: isHeaderRow });
        expect(sheet.format).toBe(format);
        const match = matchHeaders(sheet.headers);
        expect(match.unknown).toEqual([]);
        const empty = await new Workspaces(target.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(TEAM);
        // Nobody is known in the new database: the ids beside the names are what finds the owners.
        expect(await target.db.member.count()).toBe(0);
        const report = await importLeads({ workspace: empty, userId: 'U0BOSS', role: 'manager', now: NOW, via: 'import' }, target.db, { columns: match.columns, rows: sheet.rows }, { dryRun: false });
        expect(report.refused).toEqual([]);
        expect(report.notes).toEqual([]);
        const [before, after] = [await leadsOf(source.db), await leadsOf(target.db)];
        expect(after).toHaveLength(ROWS.length);
        expect(after).toEqual(before);
      } finally {
        await target.drop();
      }
    });
  }
});
