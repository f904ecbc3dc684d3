import type { RenderContext } from './context.js';
import { attr, escapeHtml, safeHref } from './escape.js';
import { formatSlackDate } from './slack-date.js';

/** The pieces mrkdwn's `<…>` tokens and rich text elements share: mentions, links, dates. */

/** A directory that does not know an id answers with nothing or the id itself; the token's label is better then. */
function knownName(name: string, id: string): string | undefined {
  return name && name !== id ? name : undefined;
}

export function userMentionHtml(userId: string, context: RenderContext, label?: string): string {
  const name = knownName(context.userName(userId), userId) ?? (label || userId);
  return `<span class="sk-mention"${attr('data-user-id', userId)}>@${escapeHtml(name.replace(/^@/, ''))}</span>`;
}

export function channelMentionHtml(channelId: string, context: RenderContext, label?: string): string {
  const name = knownName(context.channelName(channelId), channelId) ?? (label || channelId);
  return `<span class="sk-mention sk-channel"${attr('data-channel-id', channelId)}>#${escapeHtml(name.replace(/^#/, ''))}</span>`;
}

export function usergroupMentionHtml(usergroupId: string, label?: string): string {
  const name = (label || usergroupId).replace(/^@/, '');
  return `<span class="sk-mention sk-usergroup"${attr('data-usergroup-id', usergroupId)}>@${escapeHtml(name)}</span>`;
}

/** @here, @channel and @everyone are highlighted harder than a person's mention, as in Slack. */
export function broadcastHtml(range: string): string {
  return `<span class="sk-mention sk-broadcast"${attr('data-broadcast', range)}>@${escapeHtml(range)}</span>`;
}

/** A link, or only its label when the target is not safe to follow (javascript: and the like). */
export function linkHtml(url: string, labelHtml: string): string {
  const href = safeHref(url);
  if (!href) return labelHtml;
  return `<a class="sk-link"${attr('href', href)} target="_blank" rel="noopener noreferrer">${labelHtml}</a>`;
}

export function dateHtml(unixSeconds: number | undefined, template: string, fallback: string, link: string | undefined, context: RenderContext): string {
  const text = formatSlackDate(unixSeconds, template, context);
  const shown = escapeHtml(text ?? fallback);
  const datetime = unixSeconds !== undefined && text !== undefined ? new Date(unixSeconds * 1000).toISOString() : undefined;
  const time = `<time class="sk-date"${attr('datetime', datetime)}${attr('title', fallback || undefined)}>${shown}</time>`;
  return link ? linkHtml(link, time) : time;
}
