import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Provider } from './schema-source.js';

export function adapterFactoryFor(databaseUrl: string, provider: Provider): SqlMigrationAwareDriverAdapterFactory {
  if (provider === 'postgresql') return new PrismaPg({ connectionString: databaseUrl });
  // A busy timeout lets concurrent writers from a second process wait instead of failing at once.
  return new PrismaBetterSqlite3({ url: databaseUrl, timeout: 5000 });
}
