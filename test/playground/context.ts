import type { RenderContext } from '../../src/playground/page/context.js';

export const USERS = [
  { id: 'U1', name: 'Alice Chen' },
  { id: 'U2', name: 'Bob' },
  { id: 'U3', name: '王芳' },
];

const CHANNELS: Record<string, string> = { C1: 'sales', C2: 'managers' };

/** 2023-11-14T22:13:20Z: 06:13 on Wednesday 15 November in Shanghai. */
export const NOW = new Date(1_700_000_000_000);

export function testContext(overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    userName: (id) => USERS.find((user) => user.id === id)?.name ?? id,
    channelName: (id) => CHANNELS[id] ?? id,
    fileUrl: (id) => (id.startsWith('F') ? `/files/${id}.png` : undefined),
    users: USERS,
    timeZone: 'Asia/Shanghai',
    locale: 'en',
    now: () => NOW,
    ...overrides,
  };
}

/** The HTML's text as a reader sees it: tags dropped, entities decoded, U+200B removed. */
export function visibleText(html: string): string {
  return html
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '');
}
