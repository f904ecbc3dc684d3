import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/app/caller.js';
import { importLeads } from '../../src/app/import.js';
import { isHeaderRow, matchHeaders } from '../../src/domain/lead-sheet.js';
import { DEFAULT_SCORING_RULES } from '../../src/domain/scoring.js';
import { openCsvSheet, readCsvSheet, UnreadableSheet } from '../../src/sheets/csv-sheet.js';
import { openXlsxSheet } from '../../src/sheets/xlsx-sheet.js';
import { providerOfClient } from '../../src/store/database.js';
import { importLeadBatch } from '../../src/store/lead-import.js';
import { encodeNewLead, newLeadScore } from '../../src/store/lead-rows.js';
import { changeScoringWeights } from '../../src/app/scoring.js';
import { scoringRulesIn } from '../../src/store/scoring.js';
import { Workspaces } from '../../src/store/workspaces.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';

/**
 * A CSV file's rows checked and encoded on a thread of their own (import-thread.ts) come
 * to exactly what the same rows read in memory and written on this thread come to: the
 * same report, leads, journal and tags, on a real database of each kind.
 */

const HEADER = '线索编号,线索名称,来源渠道,获取时间,负责人,初次接触时间,成交时间,流失时间,流失原因,成交金额(元),转化时长(天)';

