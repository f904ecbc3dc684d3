import type { KnownBlock } from '@slack/types';
import type { AuditSample } from '../../app/audit.js';
import { messagesFor } from '../../i18n/messages.js';
import { entryLine, type JournalContext } from './journal-lines.js';
import { LIMITS, truncate } from './limits.js';
import { contextLine, headerBlock, mrkdwnSection, type SlackMessage } from './message.js';
import { escapeInline, mentionUser } from '../text.js';

/** `/lead audit`: each sampled lead with the week's changes, in the card's words (journal-lines.ts). */

/**
 * Leads shown as sections: with their changes each takes a few hundred characters, and a
 * message holds about 13k (ROUTES.md). The rest of a bigger sample are named by number.
 */
export const AUDIT_SHOWN = 20;

const NAME_LENGTH = 60;

export function auditMessage(sample: AuditSample, context: JournalContext): SlackMessage {
  const a = messagesFor(context.locale).audit;
  const title = a.title(sample.week.label);
  if (sample.leads.length === 0) return { text: a.none, blocks: [headerBlock(truncate(title, LIMITS.headerText)), mrkdwnSection(a.none)] };
  const intro = a.intro(sample.leads.length, sample.changed);
  const blocks: KnownBlock[] = [headerBlock(truncate(title, LIMITS.headerText)), mrkdwnSection(intro)];
  for (const lead of sample.leads.slice(0, AUDIT_SHOWN)) {
    const lines = [a.lead(lead.number, escapeInline(truncate(lead.name, NAME_LENGTH)), mentionUser(lead.ownerId)), ...lead.entries.map((entry) => entryLine(entry, context))];
    if (lead.moreEntries > 0) lines.push(a.moreEntries(lead.moreEntries));
    blocks.push(mrkdwnSection(truncate(lines.join('\n'), LIMITS.sectionText)));
  }
  const rest = sample.leads.slice(AUDIT_SHOWN);
  if (rest.length > 0) blocks.push(mrkdwnSection(truncate(a.moreLeads(rest.length, rest.map((lead) => lead.number).join(', ')), LIMITS.sectionText)));
  blocks.push(contextLine(a.footer));
  return { text: `${title}: ${intro}`, blocks };
}
