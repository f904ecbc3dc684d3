import type { RenderContext } from './context.js';
import { broadcastHtml, channelMentionHtml, dateHtml, linkHtml, userMentionHtml, usergroupMentionHtml } from './entities.js';
import { attr, escapeHtml } from './escape.js';
import { EMOJI_SHORTCODE, emojiFor } from './emoji.js';
import { asNumber } from './json.js';

export interface MrkdwnOptions {
  /** Slack's `verbatim: true`: bare URLs stay text. */
  verbatim?: boolean;
}

/**
 * Rendered pieces (links, mentions, code) are parked in the text as private-use
 * placeholders while formatting markers are matched around them, then put back. Input
 * can never forge one: those code points are replaced on the way in.
 */
class Holes {
  private readonly pieces: string[] = [];
  private readonly blocks = new Set<number>();

  put(html: string, block = false): string {
    this.pieces.push(html);
    if (block) this.blocks.add(this.pieces.length - 1);
    return `\uE000${this.pieces.length - 1}\uE001`;
  }

  /** A line holding only block-level pieces (a ``` block) needs no line break around it. */
  isBlockLine(line: string): boolean {
    const holes = [...line.matchAll(/\uE000(\d+)\uE001/g)];
    return holes.length > 0 && line.replace(/\uE000\d+\uE001/g, '').trim() === '' && holes.every((hole) => this.blocks.has(Number(hole[1])));
  }

  fill(text: string): string {
    return text.replace(/\uE000(\d+)\uE001/g, (_, index: string) => this.pieces[Number(index)] ?? '');
  }
}

/** The private-use code points the renderer marks text with: holes (E000, E001) and style tags (E010–E015). */
const FORGED_MARK = /[\uE000-\uE01F]/g;

/** Slack sends &, < and > as entities; only these three, as its docs say. */
function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Raw mrkdwn text shown as is: entities decoded, HTML escaped. */
function literalHtml(text: string): string {
  return escapeHtml(decodeSlackEntities(text));
}

function emojiHtml(name: string, char: string): string {
  return `<span class="sk-emoji" role="img"${attr('aria-label', name)}${attr('title', `:${name}:`)}>${char}</span>`;
}

/** Known shortcodes become their emoji; unknown ones stay text, as Slack shows a missing custom emoji. */
function replaceEmoji(text: string, holes?: Holes): string {
  return text.replace(EMOJI_SHORTCODE, (whole, name: string) => {
    const char = emojiFor(name);
    if (!char) return whole;
    return holes ? holes.put(emojiHtml(name, char)) : emojiHtml(name, char);
  });
}

/** A label inside `<…|label>`: formatted text with emoji, as Slack shows link text. */
function labelHtml(label: string): string {
  return replaceEmoji(styleTags(literalHtml(markStyles(label))));
}

