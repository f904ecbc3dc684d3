import type { HomeView } from '@slack/types';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import { openLeadsBlocks, type OpenLeadLine } from './lead-lists.js';
import { LIMITS } from './limits.js';

export function homeView(leads: OpenLeadLine[], locale: Locale, timeZone: string, today: Date): HomeView {
  const t = messagesFor(locale);
  const blocks = leads.length === 0
    ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: t.home.empty } }]
    : openLeadsBlocks(leads, locale, timeZone, today);
  return {
    type: 'home',
    blocks: [{ type: 'header', text: { type: 'plain_text', text: `${t.home.title} (${leads.length})` } }, ...blocks].slice(0, LIMITS.viewBlocks),
  };
}
