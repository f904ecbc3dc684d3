import { describe, expect, it } from 'vitest';
import { adapterFactoryFor } from '../../src/store/adapters.js';
import { openDatabase } from '../../src/store/database.js';
import { migrateDatabase } from '../../src/store/migrate.js';
import { openSchemaEngine } from '../../src/store/schema-engine.js';
import { loadMigrations, providerOf, readSchema, type Provider } from '../../src/store/schema-source.js';
import { DATABASES, emptyDatabase } from '../support/databases.js';

const MIGRATION = '_money_minor_units';

/** The database as it was before money became minor units: every migration up to that one. */
async function migrateUpToMoney(url: string, provider: Provider): Promise<void> {
  const migrations = await loadMigrations(provider);
  const money = migrations.migrationDirectories.findIndex((directory) => directory.path.endsWith(MIGRATION));
  expect(money).toBeGreaterThan(0);
  const { engine, close } = await openSchemaEngine(await readSchema(provider), adapterFactoryFor(url, provider));
  try {
    await engine.applyMigrations({
      migrationsList: { ...migrations, migrationDirectories: migrations.migrationDirectories.slice(0, money) },
      filters: { externalTables: [], externalEnums: [] },
    });
  } finally {
    await close();
  }
}

/** Rows as the Decimal columns held them; SQLite's NUMERIC affinity made REALs of the fractions. */
function oldRows(provider: Provider): string {
  const at = provider === 'sqlite' ? `'2026-11-20T08:00:00.000+00:00'` : `'2026-11-20 08:00:00'`;
  const lead = (id: number, deal: string, cost: string) =>
    `INSERT INTO "lead" ("id", "workspaceId", "number", "name", "ownerId", "createdById", "acquiredAt", "updatedAt", "dealAmount", "acquisitionCost") VALUES (${id}, 'TOLD', '${id}', 'L${id}', 'U1', 'U1', ${at}, ${at}, ${deal}, ${cost})`;
  const goal = (id: number, metric: string, target: string, baseline: string, finalActual: string) =>
    `INSERT INTO "goal" ("id", "workspaceId", "metric", "target", "baseline", "finalActual", "periodStart", "periodEnd", "createdById") VALUES (${id}, 'TOLD', '${metric}', ${target}, ${baseline}, ${finalActual}, ${at}, ${at}, 'U1')`;
  return [
    `INSERT INTO "workspace" ("id", "updatedAt") VALUES ('TOLD', ${at})`,
    lead(1, '88000.5', '1200'),
    lead(2, 'NULL', 'NULL'),
    lead(3, '1234.56', '0.1'),
    lead(4, '999999999999.99', 'NULL'),
    goal(1, 'NEW_LEADS', '160', '46.666666666666664', 'NULL'),
    goal(2, 'REVENUE', '14000000', '11500000.333', '120000.5'),
    goal(3, 'CONVERSION_RATE', '0.125', 'NULL', '0.03'),
    `INSERT INTO "cost_entry" ("workspaceId", "sourceChannel", "periodStart", "periodEnd", "amount", "createdById") VALUES ('TOLD', 'seo', ${at}, ${at}, 5000.25, 'U1')`,
  ].join(';\n');
}

describe.each(DATABASES)('the money_minor_units migration carries existing data over (%s)', (kind) => {
  it('amounts become exact minor units, goal numbers exact decimal text, the workspace CNY', async () => {
    const { url, remove } = await emptyDatabase(kind);
    const provider = providerOf(url);
    try {
      await migrateUpToMoney(url, provider);
      const adapter = await adapterFactoryFor(url, provider).connect();
      try {
        await adapter.executeScript(oldRows(provider));
      } finally {
        await adapter.dispose();
      }
      expect((await migrateDatabase(url, provider)).filter((name) => name.endsWith(MIGRATION))).toHaveLength(1);

      const database = await openDatabase(url);
      try {
        const { db } = database;
        expect((await db.workspace.findUniqueOrThrow({ where: { id: 'TOLD' } })).currency).toBe('CNY');
        const leads = await db.lead.findMany({ orderBy: { id: 'asc' }, select: { dealAmountMinor: true, acquisitionCostMinor: true } });
        expect(leads).toEqual([
          { dealAmountMinor: 8800050n, acquisitionCostMinor: 120000n },
          { dealAmountMinor: null, acquisitionCostMinor: null },
          { dealAmountMinor: 123456n, acquisitionCostMinor: 10n },
          { dealAmountMinor: 99999999999999n, acquisitionCostMinor: null },
        ]);
        const goals = await db.goal.findMany({ orderBy: { id: 'asc' }, select: { target: true, baseline: true, finalActual: true } });
        expect(goals[0]).toMatchObject({ target: '160', finalActual: null });
        // 15 significant digits on SQLite (what its REAL gave back), all of them on PostgreSQL.
        expect(goals[0]!.baseline).toMatch(/^46\.66666666666\d+$/);
        expect(goals[1]).toEqual({ target: '14000000.00', baseline: '11500000.33', finalActual: '120000.50' });
        expect(goals[2]).toEqual({ target: '0.125', baseline: null, finalActual: '0.03' });
        expect((await db.costEntry.findFirstOrThrow()).amountMinor).toBe(500025n);
      } finally {
        await database.close();
      }
    } finally {
      await remove();
    }
  });
});
