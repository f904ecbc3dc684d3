/**
 * Maintainer commands for the database schema, run without Prisma's native engines
 * (their download is blocked behind most firewalls; see README "Database").
 *
 *   tsx scripts/prisma.ts generate           write both Prisma clients (runs on npm install)
 *   tsx scripts/prisma.ts migration <name>   add a migration for SQLite and for PostgreSQL
 *   tsx scripts/prisma.ts check              fail if the migrations lag behind the schema
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MIGRATION_SCHEMA_FILE, pendingSchemaChanges } from '../src/store/migrate.js';
import { migrationsDir, PRISMA_DIR, PROVIDERS, readSchema } from '../src/store/schema-source.js';

async function generate(): Promise<void> {
  const env = {
    ...process.env,
    // `prisma generate` needs no engine but refuses to run unless this points at a file.
    PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
  for (const provider of PROVIDERS) {
    const { content } = await readSchema(provider);
    const dir = path.join(PRISMA_DIR, 'generated');
    mkdirSync(dir, { recursive: true });
    // Written beside the source so that the generator's relative output path holds for both.
    const schemaPath = provider === 'sqlite' ? path.join(PRISMA_DIR, 'schema.prisma') : path.join(dir, `${provider}.prisma`);
    if (provider !== 'sqlite') writeFileSync(schemaPath, `// Derived from prisma/schema.prisma by scripts/prisma.ts. Do not edit.\n${content}`);
    execFileSync(process.execPath, [path.join('node_modules', 'prisma', 'build', 'index.js'), 'generate', '--schema', schemaPath], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  console.log('Prisma clients generated for', PROVIDERS.join(' and '));
}

async function createMigration(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('migration name: lower-case letters, digits and _ only');
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  for (const provider of PROVIDERS) {
    const sql = await pendingSchemaChanges(provider);
    if (!sql) {
      console.log(`${provider}: schema unchanged, no migration written`);
      continue;
    }
    const dir = path.join(migrationsDir(provider), `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), `${sql}\n`);
    writeFileSync(path.join(dir, MIGRATION_SCHEMA_FILE), (await readSchema(provider)).content);
    writeFileSync(
      path.join(migrationsDir(provider), 'migration_lock.toml'),
      `# Written by scripts/prisma.ts. Do not edit.\nprovider = "${provider}"\n`,
    );
    console.log(`${provider}: wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
}

async function check(): Promise<void> {
  const lagging: string[] = [];
  for (const provider of PROVIDERS) {
    const sql = await pendingSchemaChanges(provider);
    if (sql) lagging.push(`${provider}:\n${sql}`);
  }
  if (lagging.length > 0) {
    throw new Error(`migrations lag behind prisma/schema.prisma; run npm run db:migration -- <name>\n${lagging.join('\n')}`);
  }
  console.log('migrations are in step with prisma/schema.prisma');
}

const [command, argument] = process.argv.slice(2);
try {
  if (command === 'generate') await generate();
  else if (command === 'migration' && argument) await createMigration(argument);
  else if (command === 'check') await check();
  else throw new Error('usage: tsx scripts/prisma.ts generate | migration <name> | check');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
