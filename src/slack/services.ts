import type { Logger } from 'pino';
import type { Db } from '../store/database.js';
import type { Workspaces } from '../store/workspaces.js';

/** What every listener may use; built once in main.ts (or a test) and passed in. */
export interface AppServices {
  db: Db;
  workspaces: Workspaces;
  logger: Logger;
  now(): Date;
}
