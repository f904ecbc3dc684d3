import type { Logger } from 'pino';
import { DEFAULT_FUNNEL_WINDOW_WEEKS } from '../digests/funnel-digest.js';
import type { Database, Db } from '../store/database.js';
import { Receipts } from '../store/receipts.js';
import type { Provider } from '../store/schema-source.js';
import { Workspaces, type WorkspaceDefaults } from '../store/workspaces.js';

/** What every listener may use; built once in main.ts (or a test) and passed in. */
export interface AppServices {
  db: Db;
  /** Which SQL dialect the few raw queries (date arithmetic) must speak. */
  provider: Provider;
  workspaces: Workspaces;
  /** Requests already applied, so that a re-sent one changes nothing. */
  receipts: Receipts;
  logger: Logger;
  now(): Date;
  /** How many weeks of leads a funnel covers: FUNNEL_WINDOW_WEEKS, the same for /lead funnel as for the Friday digest. */
  funnelWindowWeeks: number;
}

export function appServices(database: Database, options: { defaults: WorkspaceDefaults; logger: Logger; now?: () => Date; funnelWindowWeeks?: number }): AppServices {
  return {
    db: database.db,
    provider: database.provider,
    workspaces: new Workspaces(database.db, options.defaults),
    receipts: new Receipts(database.db),
    logger: options.logger,
    now: options.now ?? (() => new Date()),
    funnelWindowWeeks: options.funnelWindowWeeks ?? DEFAULT_FUNNEL_WINDOW_WEEKS,
  };
}
