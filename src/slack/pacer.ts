/**
 * Slack allows about one message a second per channel (chat.postMessage); bursts get
 * 429s. Posts to one channel are spaced out here instead of retried after the fact.
 */
export class ChannelPacer {
  readonly #next = new Map<string, number>();

  constructor(private readonly spacingMs = 1100, private readonly sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))) {}

  async wait(channel: string): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.#next.get(channel) ?? 0);
    this.#next.set(channel, slot + this.spacingMs);
    if (slot > now) await this.sleep(slot - now);
  }
}
