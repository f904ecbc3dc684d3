import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import { renderCharts, type RenderedChart } from '../digests/charts.js';
import type { DigestDraft } from '../digests/drafts.js';
import type { DigestRenderOptions } from './blocks/digest-charts.js';
import { digestMessage, nativeDraftCharts } from './blocks/digest-message.js';
import type { SlackMessage } from './blocks/message.js';

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

/**
 * A digest for one person (`/lead funnel`, `/lead overdue`): its charts uploaded
 * privately, native ones where the workspace takes them, in the message to answer with.
 */
export async function privateDigestMessage(client: WebClient, draft: DigestDraft): Promise<SlackMessage> {
  const native = nativeDraftCharts(draft);
  const pictures = await renderCharts({ ...draft, charts: draft.charts.filter((chart) => !native.has(chart.name)) });
  return digestMessage(draft, { native: native.size > 0, images: await uploadCharts(client, pictures) });
}

export interface PostedDigest {
  channel: string;
  ts: string;
  /** True when Slack refused the newer blocks and the plain version went out instead. */
  fallback: boolean;
}

/** Marks a digest message as a run's, so a run taken over after a crash can tell it was already posted. */
export interface RunMetadata {
  event_type: 'leadops_digest';
  event_payload: { run: string };
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
export async function postDigest(
  client: WebClient,
  channel: string,
  draft: DigestDraft,
  logger: Logger,
  options: { metadata?: RunMetadata; late?: { dueAt: Date }; threadTs?: string } = {},
): Promise<PostedDigest> {
  const { metadata, late } = options;
  const thread = options.threadTs ? { thread_ts: options.threadTs } : {};
  const rendered = await renderCharts(draft);
  const post = async (render: DigestRenderOptions) => {
    const message = digestMessage(draft, render, late);
    const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, ...thread, ...(metadata ? { metadata } : {}) });
    return posted.ts!;
  };
  const refused = (error: unknown) => {
    const code = slackError(error);
    if (!code || !REFUSED_BLOCKS.has(code)) throw error;
    logger.warn({ channel, error: code }, 'Slack refused the digest blocks; trying a simpler version');
  };

  // Newest first: native charts where the workspace opted in, then uploaded images.
  const nativeNames = nativeDraftCharts(draft);
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

  const plain = digestMessage(draft, { plain: true }, late);
  if (rendered.length === 0) {
    const posted = await client.chat.postMessage({ channel, text: plain.text, blocks: plain.blocks, unfurl_links: false, ...thread, ...(metadata ? { metadata } : {}) });
    return { channel, ts: posted.ts!, fallback: true };
  }
  const shared = (await client.filesUploadV2({
    channel_id: channel,
    ...thread,
    initial_comment: plainText(plain),
    file_uploads: rendered.map((chart) => ({ file: chart.png, filename: chart.filename, title: chart.chart.title, alt_text: chart.chart.altText })),
  })) as unknown as { files: Array<{ files?: Array<{ shares?: Record<string, Record<string, Array<{ ts: string }>>> }> }> };
  const share = shared.files.flatMap((result) => result.files ?? []).flatMap((file) => Object.values(file.shares ?? {}).flatMap((byChannel) => byChannel[channel] ?? []))[0];
  return { channel, ts: share?.ts ?? '', fallback: true };
}

/** The plain version's sections as one mrkdwn text, for a file upload's comment. */
function plainText(message: SlackMessage): string {
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
