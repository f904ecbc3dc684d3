/**
 * Slack gives blocks and elements without ids a random one; the playground derives one
 * from where they sit instead, so a re-render keeps the ids the page already knows.
 */
export function generatedId(seed: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < seed.length; index++) {
    hash ^= seed.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(5, '0').slice(-5);
}

/** For an element's `id` attribute (label targets): only characters every selector takes. */
export function domId(...parts: string[]): string {
  return `sk-${parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
