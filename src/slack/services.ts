import type { Logger } from 'pino';
import type { Db } from '../store/database.js';
import type { Provider } from '../store/schema-source.js';
import type { Workspaces } from '../store/workspaces.js';

/** What every listener may use; built once in main.ts (or a test) and passed in. */
export interface AppServices {
  db: Db;
  /** Which SQL dialect the few raw queries (date arithmetic) must speak. */
  provider: Provider;
  workspaces: Workspaces;
  logger: Logger;
  now(): Date;
}
