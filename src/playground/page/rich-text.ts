import type { RenderContext } from './context.js';
import { emojiFor, emojiFromUnicode } from './emoji.js';
import { broadcastHtml, channelMentionHtml, dateHtml, linkHtml, userMentionHtml, usergroupMentionHtml } from './entities.js';
import { attr, escapeHtml } from './escape.js';
import { asNumber, asObject, asObjects, asString, type JsonObject } from './json.js';

const STYLE_TAGS: Array<[string, string]> = [
  ['code', 'code class="sk-code"'],
  ['bold', 'b'],
  ['italic', 'i'],
  ['strike', 's'],
  ['underline', 'u'],
];

function styled(html: string, style: unknown): string {
  const flags = asObject(style);
  if (!flags) return html;
  return STYLE_TAGS.reduce((inner, [flag, tag]) => (flags[flag] === true ? `<${tag}>${inner}</${tag.split(' ')[0]}>` : inner), html);
}

function textHtml(text: string, preformatted: boolean): string {
  const escaped = escapeHtml(text);
  return preformatted ? escaped : escaped.replace(/\n/g, '<br>');
}

function emojiElementHtml(element: JsonObject): string {
  const name = asString(element.name) ?? '';
  const char = emojiFromUnicode(asString(element.unicode)) ?? emojiFor(name);
  if (!char) return escapeHtml(`:${name}:`);
  return `<span class="sk-emoji" role="img"${attr('aria-label', name)}${attr('title', `:${name}:`)}>${char}</span>`;
}

function colorHtml(value: string): string {
  const swatch = /^#[0-9a-f]{3,8}$/i.test(value) ? `<span class="sk-color-swatch"${attr('style', `background:${value}`)}></span>` : '';
  return `<span class="sk-color">${swatch}${escapeHtml(value)}</span>`;
}

/** One inline element of a rich text section, quote or preformatted block. */
function inlineElementHtml(element: JsonObject, context: RenderContext, preformatted: boolean): string {
  switch (element.type) {
    case 'text':
      return styled(textHtml(asString(element.text) ?? '', preformatted), element.style);
    case 'link': {
      const url = asString(element.url) ?? '';
      return styled(linkHtml(url, textHtml(asString(element.text) || url, preformatted)), element.style);
    }
    case 'user':
      return styled(userMentionHtml(asString(element.user_id) ?? '', context), element.style);
    case 'channel':
      return styled(channelMentionHtml(asString(element.channel_id) ?? '', context), element.style);
    case 'usergroup':
      return styled(usergroupMentionHtml(asString(element.usergroup_id) ?? ''), element.style);
    case 'broadcast':
      return styled(broadcastHtml(asString(element.range) ?? 'here'), element.style);
    case 'emoji':
      return emojiElementHtml(element);
    case 'date':
      return styled(dateHtml(asNumber(element.timestamp), asString(element.format) ?? '{date_short}', asString(element.fallback) ?? '', asString(element.url), context), element.style);
    case 'color':
      return colorHtml(asString(element.value) ?? '');
    default:
      return escapeHtml(asString(element.text) ?? '');
  }
}

function inlineHtml(elements: unknown, context: RenderContext, preformatted = false): string {
  return asObjects(elements).map((element) => inlineElementHtml(element, context, preformatted)).join('');
}

function listHtml(list: JsonObject, context: RenderContext): string {
  const ordered = list.style === 'ordered';
  const indent = Math.max(0, Math.min(8, Math.floor(asNumber(list.indent) ?? 0)));
  const offset = Math.max(0, Math.floor(asNumber(list.offset) ?? 0));
  const items = asObjects(list.elements).map((item) => `<li>${inlineHtml(item.elements, context)}</li>`).join('');
  const tag = ordered ? 'ol' : 'ul';
  const start = ordered && offset > 0 ? attr('start', offset + 1) : '';
  return `<${tag} class="sk-rt-list sk-rt-${ordered ? 'ordered' : 'bullet'}"${attr('data-indent', indent)}${start}>${items}</${tag}>`;
}

function richElementHtml(element: JsonObject, context: RenderContext): string {
  switch (element.type) {
    case 'rich_text_section':
      return `<div class="sk-rt-section">${inlineHtml(element.elements, context)}</div>`;
    case 'rich_text_list':
      return listHtml(element, context);
    case 'rich_text_quote':
      return `<blockquote class="sk-quote">${inlineHtml(element.elements, context)}</blockquote>`;
    case 'rich_text_preformatted':
      return `<pre class="sk-pre">${inlineHtml(element.elements, context, true)}</pre>`;
    default:
      return `<div class="sk-unsupported">unsupported rich text element: ${escapeHtml(String(element.type))}</div>`;
  }
}

/** A rich_text block (or a table cell holding one) as HTML. */
export function richTextHtml(block: JsonObject, context: RenderContext): string {
  return `<div class="sk-rich-text">${asObjects(block.elements).map((element) => richElementHtml(element, context)).join('')}</div>`;
}

function inlinePlain(element: JsonObject, context: RenderContext): string {
  switch (element.type) {
    case 'user':
      return `@${context.userName(asString(element.user_id) ?? '')}`;
    case 'channel':
      return `#${context.channelName(asString(element.channel_id) ?? '')}`;
    case 'usergroup':
      return `@${asString(element.usergroup_id) ?? ''}`;
    case 'broadcast':
      return `@${asString(element.range) ?? ''}`;
    case 'emoji':
      return emojiFromUnicode(asString(element.unicode)) ?? emojiFor(asString(element.name) ?? '') ?? `:${asString(element.name) ?? ''}:`;
    case 'link':
      return asString(element.text) || (asString(element.url) ?? '');
    case 'date':
      return asString(element.fallback) ?? '';
    default:
      return asString(element.text) ?? asString(element.value) ?? '';
  }
}

function elementPlain(element: JsonObject, context: RenderContext): string {
  const children = asObjects(element.elements);
  if (element.type === 'rich_text_list') return children.map((item) => elementPlain(item, context)).join(' ');
  if (String(element.type).startsWith('rich_text_')) return children.map((child) => elementPlain(child, context)).join('');
  return inlinePlain(element, context);
}

/** The text a reader sees in a rich_text block: what a table sorts its rich text cells by. */
export function richTextPlain(block: JsonObject, context: RenderContext): string {
  return asObjects(block.elements)
    .map((element) => elementPlain(element, context))
    .join('\n')
    .trim();
}
