import { expect } from 'vitest';

/** Just enough HTML reading to check the renderer's output without a DOM. */

export interface Tag {
  name: string;
  attrs: Record<string, string>;
  /** Where the start tag begins in the HTML. */
  at: number;
}

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link']);

function decode(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function startTags(html: string): Tag[] {
  return [...html.matchAll(/<([a-z][a-z0-9-]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>/gi)].map((match) => {
    const attrs: Record<string, string> = {};
    for (const attribute of (match[2] ?? '').matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) attrs[attribute[1]!] = decode(attribute[2] ?? '');
    return { name: match[1]!.toLowerCase(), attrs, at: match.index };
  });
}

/** Start tags having every one of the given attributes (a value of true: present with any value). */
export function tagsWith(html: string, wanted: Record<string, string | true>, name?: string): Tag[] {
  return startTags(html).filter((tag) => (!name || tag.name === name) && Object.entries(wanted).every(([key, value]) => (value === true ? key in tag.attrs : tag.attrs[key] === value)));
}

export function onlyTag(html: string, wanted: Record<string, string | true>, name?: string): Tag {
  const found = tagsWith(html, wanted, name);
  expect(found, `exactly one <${name ?? '*'}> with ${JSON.stringify(wanted)}`).toHaveLength(1);
  return found[0]!;
}

/** Every tag closed in order, and nothing but tags, text and entities: what a page can insert safely. */
export function expectWellFormed(html: string): void {
  const stack: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-z][a-z0-9-]*)(?:\s+[^\s=/>]+(?:="[^"]*")?)*\s*(\/?)>/gi)) {
    const [, closing, rawName, selfClosing] = match;
    const name = rawName!.toLowerCase();
    if (closing) {
      expect(stack.pop(), `</${name}> at ${match.index}`).toBe(name);
    } else if (!VOID.has(name) && !selfClosing) {
      stack.push(name);
    }
  }
  expect(stack, 'unclosed tags').toEqual([]);
  // Any '<' left after removing the tags would be a tag the checker did not read: raw markup.
  expect(html.replace(/<\/?[a-z][a-z0-9-]*(?:\s+[^\s=/>]+(?:="[^"]*")?)*\s*\/?>/gi, '')).not.toMatch(/[<>]/);
}

/** The text inside the first element whose start tag matches, up to its closing tag (no nesting of the same tag). */
export function innerOf(html: string, tag: Tag): string {
  const start = html.indexOf('>', tag.at) + 1;
  const end = html.indexOf(`</${tag.name}>`, start);
  return html.slice(start, end);
}
