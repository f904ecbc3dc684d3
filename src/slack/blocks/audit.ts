import type { KnownBlock } from '@slack/types';
import type { AuditSample } from '../../app/audit.js';
import { messagesFor } from '../../i18n/messages.js';
import { entryLine, type JournalContext } from './journal-lines.js';
import { LIMITS, truncate } from './limits.js';
import { contextLine, headerBlock, mrkdwnSection, type SlackMessage } from './message.js';
import { escapeInline, mentionUser } from '../text.js';

/** `/lead audit`: each sampled lead with the week's changes, in the card's words (journal-lines.ts). */

/**
 * A message holds about 13k characters whatever its sections (ROUTES.md,
 * msg_blocks_too_long): the leads' sections share this budget, each lead at most
 * LEAD_SECTION_LENGTH; the rest of a bigger sample are named by number.
 */
const AUDIT_CHARACTER_BUDGET = 10_000;
const LEAD_SECTION_LENGTH = 1500;
const MORE_LEADS_LENGTH = 1500;

/** Slack's 50 blocks a message, less the header, the intro, the rest's line and the footer. */
const MAX_LEAD_SECTIONS = LIMITS.messageBlocks - 4;

const NAME_LENGTH = 60;

export function auditMessage(sample: AuditSample, context: JournalContext): SlackMessage {
  const a = messagesFor(context.locale).audit;
  const title = a.title(sample.week.label);
  if (sample.leads.length === 0) return { text: a.none, blocks: [headerBlock(truncate(title, LIMITS.headerText)), mrkdwnSection(a.none)] };
  const intro = a.intro(sample.leads.length, sample.changed);
  const blocks: KnownBlock[] = [headerBlock(truncate(title, LIMITS.headerText)), mrkdwnSection(intro)];
  let used = title.length + intro.length;
  let shown = 0;
  for (const lead of sample.leads) {
    const lines = [a.lead(lead.number, escapeInline(truncate(lead.name, NAME_LENGTH)), mentionUser(lead.ownerId)), ...lead.entries.map((entry) => entryLine(entry, context))];
    if (lead.moreEntries > 0) lines.push(a.moreEntries(lead.moreEntries));
    const text = truncate(lines.join('\n'), LEAD_SECTION_LENGTH);
    if (used + text.length > AUDIT_CHARACTER_BUDGET || shown === MAX_LEAD_SECTIONS) break;
    used += text.length;
    shown += 1;
    blocks.push(mrkdwnSection(text));
  }
  const rest = sample.leads.slice(shown);
  if (rest.length > 0) blocks.push(mrkdwnSection(truncate(a.moreLeads(rest.length, rest.map((lead) => lead.number).join(', ')), MORE_LEADS_LENGTH)));
  blocks.push(contextLine(a.footer));
  return { text: `${title}: ${intro}`, blocks };
}
