import { DateTime } from 'luxon';
import { STAGE_LABELS, STAGES, type Stage } from '../domain/stages.js';
import { KNOWN_LOSS_REASONS, knownTag } from '../domain/tags.js';
import type { Locale } from '../i18n/messages.js';

/**
 * Slack reads &, < and > as markup: `<!channel>` pings everyone, `<https://x|y>` fakes
 * a link. Every piece of user text shown in mrkdwn goes through here.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Bold/italic/code markers in a name would otherwise change how the line renders. */
export function escapeInline(text: string): string {
  return escapeText(text).replace(/[*_~`]/g, (mark) => `\u200b${mark}\u200b`);
}

export function stageLabel(stage: Stage, locale: Locale): string {
  return STAGE_LABELS[stage][locale];
}

export function stageList(locale: Locale): string {
  return STAGES.map((stage) => (locale === 'zh' ? STAGE_LABELS[stage].zh : `${STAGE_LABELS[stage].en} (${STAGE_LABELS[stage].zh})`)).join(
    locale === 'zh' ? '、' : ', ',
  );
}

export function lossReasonLabel(tag: { key: string; label: string }, locale: Locale): string {
  const known = knownTag(tag.key, KNOWN_LOSS_REASONS);
  return known ? known[locale] : tag.label;
}

export function mentionUser(userId: string): string {
  return `<@${userId}>`;
}

/** A date Slack shows in each reader's own time zone, with a fallback for old clients. */
export function slackDate(date: Date, timeZone: string, format: 'date' | 'datetime' | 'ago' = 'datetime'): string {
  const seconds = Math.floor(date.getTime() / 1000);
  const token = format === 'date' ? '{date_short}' : format === 'ago' ? '{ago}' : '{date_short} {time}';
  const fallback = DateTime.fromJSDate(date, { zone: timeZone }).toFormat(format === 'date' ? 'yyyy-LL-dd' : 'yyyy-LL-dd HH:mm');
  return `<!date^${seconds}^${token}|${fallback}>`;
}

/**
 * A follow-up day as the team names it: "Fri 4 Dec", "12月4日 周五". Not Slack's date token,
 * which shows the reader's own zone: midnight in Shanghai is the day before in New York.
 */
export function teamDayLabel(day: Date, timeZone: string, locale: Locale): string {
  const local = DateTime.fromJSDate(day, { zone: timeZone });
  return locale === 'zh' ? local.setLocale('zh-CN').toFormat('M月d日 ccc') : local.setLocale('en-US').toFormat('ccc d LLL');
}

/**
 * A message's text as the person reads it, from Slack's markup: links show their label
 * (an email or phone link its address), mentions and channels a name-like @…/#…, and
 * &amp; &lt; &gt; are the characters again. For storing as plain text, never for
 * posting back as mrkdwn: what comes out must go through escapeText again.
 */
export function plainTextOfMessage(mrkdwn: string): string {
  const tokens = mrkdwn.replace(/<([^<>]*)>/g, (_token, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar >= 0 ? inner.slice(0, bar) : inner;
    const label = bar >= 0 ? inner.slice(bar + 1) : '';
    if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
    if (target.startsWith('#')) return `#${label || target.slice(1)}`;
    if (target.startsWith('!')) {
      // <!here>, <!channel>, <!subteam^S…|@sales>, <!date^…|fallback>: what the client shows.
      if (label) return label;
      return `@${target.slice(1).split('^')[0]}`;
    }
    const address = target.replace(/^(?:mailto|tel):/, '');
    if (address !== target) return label || address;
    return label && label !== target ? `${label} (${target})` : target;
  });
  return tokens.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
