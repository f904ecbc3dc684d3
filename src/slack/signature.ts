import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Slack signs each request with its timestamp; a signed body replayed later is refused
 * by the timestamp. Bolt's own check only refuses old timestamps, so a request signed
 * for tomorrow (a captured secret, a skewed proxy) would be served: here a timestamp
 * more than this far from our clock, either way, is refused.
 */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export type SignatureProblem = 'missing' | 'stale' | 'future' | 'mismatch';

export function checkSignature(request: { secret: string; timestamp?: string; signature?: string; body: Buffer; nowMs: number }): SignatureProblem | undefined {
  const { timestamp, signature } = request;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return 'missing';
  const skew = Number(timestamp) - Math.floor(request.nowMs / 1000);
  if (skew < -SIGNATURE_WINDOW_SECONDS) return 'stale';
  if (skew > SIGNATURE_WINDOW_SECONDS) return 'future';
  const expected = Buffer.from(`v0=${createHmac('sha256', request.secret).update(`v0:${timestamp}:`).update(request.body).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? undefined : 'mismatch';
}
