import type { WebClient } from '@slack/web-api';
import { homeOf } from '../app/home.js';
import { homeView } from './blocks/home.js';
import { actorFor, type Actor } from './listen.js';
import type { AppServices } from './services.js';

/** Publishes a person's App Home: their day, their leads, and for a manager the team. */
export async function publishHome(services: AppServices, actor: Actor, page = 0): Promise<void> {
  const model = await homeOf(actor, services, { page });
  const context = { locale: actor.locale, timeZone: actor.workspace.timeZone, currency: actor.workspace.currency, scoring: actor.workspace.scoring };
  await actor.client.views.publish({ user_id: actor.userId, view: homeView(model, context, actor.now) });
  services.homes.viewed(actor.workspace.id, actor.userId, page);
}

export interface HomeTimers {
  set(task: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: HomeTimers = {
  set: (task, delayMs) => setTimeout(task, delayMs),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Keeps open Homes current. A person who has looked at their Home gets it published
 * again after a change to their leads, once per burst: five quick changes are one
 * publish, `delayMs` after the last. Who has looked, and on which page, is kept in
 * memory; after a restart a Home is fresh again from the next time it is opened.
 */
export class HomeRefresher {
  readonly #viewers = new Map<string, number>();
  readonly #pending = new Map<string, unknown>();

  constructor(private readonly delayMs: number, private readonly timers: HomeTimers = REAL_TIMERS) {}

  viewed(workspaceId: string, userId: string, page: number): void {
    this.#viewers.set(`${workspaceId}:${userId}`, page);
  }

  /** Runs `publish(page)` after the burst, if the person has a Home to keep current. */
  changed(workspaceId: string, userId: string, publish: (page: number) => Promise<void>): void {
    const key = `${workspaceId}:${userId}`;
    if (!this.#viewers.has(key)) return;
    const waiting = this.#pending.get(key);
    if (waiting !== undefined) this.timers.clear(waiting);
    this.#pending.set(
      key,
      this.timers.set(() => {
        this.#pending.delete(key);
        void publish(this.#viewers.get(key) ?? 0);
      }, this.delayMs),
    );
  }

  /** Drops what is waiting (the app is stopping). */
  stop(): void {
    for (const handle of this.#pending.values()) this.timers.clear(handle);
    this.#pending.clear();
  }
}

/** After a change to a lead: the Homes of the person who made it and of the lead's owner. */
export function refreshHomesAfterChange(services: AppServices, actor: Actor, ownerId: string): void {
  for (const userId of new Set([actor.userId, ownerId])) {
    services.homes.changed(actor.workspace.id, userId, async (page) => {
      try {
        const reader = userId === actor.userId ? { ...actor, now: services.now() } : await actorFor(services, actor.workspace.id, userId, undefined, actor.client as WebClient);
        await publishHome(services, reader, page);
      } catch (error) {
        services.logger.warn({ err: error, user: userId }, 'could not refresh the App Home');
      }
    });
  }
}
