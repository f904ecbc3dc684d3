import type { DigestBlock } from '../../digests/digest.js';

/** A message as we build it: `text` is the notification and screen-reader summary. */
export interface SlackMessage {
  text: string;
  /** Block Kit as @slack/types knows it, plus the newer native chart block of digests. */
  blocks: DigestBlock[];
}

export function textMessage(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
