import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, COLORS } from './theme.js';

export interface ChannelBubble {
  name: string;
  /** Cost per lead in major units. */
  costPerLead: number;
  /** Conversion in percent. */
  conversion: number;
  /** Revenue in major units: the bubble's area. */
  revenue: number;
  /** Judged well (scale up, keep investing) or badly (cut, renegotiate): the bubble's colour. */
  tone: 'good' | 'bad' | 'neutral';
}

/**
 * 004 table 2 as a picture: where each group sits between what a lead costs (x) and how
 * many of its leads close (y), its revenue as the bubble's area. Up and to the left is
 * where the money works.
 */
export function channelChartSpec(options: { title: string; subtitle?: string; xTitle: string; yTitle: string; sizeTitle: string; bubbles: ChannelBubble[] }): TopLevelSpec {
  const toneColors = { good: COLORS.good, bad: COLORS.alarm, neutral: COLORS.primary };
  // Room beyond the furthest bubble for its area and its name, which would be clipped at the edge.
  const maxX = Math.max(1, ...options.bubbles.map((bubble) => bubble.costPerLead)) * 1.3;
  const maxY = Math.min(100, Math.max(1, ...options.bubbles.map((bubble) => bubble.conversion)) * 1.25);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
    title: { text: options.title, ...(options.subtitle ? { subtitle: options.subtitle } : {}) },
    width: 520,
    height: 340,
    data: { values: options.bubbles },
    encoding: {
      x: { field: 'costPerLead', type: 'quantitative', title: options.xTitle, scale: { domain: [0, maxX], nice: true }, axis: { grid: true, format: ',.0f' } },
      y: { field: 'conversion', type: 'quantitative', title: options.yTitle, scale: { domain: [0, maxY], nice: true }, axis: { grid: true } },
    },
    layer: [
      {
        mark: { type: 'circle', opacity: 0.55, stroke: 'white', strokeWidth: 1 },
        encoding: {
          size: { field: 'revenue', type: 'quantitative', title: options.sizeTitle, scale: { range: [60, 2400], zero: true }, legend: null },
          color: { field: 'tone', type: 'nominal', scale: { domain: Object.keys(toneColors), range: Object.values(toneColors) }, legend: null },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 10, dy: -8, fontSize: 12, color: COLORS.ink, limit: 160 },
        encoding: { text: { field: 'name' } },
      },
    ],
  };
}
