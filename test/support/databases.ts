import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from './postgres-server.js';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.js';

export const DATABASES = ['sqlite', 'postgresql'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

export interface TestDatabase extends Database {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty, migrated database of the given kind, all of its own. */
export async function freshDatabase(kind: DatabaseKind, options: Parameters<typeof openDatabase>[1] = {}): Promise<TestDatabase> {
  const { url, remove } = await emptyDatabase(kind);
  const database = await openDatabase(url, options);
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      await remove();
    },
  };
}

/** A new database of the given kind with nothing in it, not even migrations: for tests of the migrations themselves. */
export async function emptyDatabase(kind: DatabaseKind): Promise<{ url: string; remove(): Promise<void> }> {
  return kind === 'sqlite' ? freshSqliteUrl() : await freshPostgresUrl();
}

function freshSqliteUrl() {
  const dir = mkdtempSync(path.join(tmpdir(), 'leadops-test-'));
  return { url: `file:${path.join(dir, 'leadops.db')}`, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function freshPostgresUrl() {
  const serverUrl = inject('postgresUrl');
  const scratch = await createScratchDatabase(serverUrl, `leadops_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`);
  return { url: scratch.url, remove: scratch.drop };
}
