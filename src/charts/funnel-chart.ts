import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, COLORS } from './theme.js';

export interface FunnelChartStep {
  label: string;
  reached: number;
  /** What is printed at the bar's end, e.g. "48 · 60%". */
  annotation: string;
  bottleneck: boolean;
}

/** Horizontal bars, one per stage in pipeline order, the bottleneck in the alarm colour. */
export function funnelChartSpec(options: { title: string; subtitle?: string; steps: FunnelChartStep[] }): TopLevelSpec {
  const max = Math.max(1, ...options.steps.map((step) => step.reached));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}) },
    width: 520,
    height: { step: 34 },
    data: { values: options.steps },
    encoding: {
      // Data order is pipeline order.
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelFontSize: 13, labelPadding: 8, ticks: false, domain: false } },
      x: { field: 'reached', type: 'quantitative', title: null, axis: null, scale: { domain: [0, max * 1.45] } },
    },
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 3, height: { band: 0.72 } },
        encoding: {
          color: { condition: { test: 'datum.bottleneck', value: COLORS.alarm }, value: COLORS.primary },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 12 },
        encoding: {
          text: { field: 'annotation' },
          color: { condition: { test: 'datum.bottleneck', value: COLORS.alarm }, value: COLORS.ink },
        },
      },
    ],
  };
}
