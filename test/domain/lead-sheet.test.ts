import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { InvalidTimeline, NeedsLossReason } from '../../src/domain/errors.js';
import { headerKey, matchHeaders, sheetTimesAsKept, unnamedColumnsOf, parseCustomerType, parseSheetAmount, parseSheetTime, readSheetRow, sheetDelimiter, SHEET_COLUMNS } from '../../src/domain/lead-sheet.js';
import { conversionDays } from '../../src/domain/funnel.js';
import { timelineOf } from '../../src/domain/stages.js';
import { thrownBy } from './thrown.js';

const ZONE = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);
const NOW = at('2026-12-01T00:00:00Z');

/** Seed 004 table 1's headers as a Chinese team's sheet writes them, units and all. */
const ZH_HEADERS = ['线索编号', '线索名称', '来源渠道', '推广策略', '内容素材', '获取时间', '负责人', '客户类型', '客户行业', '初次接触时间', '需求确认时间', '方案提交时间', '商务谈判时间', '成交时间', '流失时间', '流失原因(未成交)', '成交金额(元)', '获客成本(元)', '转化时长(天)', '备注'];
const EN_HEADERS = ['number', 'name', 'source', 'campaign', 'content', 'acquired at', 'owner', 'customer type', 'industry', 'contacted at', 'discovery at', 'proposal at', 'negotiation at', 'won at', 'lost at', 'loss reasons', 'deal amount', 'acquisition cost', 'conversion days', 'notes'];

describe('a sheet\'s headers', () => {
  it('finds every column of the tracking sheet by its 中文 or English header', () => {
    const columns = SHEET_COLUMNS.map((definition) => definition.column);
    for (const headers of [ZH_HEADERS, EN_HEADERS]) {
      const match = matchHeaders(headers);
      expect(match.unknown).toEqual([]);
      expect(match.missing).toEqual([]);
      expect(Object.keys(match.columns)).toEqual(columns);
    }
  });

  it('reads headers with full-width brackets, units, any case and any order', () => {
    expect(headerKey('成交金额（元）')).toBe(headerKey('成交金额'));
    expect(headerKey('流失原因（未成交）')).toBe(headerKey('流失原因'));
    expect(headerKey('Acquired_At')).toBe(headerKey('acquiredAt'));
    const match = matchHeaders(['备注', 'Deal Amount (CNY)', '线索名称', 'Lead Number']);
    expect(match.columns).toEqual({ notes: 0, dealAmount: 1, name: 2, number: 3 });
  });

  it('reports columns it does not know and the required ones missing', () => {
    const match = matchHeaders(['线索名称', '电话', 'WeChat', '']);
    expect(match.unknown).toEqual(['电话', 'WeChat']);
    expect(match.missing).toEqual(['number']);
  });

  it('finds values standing under no header, which nothing would import', () => {
    expect(unnamedColumnsOf(['number', '', 'name', ''], [4, 0, 1, 2])).toEqual([2, 5]);
    expect(unnamedColumnsOf(['number', 'name', ' '], [0, 1])).toEqual([]);
  });

  it('takes the first of two headers naming one column and reports the second', () => {
    expect(matchHeaders(['number', 'name', '线索名称'])).toMatchObject({ columns: { number: 0, name: 1 }, repeated: ['线索名称'] });
  });

  it('tells commas, semicolons and tabs apart from the header line', () => {
    expect(sheetDelimiter('线索编号,线索名称')).toBe(',');
    expect(sheetDelimiter('number;name;"deal amount, CNY"')).toBe(';');
    expect(sheetDelimiter('number\tname\tnotes')).toBe('\t');
    expect(sheetDelimiter('number')).toBe(',');
  });
});

