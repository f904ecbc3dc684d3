import { weeklyAudit } from '../app/audit.js';
import { leadHygiene } from '../app/hygiene.js';
import { auditMessage } from './blocks/audit.js';
import { hygieneMessage } from './blocks/hygiene.js';
import { reply, type Actor, type Outcome } from './listen.js';
import type { AppServices } from './services.js';

/** `/lead hygiene` and `/lead audit`, in Slack's terms (src/app/hygiene.ts and src/app/audit.ts do the work). */

export async function showHygiene(services: AppServices, actor: Actor): Promise<Outcome> {
  return reply(hygieneMessage(await leadHygiene(actor, services.db), { locale: actor.locale, timeZone: actor.workspace.timeZone }));
}

export async function showAudit(services: AppServices, actor: Actor): Promise<Outcome> {
  const sample = await weeklyAudit(actor, services.db, services.random);
  return reply(auditMessage(sample, { locale: actor.locale, timeZone: actor.workspace.timeZone, currency: actor.workspace.currency }));
}
