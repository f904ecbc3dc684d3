import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { csvCellText, exportColumns, exportRow, neutralizedText, ownerCell, wallClockOf, type LeadToExport } from '../../src/domain/lead-sheet-export.js';
import { conversionDays } from '../../src/domain/funnel.js';
import { matchHeaders, readSheetRow, sheetOwner, unneutralizedText } from '../../src/domain/lead-sheet.js';

const LEAD: LeadToExport = {
  number: '20231002',
  name: '某制造企业',
  sourceChannel: '展会',
  campaign: null,
  contentAsset: null,
  acquiredAt: new Date('2023-10-02T16:30:00Z'),
  ownerId: 'U0LEI1',
  customerType: 'ENTERPRISE',
  industry: '制造',
  contactedAt: null,
  discoveryAt: null,
  proposalAt: null,
  negotiationAt: null,
  wonAt: new Date('2023-10-20T02:00:00Z'),
  lostAt: null,
  stage: 'WON',
  lossReasons: [],
  dealAmountMinor: 5_000_050n,
  acquisitionCostMinor: null,
  notes: null,
  score: 42,
};

describe('the tracking sheet written back out', () => {
  it('keeps a spreadsheet from running a cell: = + - @ tab and carriage return get a quote, which import takes off again', () => {
    for (const text of ['=1+1', '+86 138', '-3 apples', '@SUM(A1)', '\tx', '\rx']) {
      expect(neutralizedText(text)).toBe(`'${text}`);
      expect(unneutralizedText(neutralizedText(text))).toBe(text);
    }
    expect(neutralizedText('Acme = good')).toBe('Acme = good');
    expect(unneutralizedText("'quoted on purpose")).toBe("'quoted on purpose");
  });

  it('writes a lone dash, meaning none, as nothing; a negative number stays a number', () => {
    expect(neutralizedText('-')).toBe('');
    expect(neutralizedText(' / ')).toBe('');
    expect(csvCellText({ kind: 'number', value: -5, text: '-5' })).toBe('-5');
  });

  it('names an owner so a person reads the name and the import finds the id', () => {
    expect(ownerCell('U0LEI1', '李雷')).toBe('李雷 (U0LEI1)');
    expect(ownerCell('U0LEI1', undefined)).toBe('U0LEI1');
    expect(ownerCell('U0LEI1', 'U0LEI1')).toBe('U0LEI1');
    expect(sheetOwner('李雷 (U0LEI1)')).toBe('U0LEI1');
    expect(sheetOwner('李雷（U0LEI1）')).toBe('U0LEI1');
    expect(sheetOwner('李雷')).toBe('李雷');
    expect(sheetOwner('Team (sales)')).toBe('Team (sales)');
    // A lead in the pool is no one's: its owner cell is empty, not the bot's id.
    const ownerAt = exportColumns('en').findIndex((column) => column.header === 'owner');
    expect(exportRow(LEAD, { timeZone: 'Asia/Shanghai', language: 'en', unowned: true })[ownerAt]).toBeUndefined();
    expect(csvCellText(exportRow(LEAD, { timeZone: 'Asia/Shanghai', language: 'en', ownerName: '李雷' })[ownerAt])).toBe(`李雷 (${LEAD.ownerId})`);
  });

  it('writes a lead as the sheet\'s cells: times on the team\'s wall clock, amounts in major units, computed days, stage and score', () => {
    const cells = exportRow(LEAD, { timeZone: 'Asia/Shanghai', language: 'zh', ownerName: '李雷' });
    const headers = exportColumns('zh').map((column) => column.header);
    const byHeader = Object.fromEntries(headers.map((header, index) => [header, cells[index]]));
    // 16:30 UTC is half past midnight the next day in Shanghai: the sheet says the 3rd.
    expect(byHeader['获取时间']).toEqual({ kind: 'time', text: '2023-10-03 00:30', wallClock: new Date('2023-10-03T00:30:00Z') });
    expect(byHeader['成交金额']).toEqual({ kind: 'number', value: 50000.5, text: '50000.5' });
    expect(byHeader['转化时长']).toEqual({ kind: 'number', value: 17, text: '17' });
    expect(byHeader['阶段']).toEqual({ kind: 'text', text: '成交' });
    expect(byHeader['客户类型']).toEqual({ kind: 'text', text: '企业客户' });
    expect(byHeader['负责人']).toEqual({ kind: 'text', text: '李雷 (U0LEI1)' });
    expect(byHeader['流失时间']).toBeUndefined();
    expect(exportColumns('en').filter((column) => column.format).map((column) => `${column.header}:${column.format}`)).toEqual([
      'acquired at:time', 'contacted at:time', 'discovery at:time', 'proposal at:time', 'negotiation at:time', 'won at:time', 'lost at:time', 'deal amount:money', 'acquisition cost:money',
    ]);
  });

  it('is read back by the importer as the same lead, its computed columns known and left alone', () => {
    const headers = exportColumns('en').map((column) => column.header);
    const match = matchHeaders(headers);
    expect(match).toMatchObject({ unknown: [], repeated: [], missing: [] });
    const cells = exportRow({ ...LEAD, name: '=cmd', notes: '-' }, { timeZone: 'Asia/Shanghai', language: 'en', ownerName: '李雷' }).map(csvCellText);
    const read = readSheetRow(cells, match.columns, { timeZone: 'Asia/Shanghai', now: new Date('2026-01-01T00:00:00Z') });
    expect(read).toMatchObject({ ok: true, lead: { number: '20231002', owner: 'U0LEI1', draft: { name: '=cmd', customerType: 'ENTERPRISE', acquiredAt: LEAD.acquiredAt }, dealAmountMinor: 5_000_050n, timestamps: { wonAt: LEAD.wonAt } } });
    expect(read.ok && read.lead.draft.notes).toBeUndefined();
  });

  it('finds the wall clock and the conversion days as luxon and funnel.ts do, across daylight saving and odd offsets', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
    // Every 7 hours 13 minutes through two years: both sides of each zone's transitions.
    for (let at = Date.UTC(2025, 0, 1); at < Date.UTC(2027, 0, 1); at += 7 * 3_600_000 + 13 * 60_000) {
      for (const zone of zones) {
        const clock = DateTime.fromMillis(at, { zone });
        expect(wallClockOf(new Date(at), zone)).toEqual(new Date(Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute)));
      }
    }
    for (const zone of zones) {
      const acquiredAt = new Date('2026-03-07T23:30:00Z');
      for (const closedAt of [new Date('2026-03-08T06:59:00Z'), new Date('2026-03-09T04:30:00Z'), new Date('2026-11-01T05:30:00Z'), new Date('2026-04-05T15:00:00Z')]) {
        const lead = { ...LEAD, acquiredAt, wonAt: closedAt };
        const days = exportRow(lead, { timeZone: zone, language: 'en' })[exportColumns('en').findIndex((column) => column.header === 'conversion days')];
        expect(days).toMatchObject({ value: conversionDays(acquiredAt, closedAt, zone) });
      }
    }
  });
});
