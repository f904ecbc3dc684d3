import type { Logger } from 'pino';
import type { Via } from '../domain/journal.js';
import { DEFAULT_FUNNEL_WINDOW_WEEKS } from '../digests/funnel-digest.js';
import type { Database, Db } from '../store/database.js';
import { Receipts } from '../store/receipts.js';
import type { Provider } from '../store/schema-source.js';
import { Workspaces, type WorkspaceDefaults } from '../store/workspaces.js';
import { HomeRefresher } from './home.js';

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
  /** Draws in [0, 1) for what is picked at random (`/lead audit`'s sample): Math.random, or a seeded generator in tests. */
  random(): number;
  /** How many weeks of leads a funnel covers: FUNNEL_WINDOW_WEEKS, the same for /lead funnel as for the Friday digest. */
  funnelWindowWeeks: number;
  /** TEAM_ADMINS: admins whatever else is recorded; when empty, Slack's workspace admins and owners are. */
  teamAdmins: ReadonlySet<string>;
  /** What the journal records as the way in: `slack`, or `playground` when the playground drives the app. */
  via: Via;
  /** Who has an App Home open to keep current, and the debounce that republishes it. */
  homes: HomeRefresher;
  /** After `/lead config` changed a workspace's settings: the digest scheduler picks up a new zone or channel (main.ts wires it). */
  settingsChanged(workspaceId: string): void;
}

/** A burst of changes is one Home publish, this long after the last of them. */
export const HOME_REFRESH_DELAY_MS = 2000;

export interface AppServiceOptions {
  defaults: WorkspaceDefaults;
  logger: Logger;
  now?: () => Date;
  random?: () => number;
  funnelWindowWeeks?: number;
  teamAdmins?: Iterable<string>;
  via?: Via;
  /** The Home refresh's debounce (tests: 0). */
  homeRefreshDelayMs?: number;
  settingsChanged?: (workspaceId: string) => void;
}

export function appServices(database: Database, options: AppServiceOptions): AppServices {
  return {
    db: database.db,
    provider: database.provider,
    workspaces: new Workspaces(database.db, options.defaults),
    receipts: new Receipts(database.db),
    logger: options.logger,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    funnelWindowWeeks: options.funnelWindowWeeks ?? DEFAULT_FUNNEL_WINDOW_WEEKS,
    teamAdmins: new Set(options.teamAdmins ?? []),
    via: options.via ?? 'slack',
    homes: new HomeRefresher(options.homeRefreshDelayMs ?? HOME_REFRESH_DELAY_MS),
    settingsChanged: options.settingsChanged ?? (() => {}),
  };
}
