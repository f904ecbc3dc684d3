import type { KnownBlock } from '@slack/types';
import type { TopLevelSpec } from 'vega-lite';

/** A chart of a digest: rendered to PNG, uploaded, and shown in an image block. */
export interface Chart {
  name: string;
  title: string;
  /** What a screen reader says, and what shows where the image cannot. */
  altText: string;
  spec: TopLevelSpec;
}

export interface DigestMessage {
  /** The notification text: the digest in one line. */
  text: string;
  blocks: KnownBlock[];
}

export interface DigestRenderOptions {
  /** Slack file ids of the uploaded charts, by chart name; charts without one are left out. */
  images?: Record<string, string>;
  /** Only sections and context: for workspaces that refuse newer blocks (data_table). */
  plain?: boolean;
}
