import type { Db } from './database.js';

export interface WorkspaceSettings {
  id: string;
  timeZone: string;
  locale: 'en' | 'zh';
  /** ISO 4217: the money amounts are in, shown with its symbol. */
  currency: string;
  nativeCharts: boolean;
}

export interface WorkspaceDefaults {
  timeZone: string;
  locale: 'en' | 'zh';
}

/**
 * Every request names its Slack team; the first one from a team creates its row with
 * the configured defaults. Settings are cached per process: they change rarely and are
 * read on every request.
 */
export class Workspaces {
  readonly #cache = new Map<string, WorkspaceSettings>();

  constructor(private readonly db: Db, private readonly defaults: WorkspaceDefaults) {}

  /** Drops the cached settings after they were changed, so the next request reads them anew. */
  forget(teamId: string): void {
    this.#cache.delete(teamId);
  }

  async get(teamId: string): Promise<WorkspaceSettings> {
    const cached = this.#cache.get(teamId);
    if (cached) return cached;
    const row = await this.db.workspace.upsert({
      where: { id: teamId },
      create: { id: teamId, timeZone: this.defaults.timeZone, locale: this.defaults.locale },
      update: {},
    });
    const settings: WorkspaceSettings = { id: row.id, timeZone: row.timeZone, locale: row.locale === 'zh' ? 'zh' : 'en', currency: row.currency, nativeCharts: row.nativeCharts };
    this.#cache.set(teamId, settings);
    return settings;
  }
}
