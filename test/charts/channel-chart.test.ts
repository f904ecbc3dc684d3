import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channelChartSpec } from '../../src/charts/channel-chart.js';
import { renderPng, renderSvg } from '../../src/charts/render.js';

const bubbles = [
  { name: '抖音信息流', costPerLead: 3000, conversion: 8, revenue: 1_600_000, tone: 'bad' as const },
  { name: '行业展会', costPerLead: 5000, conversion: 15, revenue: 1_500_000, tone: 'neutral' as const },
  { name: 'SEO', costPerLead: 2500, conversion: 8.3, revenue: 1_250_000, tone: 'good' as const },
];
const spec = channelChartSpec({ title: '转化率与单条线索成本（按来源渠道）', xTitle: '单条线索成本（CNY）', yTitle: '转化率（%）', sizeTitle: '成交金额', bubbles });

describe('the channel chart (seed 004 table 2 as bubbles)', () => {
  it('names every bubble in 中文 and leaves room past the furthest one for its name', async () => {
    const svg = await renderSvg(spec);
    for (const name of ['抖音信息流', '行业展会', 'SEO', '转化率（%）']) expect(svg).toContain(name);
    const x = (spec as { encoding: { x: { scale: { domain: number[] } } } }).encoding.x.scale.domain;
    expect(x[1]).toBeGreaterThan(5000);
    const png = await renderPng(spec);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // To look at: test-results/channel-chart-zh.png.
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/channel-chart-zh.png', png);
  });
});
