import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { adapterFactoryFor } from './adapters.js';
import { openSchemaEngine } from './schema-engine.js';
import { loadMigrations, migrationsDir, readSchema, type Provider } from './schema-source.js';

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * The migrations the database records as applied, or undefined when it has no record
 * yet (a new database). Read with a plain connection: loading the WebAssembly schema
 * engine costs some 25-50 MB that a process keeps for life (bench/digest.ts), so it is
 * only loaded when there is something to apply.
 */
async function appliedMigrations(databaseUrl: string, provider: Provider): Promise<Set<string> | undefined> {
  const adapter = await adapterFactoryFor(databaseUrl, provider).connect();
  try {
    const result = await adapter.queryRaw({
      sql: 'SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL',
      args: [],
      argTypes: [],
    });
    return new Set(result.rows.map((row) => String(row[0])));
  } catch {
    return undefined;
  } finally {
    await adapter.dispose();
  }
}

/**
 * Applies the committed migrations that the database has not seen yet.
 * The engine records them in _prisma_migrations, so a second run is a no-op.
 */
export async function migrateDatabase(databaseUrl: string, provider: Provider): Promise<string[]> {
  const migrations = await loadMigrations(provider);
  const applied = await appliedMigrations(databaseUrl, provider);
  if (applied && migrations.migrationDirectories.every((directory) => applied.has(directory.path))) return [];
  const { engine, close } = await openSchemaEngine(await readSchema(provider), adapterFactoryFor(databaseUrl, provider));
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: migrations, filters: NO_FILTERS });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}

/** Each migration folder keeps the schema it brings the database to. */
export const MIGRATION_SCHEMA_FILE = 'schema.prisma';

/**
 * The SQL that takes the newest migration's schema to prisma/schema.prisma; empty when
 * they are in step. It compares two schema texts, so it needs no database: Prisma's own
 * route replays migrations in a shadow database, which the wasm engine of this Prisma
 * version cannot do through the 7.10 driver adapters (multi-statement scripts on SQLite,
 * the "char" catalog type on PostgreSQL).
 */
export async function pendingSchemaChanges(provider: Provider): Promise<string> {
  const target = await readSchema(provider);
  const { migrationDirectories } = await loadMigrations(provider);
  const newest = migrationDirectories.at(-1);
  const snapshotPath = newest && path.join(migrationsDir(provider), newest.path, MIGRATION_SCHEMA_FILE);
  if (snapshotPath && !existsSync(snapshotPath)) throw new Error(`${snapshotPath} is missing`);
  const from = snapshotPath
    ? { tag: 'schemaDatamodel' as const, files: [{ path: snapshotPath, content: await readFile(snapshotPath, 'utf8') }] }
    : { tag: 'empty' as const };
  const { engine, close } = await openSchemaEngine(target, new PrismaBetterSqlite3({ url: ':memory:' }));
  try {
    const { stdout } = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [target] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return (stdout ?? '').replace(/^-- This is an empty migration\.\s*$/m, '').trim();
  } finally {
    await close();
  }
}
