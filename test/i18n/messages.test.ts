import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/i18n/messages.js';

/** Every string of a table, functions called with placeholder values. */
function* texts(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (typeof value === 'function') yield [path, String((value as (...args: unknown[]) => unknown)(...Array.from({ length: value.length }, () => 'X')))];
  else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) yield* texts(child, `${path}.${key}`);
}

describe('the messages people read', () => {
  it('has every English key in Chinese too, and no empty string', () => {
    const keys = (table: unknown) => [...texts(table, '')].map(([path]) => path);
    expect(keys(MESSAGES.zh)).toEqual(keys(MESSAGES.en));
    for (const [path, text] of [...texts(MESSAGES.en, 'en'), ...texts(MESSAGES.zh, 'zh')]) expect(text.trim(), path).not.toBe('');
  });

  it('never sets *bold* against 中文 without a boundary, where Slack would show the asterisks', () => {
    const cjk = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
    for (const [path, text] of texts(MESSAGES.zh, 'zh')) {
      for (const match of text.matchAll(/\*[^*\n]+\*/g)) {
        const before = text[match.index - 1] ?? ' ';
        const after = text[match.index + match[0].length] ?? ' ';
        expect(cjk.test(before) || cjk.test(after), `${path}: ${text}`).toBe(false);
      }
    }
  });
});
