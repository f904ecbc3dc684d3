import type { Config } from 'vega-lite';
import { CHART_FONT } from './render.js';

export const COLORS = {
  primary: '#3b6ea5',
  secondary: '#f28e2b',
  alarm: '#d1495b',
  muted: '#9aa5b1',
  good: '#2e9e6b',
  ink: '#1f2933',
} as const;

/** One look for every chart: the CJK-capable font, quiet axes, no frame. */
export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  background: 'white',
  padding: 16,
  view: { stroke: null },
  title: { fontSize: 16, fontWeight: 'bold', color: COLORS.ink, anchor: 'start', offset: 12, subtitleFontSize: 12, subtitleColor: '#52606d' },
  axis: { labelFontSize: 12, titleFontSize: 12, labelColor: '#3e4c59', titleColor: '#3e4c59', domainColor: '#cbd2d9', tickColor: '#cbd2d9', gridColor: '#eef1f4' },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: 'top', direction: 'horizontal' },
};
