import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, COLORS } from './theme.js';

export interface TrendPoint {
  /** The week's label on the axis, e.g. "10-02". */
  week: string;
  series: string;
  value: number;
}

/**
 * Two series over weeks (new leads and deals won), with points so single weeks read.
 * `soFarWeek`, the week still under way, is drawn apart: a dashed segment to a hollow
 * point, so that a Friday's partial week does not read as a collapse.
 */
export function trendChartSpec(options: { title: string; subtitle?: string; points: TrendPoint[]; series: [string, string]; soFarWeek?: string; soFarTag?: string }): TopLevelSpec {
  const weeks = [...new Set(options.points.map((point) => point.week))];
  const soFar = options.soFarWeek;
  const lastWhole = soFar ? weeks[weeks.indexOf(soFar) - 1] : undefined;
  const encoding = {
    x: { field: 'week', type: 'ordinal' as const, sort: weeks, title: null, axis: { labelAngle: 0, labelOverlap: true } },
    y: { field: 'value', type: 'quantitative' as const, title: null, axis: { tickMinStep: 1, grid: true } },
    color: { field: 'series', type: 'nominal' as const, title: null, scale: { domain: options.series, range: [COLORS.primary, COLORS.good] } },
  };
  const whole = soFar ? options.points.filter((point) => point.week !== soFar) : options.points;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}) },
    width: 520,
    height: 200,
    encoding,
    layer: [
      { data: { values: whole }, mark: { type: 'line', point: { size: 40, filled: true }, strokeWidth: 2.5 } },
      ...(soFar
        ? [
            {
              data: { values: options.points.filter((point) => point.week === soFar || point.week === lastWhole) },
              mark: { type: 'line' as const, strokeDash: [5, 4], strokeWidth: 2, opacity: 0.7 },
            },
            {
              data: { values: options.points.filter((point) => point.week === soFar) },
              mark: { type: 'point' as const, size: 50, filled: false, strokeWidth: 2 },
            },
            // The axis may drop the week's own label where labels crowd: the tag says it above the point.
            ...(options.soFarTag
              ? [
                  {
                    data: { values: options.points.filter((point) => point.week === soFar && point.series === options.series[0]) },
                    mark: { type: 'text' as const, dy: -14, fontSize: 11, color: COLORS.muted },
                    encoding: { text: { value: options.soFarTag }, color: { value: COLORS.muted } },
                  },
                ]
              : []),
          ]
        : []),
    ],
  };
}