const URL_TARGET = /^(?:[a-z][a-z0-9+.-]*:[^\s|]+|[\w-]+(?:\.[\w-]+)+(?:[/?#][^\s|]*)?)$/i;

function specialHtml(body: string, context: RenderContext): string | undefined {
  const [command = '', label] = splitLabel(body);
  if (/^(here|channel|everyone)$/.test(command)) return broadcastHtml(command);
  const subteam = /^subteam\^([A-Z0-9]+)$/i.exec(command);
  if (subteam) return usergroupMentionHtml(subteam[1]!, label && decodeSlackEntities(label));
  const date = /^date\^(-?\d+)\^([^^]*)(?:\^(.*))?$/.exec(command);
  if (date) return dateHtml(asNumber(date[1]), decodeSlackEntities(date[2]!), decodeSlackEntities(label ?? ''), date[3] && decodeSlackEntities(date[3]), context);
  return label !== undefined ? labelHtml(label) : undefined;
}

function splitLabel(body: string): [string, string | undefined] {
  const bar = body.indexOf('|');
  return bar < 0 ? [body, undefined] : [body.slice(0, bar), body.slice(bar + 1)];
}

/**
 * One `<…>` token: a mention, a special (`<!here>`, dates, user groups) or a link. Anything
 * else (`<script>`, `<b>`) is not a token: undefined, and it shows as the text it is.
 */
function tokenHtml(body: string, context: RenderContext): string | undefined {
  const [target, label] = splitLabel(body);
  if (/^@[A-Z0-9]+$/i.test(target)) return userMentionHtml(target.slice(1), context, label && decodeSlackEntities(label));
  if (/^#[A-Z0-9]+$/i.test(target)) return channelMentionHtml(target.slice(1), context, label && decodeSlackEntities(label));
  if (target.startsWith('!')) return specialHtml(body.slice(1), context);
  if (!URL_TARGET.test(target)) return undefined;
  const url = decodeSlackEntities(target);
  return linkHtml(url, label ? labelHtml(label) : escapeHtml(url.replace(/^mailto:/i, '')));
}

function parkTokens(text: string, holes: Holes, context: RenderContext): string {
  return text.replace(/<([^<>]*)>/g, (whole, body: string) => {
    const html = tokenHtml(body, context);
    return html === undefined ? whole : holes.put(html);
  });
}

function parkPreformatted(text: string, holes: Holes): string {
  return text.replace(/```([\s\S]*?)```/g, (whole, body: string) => {
    if (body.trim() === '') return whole;
    return holes.put(`<pre class="sk-pre">${literalHtml(body.replace(/^\n/, '').replace(/\n$/, ''))}</pre>`, true);
  });
}

const BARE_URL = /\bhttps?:\/\/(?:(?!&[lg]t;)[^\s<>\uE000\uE001])+/gi;

function parkBareUrls(text: string, holes: Holes): string {
  return text.replace(BARE_URL, (match) => {
    const url = match.replace(/[.,;:!?)\]'"]+$/, '');
    const rest = match.slice(url.length);
    const decoded = decodeSlackEntities(url);
    return holes.put(linkHtml(decoded, escapeHtml(decoded))) + rest;
  });
}

const ASCII_PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];

/**
 * What may follow a closing marker, as Slack's client was seen to accept it after `*`
 * (github.com/pocka/slack-message-parser issue 34): not `@ & ( | \ < >` or a backtick,
 * which is also why &amp; &lt; &gt; right after a marker keep it literal.
 */
const CLOSING_FOLLOWERS = [...'~!#$%^)-+={}[];:\'",.?/'];
const STYLE_MARKERS = ['*', '_', '~'];

const escapeForClass = (char: string) => `\\${char}`;

/** Whitespace, U+200B and the renderer's own marks count as a boundary on either side. */
const SPACE_OR_MARK = '\\s\\u200b\\uE000-\\uE01F';

/**
 * A marker pair as Slack matches it in its (entity-escaped) text: the opening one at the
 * start, after whitespace or punctuation, with text right after it; the closing one, the
 * first marker with text right before it, must have a boundary after. U+200B is not
 * text, which is how the bot writes a literal `*` (U+200B on both sides); letters,
 * digits, CJK characters and fullwidth punctuation are no boundary, so `已*成交*，`
 * stays literal, as in Slack.
 */
function markerPattern(marker: string): RegExp {
  const m = escapeForClass(marker);
  const before = ASCII_PUNCTUATION.filter((char) => char !== marker).map(escapeForClass).join('');
  const after = [...new Set([...CLOSING_FOLLOWERS, ...STYLE_MARKERS])].filter((char) => char !== marker).map(escapeForClass).join('');
  // The first marker with text before it closes the pair, or fails it when no boundary follows;
  // a marker after a space (or U+200B) inside is just a character.
  const body = `(?:[^${m}\\n]|(?<=[\\s\\u200b])${m})*?`;
  return new RegExp(`(^|[${SPACE_OR_MARK}${before}])${m}(?=[^\\s\\u200b${m}])(${body})(?<=[^\\s\\u200b])${m}(?=$|[${SPACE_OR_MARK}${after}])`, 'g');
}

const CODE = markerPattern('`');

/** Style tags stand as private-use marks until the text is escaped, so they count as boundaries meanwhile. */
const STYLES: Array<{ pattern: RegExp; tag: string; open: string; close: string }> = [
  { pattern: markerPattern('*'), tag: 'b', open: '\uE010', close: '\uE011' },
  { pattern: markerPattern('_'), tag: 'i', open: '\uE012', close: '\uE013' },
  { pattern: markerPattern('~'), tag: 's', open: '\uE014', close: '\uE015' },
];

function parkInlineCode(line: string, holes: Holes): string {
  return line.replace(CODE, (_, before: string, body: string) => `${before}${holes.put(`<code class="sk-code">${literalHtml(body)}</code>`)}`);
}

function markStyles(text: string): string {
  return STYLES.reduce((marked, style) => marked.replace(style.pattern, (_, before: string, body: string) => `${before}${style.open}${body}${style.close}`), text);
}

function styleTags(html: string): string {
  return STYLES.reduce((tagged, style) => tagged.replaceAll(style.open, `<${style.tag}>`).replaceAll(style.close, `</${style.tag}>`), html);
}

/** One line: code and links parked, markers matched on Slack's own text, then escaped for HTML. */
function inlineHtml(line: string, holes: Holes, options: MrkdwnOptions): string {
  let text = parkInlineCode(line, holes);
  if (!options.verbatim) text = parkBareUrls(text, holes);
  text = replaceEmoji(text, holes);
  return styleTags(literalHtml(markStyles(text)));
}

interface RenderedLine {
  html: string;
  quoted: boolean;
  block: boolean;
}

const QUOTE_ALL = /^(?:>|&gt;){3}[ \t]?/;
const QUOTE_LINE = /^(?:>|&gt;)[ \t]?/;

function renderLines(text: string, holes: Holes, options: MrkdwnOptions): RenderedLine[] {
  let quoteRest = false;
  return text.split('\n').map((raw) => {
    let line = raw;
    let quoted = quoteRest;
    if (!quoteRest && QUOTE_ALL.test(line)) {
      quoteRest = true;
      quoted = true;
      line = line.replace(QUOTE_ALL, '');
    } else if (!quoteRest && QUOTE_LINE.test(line)) {
      quoted = true;
      line = line.replace(QUOTE_LINE, '');
    }
    return { html: inlineHtml(line, holes, options), quoted, block: holes.isBlockLine(line) };
  });
}

/** Lines joined with breaks; consecutive quoted lines share one quote bar. */
function joinLines(lines: RenderedLine[]): string {
  let html = '';
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.quoted) {
      const group: string[] = [];
      while (index < lines.length && lines[index]!.quoted) group.push(lines[index++]!.html);
      html += `<blockquote class="sk-quote">${group.join('<br>')}</blockquote>`;
      continue;
    }
    const previous = lines[index - 1];
    if (previous && !previous.quoted && !previous.block && !line.block) html += '<br>';
    html += line.html;
    index++;
  }
  return html;
}

/** Slack mrkdwn as HTML that reads as Slack shows it; all input text is escaped. */
export function mrkdwnToHtml(text: string, context: RenderContext, options: MrkdwnOptions = {}): string {
  const holes = new Holes();
  let source = text.replace(FORGED_MARK, '\uFFFD');
  source = parkTokens(source, holes, context);
  source = parkPreformatted(source, holes);
  return holes.fill(joinLines(renderLines(source, holes, options)));
}

/** A plain_text object's text: shown as written, emoji shortcodes converted unless `emoji: false`. */
export function plainText(text: string, emoji = true): string {
  const escaped = escapeHtml(text);
  return (emoji ? replaceEmoji(escaped) : escaped).replace(/\n/g, '<br>');
}
