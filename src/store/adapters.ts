import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Provider } from './schema-source.js';
import { SqliteAdapterFactory, type SqliteAdapterOptions } from './sqlite-adapter.js';

export function adapterFactoryFor(databaseUrl: string, provider: Provider, sqlite: SqliteAdapterOptions = {}): SqlMigrationAwareDriverAdapterFactory {
  if (provider === 'postgresql') return new PrismaPg({ connectionString: databaseUrl });
  return new SqliteAdapterFactory(databaseUrl, sqlite);
}
