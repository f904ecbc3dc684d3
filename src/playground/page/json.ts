/**
 * Block Kit reaches the renderer as untrusted JSON (the page posts whatever the bot sent),
 * so every field is read through these instead of trusting a type.
 */
export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asObjects(value: unknown): JsonObject[] {
  return asArray(value).flatMap((item): JsonObject[] => {
    const object = asObject(item);
    return object ? [object] : [];
  });
}

/** The text of a text object (`{ type, text }`), or a bare string where Slack allows one. */
export function textOf(value: unknown): string | undefined {
  return asString(value) ?? asString(asObject(value)?.text);
}
