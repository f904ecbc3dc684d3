import { recordSignal as recordSignalCase } from '../app/scoring.js';
import type { SignalKind } from '../domain/scoring.js';
import { scoreLine } from './blocks/lead-card.js';
import type { SlackMessage } from './blocks/message.js';
import { cardWithNews } from './lead-operations.js';
import type { Actor } from './listen.js';
import type { AppServices } from './services.js';
import { escapeInline } from './text.js';

/** `/lead signal` in Slack's terms: records it (src/app/scoring.ts) and answers with the card and its new score. */
export async function recordSignal(services: AppServices, actor: Actor, number: string, kind: SignalKind): Promise<SlackMessage> {
  const { lead } = await recordSignalCase(actor, services.db, { number, kind });
  const t = actor.t.scoring;
  return cardWithNews(services, actor, lead.number, [t.recorded(lead.number, escapeInline(lead.name), t.signals[kind], scoreLine(lead.score, actor.locale, actor.workspace.scoring))]);
}
