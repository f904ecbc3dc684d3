import { claimLead as claimLeadCase, poolOf, releaseLead as releaseLeadCase } from '../app/pool.js';
import type { Stage } from '../domain/stages.js';
import { poolMessage } from './blocks/pool.js';
import { cardWithNews } from './lead-operations.js';
import { reply, type Actor, type Outcome } from './listen.js';
import type { AppServices } from './services.js';
import { escapeInline } from './text.js';

/** `/lead pool`, `/lead claim`, `/lead release` and their buttons, in Slack's terms (src/app/pool.ts does the work). */

export async function showPool(services: AppServices, actor: Actor): Promise<Outcome> {
  return reply(poolMessage(await poolOf(actor, services.db), { locale: actor.locale, timeZone: actor.workspace.timeZone }));
}

export async function claimLead(services: AppServices, actor: Actor, number: string): Promise<Outcome> {
  const { lead } = await claimLeadCase(actor, services.db, { number });
  return reply(await cardWithNews(services, actor, lead.number, [actor.t.pool.claimed(lead.number, escapeInline(lead.name))]));
}

export async function releaseLead(services: AppServices, actor: Actor, number: string, expectedStage?: Stage): Promise<Outcome> {
  const { lead, released } = await releaseLeadCase(actor, services.db, { number, expectedStage });
  const news = released ? actor.t.pool.released(lead.number, escapeInline(lead.name)) : actor.t.pool.alreadyPooled(lead.number);
  return reply(await cardWithNews(services, actor, lead.number, [news]));
}
