import type { ImageBlock } from '@slack/types';
import type { Chart } from '../../digests/charts.js';
import type { DataVisualizationBlock, MessageBlock } from './message.js';

/** How a digest's message shows its charts, which depends on what Slack took of it so far. */
export interface DigestRenderOptions {
  /** Slack file ids of the uploaded charts, by chart name; charts without one are left out. */
  images?: Record<string, string>;
  /** Native chart blocks in place of images where a chart has one (at most two a message). */
  native?: boolean;
  /** Only sections and context: for workspaces that refuse newer blocks (data_table). */
  plain?: boolean;
}

/** The charts of a digest that Slack can also draw as a native block, by chart name. */
export type NativeCharts = Partial<Record<string, () => DataVisualizationBlock>>;

/** Slack's limits of the native chart block. */
export const NATIVE_CHART_LIMITS = { title: 50, label: 20, categories: 20, series: 6, perMessage: 2 } as const;

export function nativeLabel(text: string): string {
  return text.length <= NATIVE_CHART_LIMITS.label ? text : `${text.slice(0, NATIVE_CHART_LIMITS.label - 1)}…`;
}

/** The charts that go out as native blocks: where the workspace takes them, the first two that have one. */
export function nativeChartNames(charts: Chart[], native: NativeCharts): Set<string> {
  return new Set(charts.filter((chart) => native[chart.name]).slice(0, NATIVE_CHART_LIMITS.perMessage).map((chart) => chart.name));
}

export function chartImageBlock(chart: Chart, fileId: string): ImageBlock {
  return { type: 'image', slack_file: { id: fileId }, alt_text: chart.altText, title: { type: 'plain_text', text: chart.title } };
}

/**
 * The chart blocks of a message: native ones where asked for and possible (two at most),
 * else the uploaded image, else nothing (the text and table carry the numbers).
 */
export function chartBlocks(charts: Chart[], render: DigestRenderOptions, native: NativeCharts = {}): MessageBlock[] {
  if (render.plain) return [];
  const blocks: MessageBlock[] = [];
  const natives = render.native ? nativeChartNames(charts, native) : new Set<string>();
  for (const chart of charts) {
    const nativeBlock = native[chart.name];
    if (nativeBlock && natives.has(chart.name)) {
      blocks.push(nativeBlock());
      continue;
    }
    const fileId = render.images?.[chart.name];
    if (fileId) blocks.push(chartImageBlock(chart, fileId));
  }
  return blocks;
}
