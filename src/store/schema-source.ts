import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';

export type Provider = 'sqlite' | 'postgresql';
export const PROVIDERS: readonly Provider[] = ['sqlite', 'postgresql'];

export const PRISMA_DIR = fileURLToPath(new URL('../../prisma/', import.meta.url));
export const SCHEMA_PATH = path.join(PRISMA_DIR, 'schema.prisma');

export function providerOf(databaseUrl: string): Provider {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgresql' : 'sqlite';
}

/**
 * prisma/schema.prisma is written for SQLite; a schema has exactly one provider,
 * so the PostgreSQL variant is derived from it rather than kept by hand.
 */
export function schemaFor(provider: Provider, source: string): string {
  if (provider === 'sqlite') return source;
  const derived = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/src\/generated\/sqlite"/, 'output       = "../../src/generated/postgresql"');
  if (derived === source || !derived.includes('generated/postgresql')) {
    throw new Error('prisma/schema.prisma no longer has the sqlite provider/output lines the PostgreSQL variant is derived from');
  }
  return derived;
}

export async function readSchema(provider: Provider): Promise<{ path: string; content: string }> {
  return { path: SCHEMA_PATH, content: schemaFor(provider, await readFile(SCHEMA_PATH, 'utf8')) };
}

export function migrationsDir(provider: Provider): string {
  return path.join(PRISMA_DIR, 'migrations', provider);
}

/** The committed migrations of one provider, in the form the schema engine takes. */
export async function loadMigrations(provider: Provider): Promise<MigrationList> {
  const baseDir = migrationsDir(provider);
  const names = existsSync(baseDir)
    ? (await readdir(baseDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  return {
    baseDir,
    lockfile: {
      path: 'migration_lock.toml',
      // The engine reads the connector from the lockfile, also before the first migration exists.
      content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : `provider = "${provider}"\n`,
    },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok' as const, value: await readFile(path.join(baseDir, name, 'migration.sql'), 'utf8') },
        },
      })),
    ),
  };
}
