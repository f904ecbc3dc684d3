import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../i18n/messages.js';
import { messagesFor } from '../../i18n/messages.js';
import { escapeText, stageList } from '../text.js';
import type { SlackMessage } from './message.js';

export function helpMessage(locale: Locale, unknownWord?: string): SlackMessage {
  const t = messagesFor(locale);
  const blocks: KnownBlock[] = [];
  if (unknownWord !== undefined) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t.unknownSubcommand(escapeText(unknownWord)) } });
  } else {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: t.helpTitle } });
  }
  blocks.push(
    { type: 'section', text: { type: 'mrkdwn', text: t.helpUsage } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: t.helpStages(stageList(locale)) }] },
  );
  return { text: t.helpTitle, blocks };
}