/** 2 600 rows over three batches: owners known, unknown and empty, won and lost leads, a bad time, a number given twice, conversion days that disagree. */
function sheetText(): string {
  const lines = [HEADER];
  for (let i = 0; i < 2600; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const owner = i % 5 === 0 ? '韩梅梅' : i % 7 === 0 ? 'Bob' : i % 11 === 0 ? '' : 'U0MEI';
    const won = i % 9 === 0 ? `2026-02-${day} 10:00` : '';
    const lost = !won && i % 13 === 0 ? `2026-02-${day} 11:00` : '';
    const number = i === 2100 ? '800005' : String(800_000 + i);
    const acquired = i === 1500 ? 'someday' : `2026-01-${day} 09:30`;
    lines.push([number, `"Company, ${i}"`, ['抖音', '百度', '展会'][i % 3], acquired, owner, i % 2 ? `2026-01-${day} 15:00` : '', won, lost, lost ? '预算不足/选择竞品' : '', won ? '5万' : '', won && i % 18 === 0 ? '3' : ''].join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe.each(DATABASES)('a CSV checked on its own thread (%s)', (kind) => {
  let database: TestDatabase;
  let dir: string;
  let file: string;
  const callerIn = async (team: string): Promise<Caller> => ({
    workspace: await new Workspaces(database.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(team),
    userId: 'U0BOSS',
    role: 'manager',
    now: new Date('2026-03-02T01:00:00Z'),
    via: 'import',
  });

  beforeAll(async () => {
    database = await freshDatabase(kind);
    dir = mkdtempSync(path.join(tmpdir(), 'leadops-import-thread-'));
    file = path.join(dir, 'sheet.csv');
    writeFileSync(file, sheetText());
    const fetchedAt = new Date();
    for (const workspaceId of ['TTHREAD', 'TMEMORY', 'TMIXED', 'TSTRICT', 'TRULES', 'TBOOK']) {
      await new Workspaces(database.db, { timeZone: 'Asia/Shanghai', locale: 'zh' }).get(workspaceId);
      await database.db.member.create({ data: { workspaceId, userId: 'U0MEI', name: '韩梅梅', fetchedAt } });
    }
  });
  afterAll(async () => {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const contents = async (workspaceId: string) => {
    const leads = await database.db.lead.findMany({ where: { workspaceId }, orderBy: { number: 'asc' }, include: { tags: { include: { tag: { select: { kind: true, key: true } } } } } });
    const entries = await database.db.activity.findMany({ where: { workspaceId }, orderBy: { id: 'asc' } });
    const journal = new Map<number, unknown[]>();
    for (const entry of entries) journal.set(entry.leadId!, [...(journal.get(entry.leadId!) ?? []), [entry.kind, entry.at.toISOString(), entry.before, entry.after, entry.byId, entry.via, entry.leadVersion]]);
    return leads.map(({ id, workspaceId: _w, tags, ...lead }) => ({ ...lead, tags: tags.map(({ tag }) => `${tag.kind}:${tag.key}`).sort(), journal: journal.get(id) }));
  };

  it('imports the same leads, journal, tags and report as the rows read in memory', async () => {
    const opened = await openCsvSheet(file, { isHeader: isHeaderRow });
    const { columns } = matchHeaders(opened.headers);
    const progress: number[] = [];
    const onThread = await importLeads(await callerIn('TTHREAD'), database.db, { columns, rows: { csv: opened.source, onThread: true } }, { dryRun: false, onProgress: ({ rows }) => progress.push(rows) });
    const inMemory = readCsvSheet(new TextEncoder().encode(sheetText()), { isHeader: isHeaderRow });
    const here = await importLeads(await callerIn('TMEMORY'), database.db, { columns, rows: inMemory.rows }, { dryRun: false });

    expect(onThread).toEqual(here);
    expect(progress).toEqual([1000, 2000, 2600]);
    expect(onThread).toMatchObject({ rowsRead: 2600, created: 2598, updated: 0, unchanged: 0 });
    expect(onThread.refused.map((row) => [row.line, row.refusal.kind])).toEqual([
      [1502, 'cells'],
      [2102, 'repeated_number'],
    ]);
    expect(onThread.unassigned.map((owner) => [owner.owner, owner.why])).toEqual(expect.arrayContaining([['Bob', 'unmatched'], ['', 'none']]));
    expect(onThread.notes.length).toBeGreaterThan(0);

    const threaded = await contents('TTHREAD');
    expect(threaded).toHaveLength(2598);
    const lost = threaded.find((lead) => lead.stage === 'LOST')!;
    expect(lost.tags.filter((tag) => tag.startsWith('LOSS_REASON:'))).toHaveLength(2);
    expect(lost.tags.filter((tag) => tag.startsWith('SOURCE_CHANNEL:'))).toHaveLength(1);
    expect(threaded).toEqual(await contents('TMEMORY'));

    // Read again on its thread, every row is what the workspace holds.
    expect(await importLeads(await callerIn('TTHREAD'), database.db, { columns, rows: { csv: opened.source, onThread: true } }, { dryRun: false })).toMatchObject({ created: 0, updated: 0, unchanged: 2598 });
  });

  it('reads a workbook\'s sheet on the thread as it reads a CSV: the same report and leads', async () => {
    // The same rows as a workbook a team saves, every cell as typed (text).
    const inMemory = readCsvSheet(new TextEncoder().encode(sheetText()), { isHeader: isHeaderRow });
    const workbookFile = path.join(dir, 'sheet.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: workbookFile, useSharedStrings: true });
    const sheet = book.addWorksheet('线索跟踪表');
    sheet.addRow(inMemory.headers).commit();
    for (const row of inMemory.rows) sheet.addRow(row.cells).commit();
    sheet.commit();
    await book.commit();
    const opened = await openXlsxSheet(workbookFile, { isHeader: isHeaderRow });
    const { columns } = matchHeaders(opened.headers);
    const progress: number[] = [];
    const fromBook = await importLeads(await callerIn('TBOOK'), database.db, { columns, headers: opened.headers, rows: { xlsx: opened.source!, onThread: true } }, { dryRun: false, onProgress: ({ rows }) => progress.push(rows) });
    expect(progress).toEqual([1000, 2000, 2600]);
    expect(fromBook).toMatchObject({ rowsRead: 2600, created: 2598, updated: 0, unchanged: 0, unnamedColumns: [] });
    expect(fromBook.refused.map((row) => [row.line, row.refusal.kind])).toEqual([
      [1502, 'cells'],
      [2102, 'repeated_number'],
    ]);
    // The leads the same rows made when read in memory, journal and tags alike.
    expect(await contents('TBOOK')).toEqual(await contents('TMEMORY'));
  });

  it('gives the same leads where the sheet is part known, part new (the thread stops encoding ahead and starts again)', async () => {
    const opened = await openCsvSheet(file, { isHeader: isHeaderRow });
    const { columns } = matchHeaders(opened.headers);
    const inMemory = readCsvSheet(new TextEncoder().encode(sheetText()), { isHeader: isHeaderRow });
    // What an import stopped after its first batches left: those leads, and nothing of the rest.
    await importLeads(await callerIn('TMIXED'), database.db, { columns, rows: inMemory.rows.slice(0, 1200) }, { dryRun: false });
    const report = await importLeads(await callerIn('TMIXED'), database.db, { columns, rows: { csv: opened.source, onThread: true } }, { dryRun: false });
    expect(report).toMatchObject({ created: 1398, unchanged: 1200, updated: 0 });
    expect(await contents('TMIXED')).toEqual(await contents('TTHREAD'));
  });

  it('writes nothing on strict while a row is refused', async () => {
    const opened = await openCsvSheet(file, { isHeader: isHeaderRow });
    const { columns } = matchHeaders(opened.headers);
    const report = await importLeads(await callerIn('TSTRICT'), database.db, { columns, rows: { csv: opened.source, onThread: true } }, { dryRun: false, strict: true });
    expect(report).toMatchObject({ created: 0, updated: 0, heldBack: 2598 });
    expect(await database.db.lead.count({ where: { workspaceId: 'TSTRICT' } })).toBe(0);
  });

  it('tells the caller when the thread cannot read the file, and writes nothing', async () => {
    const gone = path.join(dir, 'gone.csv');
    writeFileSync(gone, sheetText());
    const opened = await openCsvSheet(gone, { isHeader: isHeaderRow });
    rmSync(gone);
    const { columns } = matchHeaders(opened.headers);
    await expect(importLeads(await callerIn('TSTRICT'), database.db, { columns, rows: { csv: opened.source, onThread: true } }, { dryRun: false })).rejects.toBeInstanceOf(UnreadableSheet);
    expect(await database.db.lead.count({ where: { workspaceId: 'TSTRICT' } })).toBe(0);
  });

  it('scores a lead by the weights the team has when it is written, not those it was encoded with', async () => {
    const caller = await callerIn('TRULES');
    await changeScoringWeights({ ...caller, role: 'admin' }, database.db, { fit: { customerType: { ENTERPRISE: 0, INDIVIDUAL: 0 } } });
    const rules = await scoringRulesIn(database.db, 'TRULES');
    // A lead encoded with the default weights, as a thread that started before the change would have.
    const lead = { name: 'Acme', number: '900001', stage: 'CONTACTED' as const, acquiredAt: new Date('2026-01-05T01:00:00Z'), timestamps: { contactedAt: new Date('2026-01-06T02:00:00Z') }, lossReasons: [], ownerId: 'U0MEI', customerType: 'ENTERPRISE' as const };
    const author = { byId: caller.userId, at: caller.now, via: caller.via };
    const encoded = encodeNewLead(providerOfClient(database.db), lead, DEFAULT_SCORING_RULES, author);
    expect(newLeadScore(lead, rules)).not.toBe(newLeadScore(lead, DEFAULT_SCORING_RULES));
    await importLeadBatch(database.db, caller.workspace, [{ lead, values: {}, encoded }], author, { dryRun: false, encodedWith: DEFAULT_SCORING_RULES });
    const written = await database.db.lead.findFirstOrThrow({ where: { workspaceId: 'TRULES', number: '900001' } });
    expect(written.score).toBe(newLeadScore(lead, rules));
  });
});