describe('cells as people type them', () => {
  it('reads times in the team\'s zone, to the minute', () => {
    const read = (text: string) => parseSheetTime(text, ZONE);
    expect(read('2023-10-01 14:30')).toEqual({ ok: true, value: at('2023-10-01T06:30:00Z') });
    expect(read('2023/10/1')).toEqual({ ok: true, value: at('2023-09-30T16:00:00Z') });
    expect(read('2023年10月1日')).toEqual({ ok: true, value: at('2023-09-30T16:00:00Z') });
    expect(read('2023年10月1日 9时5分')).toEqual({ ok: true, value: at('2023-10-01T01:05:00Z') });
    expect(read('10/1/2023')).toEqual({ ok: true, value: at('2023-09-30T16:00:00Z') });
    expect(read('25/10/2023')).toEqual({ ok: true, value: at('2023-10-24T16:00:00Z') });
    expect(read('２０２３－１０－０１')).toEqual({ ok: true, value: at('2023-09-30T16:00:00Z') });
    // Excel's serial day 45200 is 2023-10-01; .5 is noon.
    expect(read('45200.5')).toEqual({ ok: true, value: at('2023-10-01T04:00:00Z') });
    expect(parseSheetTime('2023-10-01 14:30', 'America/New_York')).toEqual({ ok: true, value: at('2023-10-01T18:30:00Z') });
  });

  it('reads each minute of a day a zone changes its clocks as luxon does, in both directions, twice over', () => {
    // Twice: the second pass reads what the first kept of each hour's offset.
    for (const pass of [1, 2]) {
      for (const [zone, date] of [['America/New_York', '2024-03-10'], ['America/New_York', '2024-11-03'], ['Australia/Lord_Howe', '2024-04-07'], ['Asia/Shanghai', '2024-03-10']] as const) {
        for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
          const wall = `${date} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
          const [year, month, day] = date.split('-').map(Number);
          const expected = DateTime.fromObject({ year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 }, { zone }).toJSDate();
          expect({ pass, zone, wall, read: parseSheetTime(wall, zone) }).toEqual({ pass, zone, wall, read: { ok: true, value: expected } });
        }
      }
    }
  });

  it('reads a lone dash or nothing as no time, and refuses what is not a date', () => {
    for (const none of ['', ' ', '-', '—', '－']) expect(parseSheetTime(none, ZONE)).toEqual({ ok: true, value: undefined });
    for (const bad of ['2023-13-01', '2023-02-30', 'next Monday', '20231001', '2023-10-01 25:00']) expect(parseSheetTime(bad, ZONE)).toEqual({ ok: false });
  });

  it('reads amounts with separators, symbols and 万, in minor units', () => {
    expect(parseSheetAmount('50,000')).toEqual({ ok: true, value: 5_000_000n });
    expect(parseSheetAmount('¥50,000')).toEqual({ ok: true, value: 5_000_000n });
    expect(parseSheetAmount('5万')).toEqual({ ok: true, value: 5_000_000n });
    expect(parseSheetAmount('5.5万元')).toEqual({ ok: true, value: 5_500_000n });
    expect(parseSheetAmount('-')).toEqual({ ok: true, value: undefined });
    expect(parseSheetAmount('about 5k')).toEqual({ ok: false });
  });

  it('reads customer types in both languages', () => {
    expect(parseCustomerType('企业客户')).toEqual({ ok: true, value: 'ENTERPRISE' });
    expect(parseCustomerType('个人客户')).toEqual({ ok: true, value: 'INDIVIDUAL' });
    expect(parseCustomerType('Enterprise')).toEqual({ ok: true, value: 'ENTERPRISE' });
    expect(parseCustomerType('individual')).toEqual({ ok: true, value: 'INDIVIDUAL' });
    expect(parseCustomerType('政府')).toEqual({ ok: false });
  });
});

describe('a row of the sheet', () => {
  const { columns } = matchHeaders(ZH_HEADERS);
  const row = (cells: Record<string, string>) => ZH_HEADERS.map((header) => cells[header] ?? '');

  it('reads seed 004\'s lost example: its reasons split into tags, its times in the team\'s zone', () => {
    const read = readSheetRow(row({ 线索编号: '20231001', 线索名称: '某教育科技公司', 获取时间: '2023-10-01 14:30', 负责人: 'U0REP1', 客户类型: '企业客户', 流失时间: '2023/10/20', '流失原因(未成交)': '预算不足、决策链长/竞品低价', '获客成本(元)': '800' }), columns, { timeZone: ZONE, now: NOW });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.lead.number).toBe('20231001');
    expect(read.lead.owner).toBe('U0REP1');
    expect(read.lead.draft).toMatchObject({ name: '某教育科技公司', customerType: 'ENTERPRISE', acquiredAt: at('2023-10-01T06:30:00Z') });
    expect(read.lead.timestamps).toEqual({ acquiredAt: at('2023-10-01T06:30:00Z'), lostAt: at('2023-10-19T16:00:00Z') });
    expect(read.lead.lossReasons.map((reason) => reason.key)).toEqual(['budget', 'long_decision_chain', 'competitor_cheaper']);
    expect(read.lead.acquisitionCostMinor).toBe(80_000n);
  });

  it('refuses a time in the future: the sheet was mistyped, not prophetic', () => {
    const read = readSheetRow(row({ 线索编号: '1', 线索名称: 'x', 获取时间: '2023-10-01', 成交时间: '2099-10-01' }), columns, { timeZone: ZONE, now: NOW });
    expect(read).toEqual({ ok: false, number: '1', problems: [{ column: 'wonAt', value: '2099-10-01', reason: 'in_future' }] });
  });

  it('names every unreadable cell of a row at once', () => {
    const read = readSheetRow(row({ 线索编号: 'A-17', 线索名称: 'x', 获取时间: '', 成交时间: 'soon', '成交金额(元)': 'lots', 客户类型: '政府' }), columns, { timeZone: ZONE, now: NOW });
    expect(read).toEqual({
      ok: false,
      problems: [
        { column: 'number', value: 'A-17', reason: 'unreadable_number' },
        { column: 'wonAt', value: 'soon', reason: 'unreadable_time' },
        { column: 'acquiredAt', value: '', reason: 'required' },
        { column: 'customerType', value: '政府', reason: 'unknown_customer_type' },
        { column: 'dealAmount', value: 'lots', reason: 'unreadable_amount' },
      ],
    });
  });
});

describe('conversion days', () => {
  it('count whole days of the team\'s calendar from acquired to won or lost, as the sheet subtracts dates', () => {
    expect(conversionDays(at('2023-10-01T06:30:00Z'), at('2023-10-19T16:00:00Z'), ZONE)).toBe(19);
    expect(conversionDays(at('2023-10-01T15:59:00Z'), at('2023-10-01T16:01:00Z'), ZONE)).toBe(1);
  });
});

describe('the stage a row\'s times tell', () => {
  const acquiredAt = at('2023-10-01T06:30:00Z');

  it('is the latest stage with a time, skipped stages filled with the next one\'s time', () => {
    const wonAt = at('2023-10-25T02:00:00Z');
    const contactedAt = at('2023-10-03T02:00:00Z');
    expect(timelineOf('20231002', { acquiredAt, contactedAt, wonAt }, { lossReasonCount: 0 })).toEqual({
      stage: 'WON',
      timestamps: { acquiredAt, contactedAt, discoveryAt: wonAt, proposalAt: wonAt, negotiationAt: wonAt, wonAt },
    });
    expect(timelineOf('1', { acquiredAt }, { lossReasonCount: 0 })).toEqual({ stage: 'ACQUIRED', timestamps: { acquiredAt } });
  });

  it('is LOST when it was lost, from the last open stage reached, and needs a reason', () => {
    const contactedAt = at('2023-10-02T02:00:00Z');
    const lostAt = at('2023-10-20T02:00:00Z');
    expect(timelineOf('20231001', { acquiredAt, contactedAt, lostAt }, { lossReasonCount: 1 })).toEqual({ stage: 'LOST', timestamps: { acquiredAt, contactedAt, lostAt } });
    expect(thrownBy(() => timelineOf('20231001', { acquiredAt, lostAt }, { lossReasonCount: 0 }))).toBeInstanceOf(NeedsLossReason);
  });

  it('refuses a timeline that makes no sense: won before contacted, lost before contacted, both won and lost', () => {
    const early = at('2023-10-02T00:00:00Z');
    const late = at('2023-10-05T00:00:00Z');
    expect(thrownBy(() => timelineOf('3', { acquiredAt, contactedAt: late, wonAt: early }, { lossReasonCount: 0 }))).toMatchObject({ stage: 'WON', earlier: 'CONTACTED' });
    expect(thrownBy(() => timelineOf('3', { acquiredAt, contactedAt: late, lostAt: early }, { lossReasonCount: 1 }))).toMatchObject({ stage: 'LOST', earlier: 'CONTACTED' });
    expect(thrownBy(() => timelineOf('3', { acquiredAt, contactedAt: at('2023-09-01T00:00:00Z') }, { lossReasonCount: 0 }))).toMatchObject({ stage: 'CONTACTED', earlier: 'ACQUIRED' });
    expect(thrownBy(() => timelineOf('3', { acquiredAt, wonAt: late, lostAt: late }, { lossReasonCount: 1 }))).toBeInstanceOf(InvalidTimeline);
  });

  it('takes a time the sheet writes to the minute as the lead\'s own where the lead\'s is in that minute', () => {
    const minute = new Date('2023-10-01T06:30:00Z');
    const sheet = { acquiredAt: minute, contactedAt: new Date('2023-10-02T01:15:00Z'), wonAt: null, name: 'Acme' };
    const kept = { acquiredAt: new Date('2023-10-01T06:30:59.999Z'), contactedAt: new Date('2023-10-02T01:14:59.999Z'), wonAt: new Date('2023-10-03T00:00:00Z') };
    // In the same minute: the lead's; a millisecond into the minute before, or a time the sheet leaves out: the sheet's.
    expect(sheetTimesAsKept(sheet, kept)).toEqual({ ...sheet, acquiredAt: kept.acquiredAt });
    expect(sheet.acquiredAt).toBe(minute);
    const unchanged = { acquiredAt: minute };
    expect(sheetTimesAsKept(unchanged, { acquiredAt: new Date('2023-10-01T06:31:00Z') })).toBe(unchanged);
  });
});
