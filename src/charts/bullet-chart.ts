import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, COLORS } from './theme.js';

export interface BulletRow {
  label: string;
  /** Share of the target reached, 1 = target. */
  done: number;
  /** Where the straight line says the goal should be today, as a share of the target; undefined for rates. */
  pace?: number;
  status: 'ahead' | 'on_track' | 'behind';
  /** Printed at the bar's end, e.g. "412 / 550 (75%)". */
  annotation: string;
}

const STATUS_COLORS = { behind: COLORS.alarm, on_track: COLORS.primary, ahead: COLORS.good } as const;

/**
 * One bullet chart per goal, on a common scale of "share of target": a grey band to
 * 100%, the actual bar in its status colour, a black tick at the target and a triangle
 * where the pace line is today.
 */
export function bulletChartSpec(options: { title: string; subtitle?: string; rows: BulletRow[]; legend: { target: string; pace: string } }): TopLevelSpec {
  const max = Math.max(1.2, ...options.rows.map((row) => Math.max(row.done, row.pace ?? 0) * 1.05));
  const values = options.rows.map((row, order) => ({ ...row, order, target: 1, color: STATUS_COLORS[row.status] }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}) },
    width: 460,
    height: { step: 40 },
    data: { values },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelFontSize: 13, ticks: false, domain: false, labelPadding: 8, labelLimit: 220 } },
    },
    layer: [
      {
        mark: { type: 'bar', color: '#e4e7eb', height: { band: 0.8 } },
        encoding: { x: { field: 'target', type: 'quantitative', scale: { domain: [0, max] }, axis: { format: '.0%', title: null, grid: false } } },
      },
      {
        mark: { type: 'bar', height: { band: 0.4 } },
        encoding: { x: { field: 'done', type: 'quantitative' }, color: { field: 'color', type: 'nominal', scale: null } },
      },
      {
        mark: { type: 'tick', color: COLORS.ink, thickness: 3, size: 30 },
        encoding: { x: { field: 'target', type: 'quantitative' } },
      },
      {
        transform: [{ filter: 'isValid(datum.pace)' }],
        mark: { type: 'point', shape: 'triangle-down', filled: true, color: COLORS.ink, size: 90, yOffset: -14 },
        encoding: { x: { field: 'pace', type: 'quantitative' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 12, color: COLORS.ink },
        encoding: { x: { datum: max, type: 'quantitative' }, text: { field: 'annotation' } },
      },
    ],
    resolve: { scale: { x: 'shared' } },
  };
}
