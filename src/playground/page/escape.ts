const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text and in quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

const SAFE_LINK_SCHEME = /^(https?|mailto|tel|slack):/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * A link target fit for href, or undefined for javascript:, data: and the like. Slack links
 * targets without a scheme (`<example.com|x>`) as web addresses, so they get http://.
 */
export function safeHref(url: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '') return undefined;
  if (SAFE_LINK_SCHEME.test(trimmed)) return trimmed;
  if (trimmed.startsWith('/') || trimmed.startsWith('#')) return trimmed;
  if (ANY_SCHEME.test(trimmed)) return undefined;
  return `http://${trimmed}`;
}

/** An image source fit for src: web addresses, the playground's own paths and inline raster images. */
export function safeImageSrc(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  if (/^https?:/i.test(trimmed) || trimmed.startsWith('/') || /^blob:/i.test(trimmed)) return trimmed;
  if (/^data:image\/(png|jpe?g|gif|webp);/i.test(trimmed)) return trimmed;
  return undefined;
}

/** `name="value"` with the value escaped; nothing for an absent value. */
export function attr(name: string, value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null || value === false) return '';
  return ` ${name}="${escapeHtml(String(value))}"`;
}
