import type { KnownBlock } from '@slack/types';

/** A message as we build it: `text` is the notification and screen-reader summary. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export function textMessage(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
