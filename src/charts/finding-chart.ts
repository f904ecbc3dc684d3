import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, COLORS } from './theme.js';

export interface FindingBar {
  /** The week's label on the axis, e.g. "11-16". */
  week: string;
  /** A rate from 0 to 1 (or a count, for a chart of counts); weeks where nobody was counted are left out. */
  rate: number;
  /** The week judged, drawn in the alarm colour; the baseline weeks are muted. */
  judged: boolean;
}

/**
 * A finding's weeks as bars, with the baseline's pooled rate as a dashed rule across
 * them: the week that raised the flag stands out against what is usual.
 */
export function findingChartSpec(options: { title: string; subtitle?: string; bars: FindingBar[]; weeks: string[]; baseline: number; baselineTag: string; unit?: 'share' | 'count' }): TopLevelSpec {
  const counts = options.unit === 'count';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}) },
    width: 520,
    height: 200,
    layer: [
      {
        data: { values: options.bars },
        mark: { type: 'bar', width: { band: 0.7 } },
        encoding: {
          x: { field: 'week', type: 'ordinal', sort: options.weeks, scale: { domain: options.weeks }, title: null, axis: { labelAngle: 0 } },
          y: counts
            ? { field: 'rate', type: 'quantitative', title: null, scale: { zero: true }, axis: { format: 'd', tickMinStep: 1, grid: true } }
            : { field: 'rate', type: 'quantitative', title: null, scale: { domain: [0, 1] }, axis: { format: '.0%', grid: true } },
          color: { field: 'judged', type: 'nominal', legend: null, scale: { domain: [false, true], range: [COLORS.muted, COLORS.alarm] } },
        },
      },
      {
        data: { values: [{ rate: options.baseline, tag: options.baselineTag }] },
        layer: [
          { mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 2, color: COLORS.ink }, encoding: { y: { field: 'rate', type: 'quantitative' } } },
          {
            mark: { type: 'text', align: 'left', dx: 4, dy: -8, x: 0, fontSize: 11, color: COLORS.ink },
            encoding: { y: { field: 'rate', type: 'quantitative' }, text: { field: 'tag' } },
          },
        ],
      },
    ],
  };
}
