import type { RenderContext } from './context.js';
import { EMOJI_SHORTCODE, emojiFor } from './emoji.js';
import { asObject, asString } from './json.js';
import { mrkdwnToHtml, plainText } from './mrkdwn.js';

/** A text object (`plain_text` or `mrkdwn`) as HTML; a bare string counts as plain text. */
export function textObjectHtml(value: unknown, context: RenderContext): string {
  const object = asObject(value);
  if (!object) return typeof value === 'string' ? plainText(value) : '';
  const text = asString(object.text) ?? '';
  if (object.type === 'mrkdwn') return mrkdwnToHtml(text, context, { verbatim: object.verbatim === true });
  return plainText(text, object.emoji !== false);
}

/** The words of a text object where no markup can go (an <option>, a title): emoji as characters. */
export function textObjectWords(value: unknown): string {
  const text = asString(value) ?? asString(asObject(value)?.text) ?? '';
  return text.replace(EMOJI_SHORTCODE, (whole, name: string) => emojiFor(name) ?? whole);
}
