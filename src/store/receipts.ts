import type { Db } from './database.js';
import { isUniqueViolation } from './unique-violation.js';

/**
 * Requests already taken (a command, a click, a modal submission), kept for as long as
 * the same signed request could arrive again. A signature is accepted for five minutes
 * either side of its timestamp, so a request first seen at t can be replayed until
 * t + 10 minutes at most; after that its receipt is no longer needed.
 */
export const RECEIPT_KEPT_MS = 10 * 60_000;

/** Pruning is one indexed delete; once a minute per process keeps the table small without a job. */
const PRUNE_EVERY_MS = 60_000;

export type ReceiptClaim =
  | { first: true }
  /** The same request was taken before: what it was answered with, once that is known. */
  | { first: false; response?: unknown; done: boolean };

export class Receipts {
  #lastPrunedAt = 0;

  constructor(private readonly db: Db) {}

  /**
   * Takes the request's key. The insert is the claim: with two app instances on one
   * database the unique key lets exactly one of them through.
   */
  async claim(key: string, now: Date): Promise<ReceiptClaim> {
    await this.#pruneNowAndThen(now);
    try {
      await this.db.requestReceipt.create({ data: { key, receivedAt: now } });
      return { first: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const earlier = await this.db.requestReceipt.findUnique({ where: { key } });
    if (!earlier) return { first: false, done: false };
    return { first: false, done: earlier.done, response: earlier.response ? (JSON.parse(earlier.response) as unknown) : undefined };
  }

  /** Keeps the first answer, for re-sends of the same request. */
  async finish(key: string, response: unknown): Promise<void> {
    await this.db.requestReceipt.update({ where: { key }, data: { done: true, response: response === undefined ? null : JSON.stringify(response) } });
  }

  /** The request failed before it could change anything: a re-send may try again. */
  async release(key: string): Promise<void> {
    await this.db.requestReceipt.deleteMany({ where: { key, done: false } });
  }

  async #pruneNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - this.#lastPrunedAt < PRUNE_EVERY_MS && this.#lastPrunedAt <= now.getTime()) return;
    this.#lastPrunedAt = now.getTime();
    await this.db.requestReceipt.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - RECEIPT_KEPT_MS) } } });
  }
}
