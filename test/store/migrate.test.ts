import { describe, expect, it } from 'vitest';
import { migrateDatabase, pendingSchemaChanges } from '../../src/store/migrate.js';
import { PROVIDERS, providerOf } from '../../src/store/schema-source.js';
import { DATABASES, freshDatabase } from '../support/databases.js';

describe('migrations', () => {
  it.each(PROVIDERS)('are in step with prisma/schema.prisma for %s', async (provider) => {
    expect(await pendingSchemaChanges(provider)).toBe('');
  });

  it.each(DATABASES)('notices a migration the database has not recorded and hands it to the engine (%s)', async (kind) => {
    const database = await freshDatabase(kind);
    try {
      // The first migration, which creates the tables: a later one may be harmless to apply twice
      // (PostgreSQL's DROP NOT NULL is), which would prove nothing.
      const [first] = await database.db.$queryRawUnsafe<Array<{ migration_name: string }>>('SELECT "migration_name" FROM "_prisma_migrations" ORDER BY "migration_name" ASC LIMIT 1');
      await database.db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '${first!.migration_name}'`);
      // Its objects still exist, so applying it again fails: proof that it was not skipped.
      await expect(migrateDatabase(database.url, providerOf(database.url))).rejects.toThrow();
    } finally {
      await database.drop();
    }
  });

  it.each(DATABASES)('run once on %s: a second start applies nothing', async (kind) => {
    const database = await freshDatabase(kind);
    try {
      expect(await migrateDatabase(database.url, providerOf(database.url))).toEqual([]);
      const tables = ['workspace', 'lead', 'activity', 'follow_up', 'tag', 'lead_tag', 'goal', 'action_item', 'cost_entry', 'job_run'];
      for (const table of tables) {
        const rows = await database.db.$queryRawUnsafe<Array<{ n: number | bigint }>>(`SELECT COUNT(*) AS n FROM "${table}"`);
        expect(Number(rows[0]!.n)).toBe(0);
      }
    } finally {
      await database.drop();
    }
  });
});
