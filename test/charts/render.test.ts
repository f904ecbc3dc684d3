import { describe, expect, it } from 'vitest';
import { funnelChartSpec } from '../../src/charts/funnel-chart.js';
import { renderPng, renderSvg } from '../../src/charts/render.js';
import { trendChartSpec } from '../../src/charts/trend-chart.js';

const zhSteps = [
  { label: '线索获取', reached: 100, annotation: '100', bottleneck: false },
  { label: '初步接触', reached: 80, annotation: '80 · 80%', bottleneck: false },
  { label: '需求挖掘', reached: 48, annotation: '48 · 60% ↓40%', bottleneck: true },
];

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the chart renderer', () => {
  it('turns a spec into a PNG at twice the SVG\'s size', async () => {
    const spec = funnelChartSpec({ title: 'Funnel', steps: zhSteps });
    const svg = await renderSvg(spec);
    const svgWidth = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)![1]);
    const png = await renderPng(spec);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(pngSize(png).width).toBe(Math.round(svgWidth * 2));
  });

  it('keeps 中文 labels as text and lays them out with the real font width (1 em a character, not vega\'s 0.8 em guess)', async () => {
    const svg = await renderSvg(funnelChartSpec({ title: '线索漏斗', steps: zhSteps }));
    expect(svg).toContain('需求挖掘');
    expect(svg).toContain('线索漏斗');
    // The plot starts right of the widest axis label. Four 13px CJK glyphs are 52px wide;
    // vega's guess would leave room for 41.6px. Padding is 16px, the label gap 8px.
    const plotX = Number(/<g fill="none"[^>]*transform="translate\((\d+(?:\.\d+)?),/.exec(svg)![1]);
    expect(plotX - 16 - 8).toBeGreaterThanOrEqual(52);
  });

  it('marks the bottleneck bar in the alarm colour and only that one', async () => {
    const svg = await renderSvg(funnelChartSpec({ title: 'Funnel', steps: zhSteps }));
    expect(svg.match(/fill="#d1495b"/g)?.length).toBe(2); // the bar and its annotation
  });

  it('renders the weekly trend with both series named in the legend', async () => {
    const svg = await renderSvg(
      trendChartSpec({ title: '新线索与成交', series: ['新线索', '成交'], points: [{ week: '10-02', series: '新线索', value: 5 }, { week: '10-02', series: '成交', value: 1 }] }),
    );
    expect(svg).toContain('新线索');
    expect(svg).toContain('成交');
  });
});
