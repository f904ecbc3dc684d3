import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPng } from '../../src/charts/render.js';
import { seedDemo } from '../../src/store/demo-seed.js';
import { funnelDraft } from '../../src/digests/drafts.js';
import { funnelDigestCharts, funnelDigestModel } from '../../src/digests/funnel-digest.js';
import { dayRange } from '../../src/domain/periods.js';
import { digestMessage } from '../../src/slack/blocks/digest-message.js';
import { funnelDigestMessage } from '../../src/slack/blocks/funnel-digest.js';
import { DATABASES, freshDatabase, type TestDatabase } from '../support/databases.js';
import { SCREENSHOTS } from '../support/browser.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';

const NOW = new Date('2026-11-20T08:00:00Z'); // Friday 16:00 in Shanghai
const ZH = { id: 'T0DEMO', timeZone: 'Asia/Shanghai', locale: 'zh' as const, currency: 'CNY' };
const EN = { ...ZH, locale: 'en' as const };

describe.each(DATABASES)('the funnel digest (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    await seedDemo(database.db, { workspaceId: 'T0DEMO', timeZone: 'Asia/Shanghai', locale: 'zh', now: NOW, seed: 7 });
  });
  afterAll(() => database?.drop());

  it('reports the week so far against last week at the same point, and a 13-week funnel', async () => {
    const model = await funnelDigestModel(database.db, database.provider, ZH, NOW);
    expect(model.period.label).toBe('2026-11-16..2026-11-22');
    // Last week up to Friday 16:00 Shanghai: Monday 00:00 + 4 days 16 hours.
    expect(model.previous.start.toISOString()).toBe('2026-11-08T16:00:00.000Z');
    expect(model.previous.end.toISOString()).toBe('2026-11-13T08:00:00.000Z');
    expect(model.window.label).toBe('2026-08-24..2026-11-22');
    expect(model.funnel.acquired).toBeGreaterThan(300);
    expect(model.trend).toHaveLength(12);
  });

  it('names the bottleneck, how long leads wait before it, and whom to talk to', async () => {
    const model = await funnelDigestModel(database.db, database.provider, EN, NOW);
    const message = funnelDigestMessage(model, { images: { funnel: 'F1', trend: 'F2' } });
    const text = JSON.stringify(message.blocks);
    expect(model.funnel.bottleneck).toBe('DISCOVERY');
    expect(text).toContain('Bottleneck: *Contacted → Discovery* loses');
    expect(text).toMatch(/Leads spend a median \*\d+\.\d\* days in Contacted/);
    expect(text).toMatch(/Most leads waiting in Contacted: <@U0DEMO0\d> \(\d+\)/);
    // Every number of the week carries its change on last week at the same point.
    expect(text).toMatch(/\*\d+\* new leads \((▲|▼|±)\d+%\)/);
    expect(text).toMatch(/revenue \*¥\d{1,3}(,\d{3})*\* \(/);
    expect(text).toMatch(/Stage entries: Contacted \d+ \((▲\d+%|▼\d+%|±0%|new)\) · Discovery \d+ \(/);
    expect(message.blocks.filter((block) => block.type === 'image').map((block) => (block as { slack_file: { id: string } }).slack_file.id)).toEqual(['F1', 'F2']);
    expect(message.text).toMatch(/^Weekly funnel · 2026-11-16 – 11-22: \d+ new leads, \d+ won, \d+ lost$/);
    expectWithinSlackLimits(message);
  });

  it('carries the funnel as a data table with a row per stage, matching the model', async () => {
    const model = await funnelDigestModel(database.db, database.provider, ZH, NOW);
    const table = funnelDigestMessage(model, {}).blocks.find((block) => block.type === 'data_table') as { rows: Array<Array<{ text: string; value?: number }>> };
    expect(table.rows).toHaveLength(7);
    expect(table.rows[0]!.map((cell) => cell.text)).toEqual(['阶段', '到达数', '占获取', '阶段转化率', '流失率', '阶段停留中位天数']);
    expect(table.rows.slice(1).map((row) => row[1]!.value)).toEqual(model.funnel.steps.map((step) => step.reached));
  });

  it('shows the trend as a native line chart where the workspace takes them; the funnel stays an image', async () => {
    const model = await funnelDigestModel(database.db, database.provider, ZH, NOW);
    const message = funnelDigestMessage(model, { native: true, images: { funnel: 'F1' } });
    const native = message.blocks.filter((block) => block.type === 'data_visualization') as Array<{ chart: { type: string; series: Array<{ name: string; data: unknown[] }>; axis_config: { categories: string[] } } }>;
    expect(native).toHaveLength(1);
    expect(native[0]!.chart.type).toBe('line');
    expect(native[0]!.chart.series.map((series) => series.name)).toEqual(['新线索', '成交']);
    expect(native[0]!.chart.axis_config.categories).toHaveLength(12);
    expect(message.blocks.filter((block) => block.type === 'image')).toHaveLength(1);
    expectWithinSlackLimits(message);
  });

  it('falls back to plain sections: no data table, no images', async () => {
    const model = await funnelDigestModel(database.db, database.provider, ZH, NOW);
    const plain = funnelDigestMessage(model, { plain: true });
    expect(plain.blocks.map((block) => block.type)).not.toContain('data_table');
    expect(plain.blocks.map((block) => block.type)).not.toContain('image');
    expect(JSON.stringify(plain.blocks)).toContain('各阶段漏斗');
  });

  it('draws the funnel and the trend, in 中文', async () => {
    const charts = funnelDigestCharts(await funnelDigestModel(database.db, database.provider, ZH, NOW));
    expect(charts.map((chart) => chart.name)).toEqual(['funnel', 'trend']);
    expect(JSON.stringify(charts[0]!.spec)).toContain('需求挖掘');
    expect(charts[0]!.altText).toMatch(/^漏斗图：线索获取 \d+/);
  });

  it('marks the trend\'s last week as the week so far on Friday, dashed to a hollow point; a week that is over is drawn whole', async () => {
    const friday = funnelDigestCharts(await funnelDigestModel(database.db, database.provider, EN, NOW)).find((chart) => chart.name === 'trend')!;
    const layers = (friday.spec as { layer: Array<{ mark: { strokeDash?: number[]; filled?: boolean }; data: { values: Array<{ week: string }> } }> }).layer;
    expect(layers).toHaveLength(4);
    expect(layers[1]!.mark.strokeDash).toEqual([5, 4]);
    expect([...new Set(layers[1]!.data.values.map((point) => point.week))]).toEqual(['11-09', '11-16 so far']);
    expect(layers[2]!.mark.filled).toBe(false);
    expect(layers[0]!.data.values.map((point) => point.week)).not.toContain('11-16 so far');
    expect(friday.altText).toContain('week of 11-16 so far');
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(path.join(SCREENSHOTS, 'trend-so-far.png'), await renderPng(friday.spec));

    // Once Monday begins, the week of 11-16 is over and drawn whole; the new week is the one so far.
    const monday = new Date('2026-11-22T16:00:00Z');
    const next = funnelDigestCharts(await funnelDigestModel(database.db, database.provider, ZH, monday)).find((chart) => chart.name === 'trend')!;
    const nextLayers = (next.spec as typeof friday.spec & { layer: Array<{ data: { values: Array<{ week: string }> } }> }).layer;
    expect(nextLayers[0]!.data.values.map((point) => point.week)).toContain('11-16');
    expect([...new Set(nextLayers[2]!.data.values.map((point) => point.week))]).toEqual(['11-23（至今）']);
  });

  it('the weekly digest lists the open action items, overdue ones flagged; /lead funnel for a period does not', async () => {
    const overdue = await database.db.actionItem.create({ data: { workspaceId: 'T0DEMO', title: 'Call every webinar lead <b>within a day</b>', ownerId: 'U0DEMO02', dueAt: new Date('2026-11-18T00:00:00+08:00'), createdById: 'U0BOSS' } });
    const closed = await database.db.actionItem.create({ data: { workspaceId: 'T0DEMO', title: 'Closed one', ownerId: 'U0DEMO02', dueAt: new Date('2026-11-18T00:00:00+08:00'), createdById: 'U0BOSS', status: 'DONE' } });
    try {
      const message = funnelDigestMessage(await funnelDigestModel(database.db, database.provider, EN, NOW), {});
      const text = JSON.stringify(message.blocks);
      expect(text).toContain('*Open action items* (1)');
      expect(text).toContain(`*#${overdue.id}* Call every webinar lead &lt;b&gt;within a day&lt;/b&gt; — <@U0DEMO02> · due Wed 18 Nov · :warning: overdue`);
      expect(text).not.toContain('Closed one');
      expectWithinSlackLimits(message);
      const onDemand = await funnelDigestModel(database.db, database.provider, EN, NOW, { period: { period: dayRange('2026-11-09', '2026-11-15', 'Asia/Shanghai')!, previous: dayRange('2026-11-02', '2026-11-08', 'Asia/Shanghai')! } });
      expect(onDemand.actionItems).toBeUndefined();
    } finally {
      await database.db.actionItem.deleteMany({ where: { id: { in: [overdue.id, closed.id] } } });
    }
  });

  it('the weekly digest reports conversion by score tier with 95% intervals, and the demo\'s score predicts; /lead funnel does not', async () => {
    const model = await funnelDigestModel(database.db, database.provider, EN, NOW);
    const scoring = model.scoring!;
    expect(scoring.tiers.map((tier) => tier.tier)).toEqual(['high', 'medium', 'low']);
    expect(scoring.tiers.reduce((sum, tier) => sum + tier.leads, 0) + scoring.unscored).toBe(await database.db.lead.count({ where: { workspaceId: 'T0DEMO' } }));
    expect(scoring.toldApart).toBe(true);
    const high = scoring.tiers[0]!;
    const text = JSON.stringify(funnelDigestMessage(model, {}).blocks);
    expect(text).toContain('*Does the score predict?* (every lead, by tier)');
    expect(text).toContain(`High: ${Math.round(high.winRate! * 100)}% won (${high.won} of ${high.leads}; 95% ${Math.round(high.interval!.low * 100)}%–${Math.round(high.interval!.high * 100)}%)`);
    expect(text).toContain('High and low are told apart: the score predicts.');
    const zh = JSON.stringify(funnelDigestMessage(await funnelDigestModel(database.db, database.provider, ZH, NOW), {}).blocks);
    expect(zh).toContain('评分有预测力吗？');
    const period = dayRange('2026-10-01', '2026-10-31', 'Asia/Shanghai')!;
    const onDemand = await funnelDigestModel(database.db, database.provider, EN, NOW, { period: { period, previous: period } });
    expect(onDemand.scoring).toBeUndefined();
  });

  it('says plainly that a quiet period was quiet, with no empty charts', async () => {
    const quiet = dayRange('2020-01-06', '2020-01-12', 'Asia/Shanghai')!;
    const draft = await funnelDraft(database, ZH, NOW, { period: { period: quiet, previous: dayRange('2019-12-30', '2020-01-05', 'Asia/Shanghai')! } });
    expect(draft.charts.filter((chart) => chart.name === 'funnel')).toEqual([]);
    const message = digestMessage(draft, {});
    expect(JSON.stringify(message.blocks)).toContain('本周期没有线索动态');
    expect(JSON.stringify(message.blocks)).toContain('暂时无法绘制漏斗');
    expect(message.blocks.map((block) => block.type)).not.toContain('data_table');
  });
});

describe('what people typed, in a digest', () => {
  it('escapes a loss reason someone made up', async () => {
    const database = await freshDatabase('sqlite');
    try {
      await database.db.workspace.create({ data: { id: 'T1', timeZone: 'UTC' } });
      const lead = await database.db.lead.create({ data: { workspaceId: 'T1', number: '1', name: 'x', ownerId: 'U1', createdById: 'U1', acquiredAt: NOW, lostAt: NOW, stage: 'LOST' } });
      const tag = await database.db.tag.create({ data: { workspaceId: 'T1', kind: 'LOSS_REASON', key: 'evil', label: '<!channel> & <https://evil.example|x>' } });
      await database.db.leadTag.create({ data: { leadId: lead.id, tagId: tag.id } });
      const model = await funnelDigestModel(database.db, database.provider, { id: 'T1', timeZone: 'UTC', locale: 'en', currency: 'CNY' }, NOW);
      const text = JSON.stringify(funnelDigestMessage(model, {}));
      expect(text).toContain('&lt;!channel&gt; &amp; &lt;https://evil.example|x&gt; (1)');
      expect(text).not.toContain('<!channel>');
    } finally {
      await database.drop();
    }
  });
});
