import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, COLORS } from './theme.js';

export interface TrendPoint {
  /** The week's label on the axis, e.g. "10-02". */
  week: string;
  series: string;
  value: number;
}

/** Two series over weeks (new leads and deals won), with points so single weeks read. */
export function trendChartSpec(options: { title: string; subtitle?: string; points: TrendPoint[]; series: [string, string] }): TopLevelSpec {
  const weeks = [...new Set(options.points.map((point) => point.week))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}) },
    width: 520,
    height: 200,
    data: { values: options.points },
    mark: { type: 'line', point: { size: 40, filled: true }, strokeWidth: 2.5 },
    encoding: {
      x: { field: 'week', type: 'ordinal', sort: weeks, title: null, axis: { labelAngle: 0, labelOverlap: true } },
      y: { field: 'value', type: 'quantitative', title: null, axis: { tickMinStep: 1, grid: true } },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: options.series, range: [COLORS.primary, COLORS.good] } },
    },
  };
}
