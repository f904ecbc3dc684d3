import { actionItemsOf, actionItemToClose, addActionItem, closeActionItem, mayCreateActionItems } from '../app/action-items.js';
import type { ActionItemDraft } from '../domain/action-items.js';
import { localeOf } from '../domain/locale.js';
import { teamDate } from '../domain/team-time.js';
import { messagesFor } from '../i18n/messages.js';
import { memberProfiles } from '../store/members.js';
import { profileFromSlack } from './profiles.js';
import { actionItemsMessage } from './blocks/action-items.js';
import { textMessage } from './blocks/message.js';
import { actionItemModal, closeActionItemModal } from './blocks/modals.js';
import { modal, reply, type Actor, type Outcome, type SubmissionOutcome } from './listen.js';
import type { AppServices } from './services.js';
import { escapeInline, mentionUser, teamDayLabel } from './text.js';

/** `/lead action new`, `/lead actions` and their forms, in Slack's terms (src/app/action-items.ts does the work). */

/** A week from today: long enough to act, short enough for the next meeting to ask. */
const DEFAULT_DUE_DAYS = 7;

export function actionItemModalFor(actor: Actor, options: { conclusion?: string; threadTs?: string } = {}): Outcome {
  mayCreateActionItems(actor);
  const dueDay = teamDate(new Date(actor.now.getTime() + DEFAULT_DUE_DAYS * 86_400_000), actor.workspace.timeZone);
  return modal(actionItemModal({ locale: actor.locale, callerId: actor.userId, dueDay, conclusion: options.conclusion, context: { channelId: actor.channelId, ...(options.threadTs ? { threadTs: options.threadTs } : {}) } }));
}

export async function submitActionItem(services: AppServices, actor: Actor, request: { draft: ActionItemDraft; channelId?: string; threadTs?: string }): Promise<SubmissionOutcome> {
  const item = await addActionItem(actor, services.db, request);
  const title = escapeInline(item.title);
  const news = [actor.t.actions.created(item.id, title, mentionUser(item.ownerId), teamDayLabel(item.dueAt, actor.workspace.timeZone, actor.locale))];
  if (item.ownerId !== actor.userId) {
    // The owner hears it in their own language, whoever created it.
    const lookUp = (userId: string) => profileFromSlack(actor.client, userId);
    const owner = (await memberProfiles(services.db, actor.workspace.id, [item.ownerId], actor.now, lookUp)).get(item.ownerId);
    const locale = localeOf(owner?.locale) ?? actor.workspace.locale;
    const text = messagesFor(locale).actions.assigned(mentionUser(actor.userId), item.id, title, teamDayLabel(item.dueAt, actor.workspace.timeZone, locale));
    await actor.client.chat.postMessage({ channel: item.ownerId, text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
    news.push(actor.t.actions.ownerTold(mentionUser(item.ownerId)));
  }
  return { kind: 'done', message: textMessage(news.join(' ')) };
}

export async function listActionItems(services: AppServices, actor: Actor): Promise<Outcome> {
  return reply(actionItemsMessage(await actionItemsOf(actor, services.db), { locale: actor.locale, timeZone: actor.workspace.timeZone, now: actor.now }));
}

export async function closeActionItemModalFor(services: AppServices, actor: Actor, id: number): Promise<Outcome> {
  const item = await actionItemToClose(actor, services.db, id);
  if (!item) return reply(textMessage(actor.t.actions.notFound(String(id))));
  return modal(closeActionItemModal({ locale: actor.locale, item, context: { channelId: actor.channelId, id } }));
}

export async function submitClosing(services: AppServices, actor: Actor, request: { id: number; outcome?: string | null; result?: string | null }): Promise<SubmissionOutcome> {
  const item = await closeActionItem(actor, services.db, request);
  if (!item) return { kind: 'done', message: textMessage(actor.t.actions.alreadyClosed(request.id)) };
  const outcome = actor.t.actions.outcomes[item.status as 'DONE' | 'DROPPED'];
  return { kind: 'done', message: textMessage(actor.t.actions.closed(item.id, outcome, escapeInline(item.result ?? ''))) };
}
