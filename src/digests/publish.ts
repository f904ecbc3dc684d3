import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { renderPng } from '../charts/render.js';
import { NATIVE_CHART_LIMITS, type Chart, type DigestMessage, type DigestRenderOptions } from './digest.js';

/** A digest ready to go out: its charts and how to build its message around them. */
export interface DigestDraft {
  charts: Chart[];
  /** The workspace takes Slack's native chart blocks (data_visualization). */
  nativeCharts?: boolean;
  message(render: DigestRenderOptions): DigestMessage;
  /** The file name stem of its PNGs, e.g. "weekly-funnel-2023-10-02". */
  fileStem: string;
}

export interface RenderedChart {
  chart: Chart;
  png: Buffer;
  filename: string;
}

export async function renderCharts(draft: DigestDraft): Promise<RenderedChart[]> {
  const rendered: RenderedChart[] = [];
  // One at a time: each render holds the font and a full-size canvas in memory.
  for (const chart of draft.charts) rendered.push({ chart, png: await renderPng(chart.spec), filename: `${draft.fileStem}-${chart.name}.png` });
  return rendered;
}

/**
 * Uploads the PNGs without sharing them anywhere (getUploadURLExternal → upload →
 * completeUploadExternal) and returns their file ids by chart name, for image blocks.
 */
export async function uploadCharts(client: WebClient, rendered: RenderedChart[]): Promise<Record<string, string>> {
  if (rendered.length === 0) return {};
  const upload = (await client.filesUploadV2({
    file_uploads: rendered.map((chart) => ({ file: chart.png, filename: chart.filename, title: chart.chart.title, alt_text: chart.chart.altText })),
  })) as unknown as { files: Array<{ files?: Array<{ id: string }> }> };
  const ids = upload.files.flatMap((result) => result.files ?? []).map((file) => file.id);
  const images: Record<string, string> = {};
  rendered.forEach((chart, index) => {
    if (ids[index]) images[chart.chart.name] = ids[index];
  });
  return images;
}

/** The charts that go out as native blocks (the workspace opted in, two at most), as chartBlocks() picks them. */
export function nativeChartNames(draft: DigestDraft): Set<string> {
  if (!draft.nativeCharts) return new Set();
  return new Set(draft.charts.filter((chart) => chart.native).slice(0, NATIVE_CHART_LIMITS.perMessage).map((chart) => chart.name));
}

export interface PostedDigest {
  channel: string;
  ts: string;
  /** True when Slack refused the newer blocks and the plain version went out instead. */
  fallback: boolean;
}

function slackError(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}

/** Errors that mean "this workspace does not take these blocks", not "try again later". */
const REFUSED_BLOCKS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_blocks_too_long']);

/**
 * Posts a digest as one message: the charts are uploaded first (external upload flow,
 * not shared anywhere), then referenced from image blocks by file id beside the text and
 * the data table. Where Slack refuses those blocks, the digest goes out once as plain
 * sections with the charts attached as files.
 */
/** Marks a digest message as a run's, so a run taken over after a crash can tell it was already posted. */
export interface RunMetadata {
  event_type: 'leadops_digest';
  event_payload: { run: string };
}

export async function postDigest(client: WebClient, channel: string, draft: DigestDraft, logger: Logger, metadata?: RunMetadata): Promise<PostedDigest> {
  const rendered = await renderCharts(draft);
  const post = async (render: DigestRenderOptions) => {
    const message = draft.message(render);
    const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, ...(metadata ? { metadata } : {}) });
    return posted.ts!;
  };
  const refused = (error: unknown) => {
    const code = slackError(error);
    if (!code || !REFUSED_BLOCKS.has(code)) throw error;
    logger.warn({ channel, error: code }, 'Slack refused the digest blocks; trying a simpler version');
  };

  // Newest first: native charts where the workspace opted in, then uploaded images.
  const nativeNames = nativeChartNames(draft);
  if (nativeNames.size > 0) {
    try {
      const images = await uploadCharts(client, rendered.filter((chart) => !nativeNames.has(chart.chart.name)));
      return { channel, ts: await post({ native: true, images }), fallback: false };
    } catch (error) {
      refused(error);
    }
  }
  try {
    return { channel, ts: await post({ images: await uploadCharts(client, rendered) }), fallback: false };
  } catch (error) {
    refused(error);
  }

  const plain = draft.message({ plain: true });
  if (rendered.length === 0) {
    const posted = await client.chat.postMessage({ channel, text: plain.text, blocks: plain.blocks, unfurl_links: false, ...(metadata ? { metadata } : {}) });
    return { channel, ts: posted.ts!, fallback: true };
  }
  const shared = (await client.filesUploadV2({
    channel_id: channel,
    initial_comment: plainText(plain),
    file_uploads: rendered.map((chart) => ({ file: chart.png, filename: chart.filename, title: chart.chart.title, alt_text: chart.chart.altText })),
  })) as unknown as { files: Array<{ files?: Array<{ shares?: Record<string, Record<string, Array<{ ts: string }>>> }> }> };
  const share = shared.files.flatMap((result) => result.files ?? []).flatMap((file) => Object.values(file.shares ?? {}).flatMap((byChannel) => byChannel[channel] ?? []))[0];
  return { channel, ts: share?.ts ?? '', fallback: true };
}

/** The plain version's sections as one mrkdwn text, for a file upload's comment. */
function plainText(message: DigestMessage): string {
  return message.blocks
    .map((block) => {
      if (block.type === 'header') return `*${block.text.text}*`;
      if (block.type === 'section') return block.text?.text ?? '';
      if (block.type === 'context') return block.elements.map((element) => ('text' in element ? element.text : '')).join(' ');
      return '';
    })
    .filter(Boolean)
    .join('\n\n');
}
