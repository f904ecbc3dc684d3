import type { KnownBlock } from '@slack/types';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import type { PooledLead } from '../../store/leads.js';
import { escapeInline, mentionUser, stageLabel, teamDayLabel } from '../text.js';
import { claimButton } from './lead-card.js';
import { LIMITS, truncate } from './limits.js';
import type { SlackMessage } from './message.js';

/** `/lead pool`: the leads waiting for an owner, each a line with its Claim button beside it (one block a lead). */
export function poolMessage(pool: { leads: PooledLead[]; total: number }, context: { locale: Locale; timeZone: string }): SlackMessage {
  const t = messagesFor(context.locale).pool;
  if (pool.total === 0) return { text: t.empty, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: t.empty } }] };
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: t.intro(pool.total) } }];
  for (const lead of pool.leads) {
    const line = t.line(lead.number, escapeInline(truncate(lead.name, 80)), stageLabel(lead.stage, context.locale), teamDayLabel(lead.pooledAt, context.timeZone, context.locale), mentionUser(lead.ownerId));
    blocks.push({ type: 'section', block_id: `pool_${lead.number}`, text: { type: 'mrkdwn', text: truncate(line, LIMITS.sectionText) }, accessory: claimButton(lead, context.locale) });
  }
  if (pool.total > pool.leads.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.andMore(pool.total - pool.leads.length) }] });
  return { text: `${t.title}: ${pool.total}`, blocks };
}
