import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.js';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { adapterFactoryFor } from './adapters.js';
import { backfillLeadKeys, LEAD_KEYS_MIGRATION } from './lead-keys-backfill.js';
import { migrateDatabase } from './migrate.js';
import { rescoreLeads, SCORING_MIGRATION } from './scoring.js';
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteAdapterFactory, type SqliteAdapterOptions } from './sqlite-adapter.js';
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
  const adapter = adapterFactoryFor(databaseUrl, provider, options.sqlite);
  const db = provider === 'postgresql' ? (new PostgresClient({ adapter }) as unknown as Db) : new SqliteClient({ adapter });
  await db.$connect();
  providers.set(db, provider);
  if (adapter instanceof SqliteAdapterFactory) sqliteAdapters.set(db, adapter);
  if (applied.some((name) => name.endsWith(LEAD_KEYS_MIGRATION))) await backfillLeadKeys(db);
  // Leads from before scoring get their score once, when the migration that brought it runs.
  if (applied.some((name) => name.endsWith(SCORING_MIGRATION))) await rescoreLeads(db);
  return { db, provider, close: () => db.$disconnect() };
}

const providers = new WeakMap<Db, Provider>();
const sqliteAdapters = new WeakMap<Db, SqliteAdapterFactory>();

/**
 * For a SQLite client, the connection of its open transaction (sqlite-adapter.ts), to be
 * used only inside `db.$transaction`: the bulk writes of an import run there as prepared
 * statements, where Prisma would serialize and parse again each batch's megabytes of JSON.
 */
export function sqliteTransactionConnection(db: Db): BetterSqlite3.Database | undefined {
  return sqliteAdapters.get(db)?.connected?.openTransaction;
}

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
