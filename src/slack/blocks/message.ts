import type { Block, KnownBlock } from '@slack/types';

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

/** Block Kit as @slack/types knows it, plus the newer native chart block of digests. */
export type MessageBlock = KnownBlock | DataVisualizationBlock;

/** A message as we build it: `text` is the notification and screen-reader summary. */
export interface SlackMessage {
  text: string;
  blocks: MessageBlock[];
}

export function textMessage(text: string): SlackMessage {
  return { text, blocks: [mrkdwnSection(text)] };
}

export function mrkdwnSection(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function headerBlock(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text } };
}

export function contextLine(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}
