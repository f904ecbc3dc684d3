import type { Block, KnownBlock } from '@slack/types';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Slack's native chart block (2026-06), not yet typed by @slack/types: a bar or line
 * chart of up to a few series over at most 20 categories; title and labels are short.
 */
export interface DataVisualizationBlock extends Block {
  type: 'data_visualization';
  title: string;
  chart: {
    type: 'bar' | 'line';
    series: Array<{ name: string; data: Array<{ label: string; value: number }> }>;
    axis_config: { categories: string[]; x_label?: string; y_label?: string };
  };
}

export type DigestBlock = KnownBlock | DataVisualizationBlock;

/** A chart of a digest: rendered to PNG, uploaded, and shown in an image block. */
export interface Chart {
  name: string;
  title: string;
  /** What a screen reader says, and what shows where the image cannot. */
  altText: string;
  spec: TopLevelSpec;
  /** The same chart as a native block, for charts that fit its limits. */
  native?: () => DataVisualizationBlock;
}

export interface DigestMessage {
  /** The notification text: the digest in one line. */
  text: string;
  blocks: DigestBlock[];
}

export interface DigestRenderOptions {
  /** Slack file ids of the uploaded charts, by chart name; charts without one are left out. */
  images?: Record<string, string>;
  /** Native chart blocks in place of images where a chart has one (at most two a message). */
  native?: boolean;
  /** Only sections and context: for workspaces that refuse newer blocks (data_table). */
  plain?: boolean;
}

/** Slack's limits of the native chart block. */
export const NATIVE_CHART_LIMITS = { title: 50, label: 20, categories: 20, series: 6, perMessage: 2 } as const;

export function nativeLabel(text: string): string {
  return text.length <= NATIVE_CHART_LIMITS.label ? text : `${text.slice(0, NATIVE_CHART_LIMITS.label - 1)}…`;
}

/**
 * The chart blocks of a message: native ones where asked for and possible (two at most),
 * else the uploaded image, else nothing (the text and table carry the numbers).
 */
export function chartBlocks(charts: Chart[], render: DigestRenderOptions): DigestBlock[] {
  const blocks: DigestBlock[] = [];
  let native = 0;
  for (const chart of charts) {
    if (render.plain) break;
    if (render.native && chart.native && native < NATIVE_CHART_LIMITS.perMessage) {
      blocks.push(chart.native());
      native++;
      continue;
    }
    const fileId = render.images?.[chart.name];
    if (fileId) blocks.push({ type: 'image', slack_file: { id: fileId }, alt_text: chart.altText, title: { type: 'plain_text', text: chart.title } });
  }
  return blocks;
}
