import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.js';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { adapterFactoryFor } from './adapters.js';
import { backfillLeadKeys, LEAD_KEYS_MIGRATION } from './lead-keys-backfill.js';
import { migrateDatabase } from './migrate.js';
import { rescoreLeads, SCORING_MIGRATION } from './scoring.js';
import type { SqliteAdapterOptions } from './sqlite-adapter.js';
import { providerOf, type Provider } from './schema-source.js';

/**
 * Both generated clients come from one schema, so their model APIs are the same;
 * the SQLite client's type stands for both inside the app.
 */
export type Db = SqliteClient;

export interface Database {
  readonly db: Db;
  readonly provider: Provider;
  close(): Promise<void>;
}

export async function openDatabase(databaseUrl: string, options: { migrate?: boolean; sqlite?: SqliteAdapterOptions } = {}): Promise<Database> {
  const provider = providerOf(databaseUrl);
  if (provider === 'sqlite') ensureSqliteDirectory(databaseUrl);
  const applied = options.migrate !== false ? await migrateDatabase(databaseUrl, provider) : [];
  const db =
    provider === 'postgresql'
      ? (new PostgresClient({ adapter: adapterFactoryFor(databaseUrl, provider) }) as unknown as Db)
      : new SqliteClient({ adapter: adapterFactoryFor(databaseUrl, provider, options.sqlite) });
  await db.$connect();
  providers.set(db, provider);
  if (applied.some((name) => name.endsWith(LEAD_KEYS_MIGRATION))) await backfillLeadKeys(db);
  // Leads from before scoring get their score once, when the migration that brought it runs.
  if (applied.some((name) => name.endsWith(SCORING_MIGRATION))) await rescoreLeads(db);
  return { db, provider, close: () => db.$disconnect() };
}

const providers = new WeakMap<Db, Provider>();

/** Which database a client of openDatabase speaks to, for the few statements written in its own SQL. */
export function providerOfClient(db: Db): Provider {
  const provider = providers.get(db);
  if (!provider) throw new Error('a database client not opened by openDatabase');
  return provider;
}

function ensureSqliteDirectory(databaseUrl: string): void {
  const file = databaseUrl.replace(/^file:/, '');
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}
