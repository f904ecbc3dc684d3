import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from './theme.js';

export interface OverdueBar {
  owner: string;
  bucket: string;
  count: number;
}

/** Late-ness from mild to alarming: the zombie bucket is the darkest. */
const BUCKET_COLORS = ['#f6c85f', '#f28e2b', '#d1495b', '#6b2737'];

/** Overdue leads per owner, stacked by how late they are; owners ordered by total. */
export function overdueChartSpec(options: { title: string; subtitle?: string; bars: OverdueBar[]; buckets: string[]; owners: string[] }): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}) },
    width: 520,
    height: { step: 28 },
    data: { values: options.bars.map((bar) => ({ ...bar, order: options.buckets.indexOf(bar.bucket) })) },
    mark: { type: 'bar', height: { band: 0.7 } },
    encoding: {
      y: { field: 'owner', type: 'nominal', sort: options.owners, title: null, axis: { labelFontSize: 13, ticks: false, domain: false, labelPadding: 8, labelLimit: 160 } },
      x: { field: 'count', type: 'quantitative', stack: 'zero', title: null, axis: { tickMinStep: 1, grid: true } },
      color: { field: 'bucket', type: 'nominal', title: null, scale: { domain: options.buckets, range: BUCKET_COLORS } },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [{ field: 'owner' }, { field: 'bucket' }, { field: 'count' }],
    },
  };
}
