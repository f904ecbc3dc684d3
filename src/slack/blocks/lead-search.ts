import type { KnownBlock } from '@slack/types';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import type { LeadHit } from '../../store/search.js';
import { ACTION } from '../ids.js';
import { escapeInline, escapeText, mentionUser, stageLabel } from '../text.js';
import { encodeCardAction } from './lead-card.js';
import { LIMITS, truncate } from './limits.js';
import type { SlackMessage } from './message.js';

/** A query as the title quotes it: escaped, and short enough for a header. */
function quoted(query: string): string {
  return truncate(query.trim(), 60);
}

/** `/lead find`: one section a lead (number, name, stage, owner) with a Show button that opens its card. */
/** `limit`: how many the search returns at most; a full page says there may be more. */
export function searchResultsMessage(hits: LeadHit[], query: string, locale: Locale, limit: number): SlackMessage {
  const t = messagesFor(locale).search;
  if (hits.length === 0) {
    const text = t.none(escapeInline(quoted(query)));
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  // A header is plain text: nothing in it is read as markup.
  const title = truncate(t.title(quoted(query)), LIMITS.headerText);
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: title } }];
  for (const hit of hits) {
    blocks.push({
      type: 'section',
      block_id: `find_${hit.number}`,
      text: { type: 'mrkdwn', text: truncate(t.line(hit.number, escapeInline(truncate(hit.name, 120)), stageLabel(hit.stage, locale), mentionUser(hit.ownerId)), LIMITS.sectionText) },
      accessory: { type: 'button', action_id: ACTION.showLead, text: { type: 'plain_text', text: t.show }, value: encodeCardAction({ number: hit.number, stage: hit.stage }) },
    });
  }
  if (hits.length >= limit) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.top(hits.length) }] });
  return { text: `${title}: ${hits.map((hit) => `${hit.number} ${escapeText(hit.name)}`).join(', ')}`, blocks };
}
