import { DEFAULT_FOLLOW_UP_RULES } from '../../src/domain/follow-ups.js';
import { DEFAULT_SCORING_RULES } from '../../src/domain/scoring.js';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../src/app/caller.js';
import { advanceLead, undoLastChange } from '../../src/app/leads.js';
import { NothingToUndo } from '../../src/domain/errors.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import { leadCardMessage } from '../../src/slack/blocks/lead-card.js';
import { adapterFactoryFor } from '../../src/store/adapters.js';
import { openDatabase } from '../../src/store/database.js';
import { leadCard, leadHistory } from '../../src/store/leads.js';
import { migrateDatabase } from '../../src/store/migrate.js';
import { openSchemaEngine } from '../../src/store/schema-engine.js';
import { loadMigrations, providerOf, readSchema, type Provider } from '../../src/store/schema-source.js';
import { DATABASES, emptyDatabase } from '../support/databases.js';
import { blockText, journalOf } from '../support/leads.js';
import { startTestApp } from '../support/test-app.js';

const MIGRATION = '_journal';
/** The old rows live in the workspace the test app serves, so `/lead show` can read them. */
const TEAM = FAKE_TEAM.id;

/** The database as it was before the journal: every migration up to that one. */
async function migrateUpToJournal(url: string, provider: Provider): Promise<void> {
  const migrations = await loadMigrations(provider);
  const journal = migrations.migrationDirectories.findIndex((directory) => directory.path.endsWith(`20261202142726${MIGRATION}`));
  expect(journal).toBeGreaterThan(0);
  const { engine, close } = await openSchemaEngine(await readSchema(provider), adapterFactoryFor(url, provider));
  try {
    await engine.applyMigrations({
      migrationsList: { ...migrations, migrationDirectories: migrations.migrationDirectories.slice(0, journal) },
      filters: { externalTables: [], externalEnums: [] },
    });
  } finally {
    await close();
  }
}

const T = (minutes: number) => new Date(Date.parse('2026-11-18T02:00:00Z') + minutes * 60_000);

/** A timestamp as each database held it: text on SQLite (Prisma's ISO form), a TIMESTAMP on PostgreSQL. */
function at(provider: Provider, minutes: number): string {
  const iso = T(minutes).toISOString();
  return provider === 'sqlite' ? `'${iso.replace('Z', '+00:00')}'` : `'${iso.replace('T', ' ').replace('Z', '')}'`;
}

/**
 * History as the stage_change and owner_change tables kept it. Lead 1: added by Mei,
 * called (with a note), handed to Lei by the manager, and at one moment both moved to
 * Proposal by Lei and handed on to Wang (a stage and an owner change with the same
 * time). Lead 2: added by Lei and lost. Lead 3: no history at all. The rows are
 * inserted out of time order, as ids and times need not agree.
 */
function oldRows(provider: Provider): string {
  const a = (m: number) => at(provider, m);
  const lead = (id: number, number: string, name: string, owner: string, stage: string, extra = '') =>
    `INSERT INTO "lead" ("id", "workspaceId", "number", "name", "ownerId", "createdById", "stage", "acquiredAt", "updatedAt"${extra ? ', "contactedAt", "proposalAt"' : ''}) VALUES (${id}, '${TEAM}', '${number}', '${name}', '${owner}', 'U0MEI', '${stage}', ${a(0)}, ${a(30)}${extra})`;
  const stage = (id: number, leadId: number, from: string | null, to: string, m: number, by: string, note: string | null) =>
    `INSERT INTO "stage_change" ("id", "leadId", "fromStage", "toStage", "changedAt", "changedById", "note") VALUES (${id}, ${leadId}, ${from ? `'${from}'` : 'NULL'}, '${to}', ${a(m)}, '${by}', ${note ? `'${note}'` : 'NULL'})`;
  const owner = (id: number, leadId: number, from: string | null, to: string, m: number, by: string) =>
    `INSERT INTO "owner_change" ("id", "leadId", "fromOwnerId", "toOwnerId", "changedAt", "changedById") VALUES (${id}, ${leadId}, ${from ? `'${from}'` : 'NULL'}, '${to}', ${a(m)}, '${by}')`;
  return [
    `INSERT INTO "workspace" ("id", "timeZone", "updatedAt") VALUES ('${TEAM}', 'Asia/Shanghai', ${a(0)})`,
    `INSERT INTO "member" ("workspaceId", "userId", "name", "fetchedAt") VALUES ('${TEAM}', 'U0MEI', 'mei', ${a(0)})`,
    lead(1, '20261118001', 'Acme', 'U0WANG', 'PROPOSAL', `, ${a(5)}, ${a(20)}`),
    lead(2, '20261118002', 'Beta', 'U0LEI', 'LOST'),
    lead(3, '20261118003', 'Gamma', 'U0MEI', 'ACQUIRED'),
    stage(7, 1, 'CONTACTED', 'PROPOSAL', 20, 'U0LEI', null),
    stage(1, 1, null, 'ACQUIRED', 0, 'U0MEI', null),
    stage(2, 1, 'ACQUIRED', 'CONTACTED', 5, 'U0MEI', 'called, wants a demo'),
    stage(3, 2, null, 'ACQUIRED', 1, 'U0LEI', null),
    stage(4, 2, 'ACQUIRED', 'LOST', 12, 'U0LEI', 'no budget'),
    owner(9, 1, 'U0LEI', 'U0WANG', 20, 'U0BOSS'),
    owner(1, 1, null, 'U0MEI', 0, 'U0MEI'),
    owner(2, 2, null, 'U0LEI', 1, 'U0LEI'),
    owner(5, 1, 'U0MEI', 'U0LEI', 10, 'U0BOSS'),
  ].join(';\n');
}

describe.each(DATABASES)('the journal migration carries stage and owner history into activity (%s)', (kind) => {
  it('turns old history into created/stage/owner entries, in time order, readable on the card and not undoable', async () => {
    const { url, remove } = await emptyDatabase(kind);
    const provider = providerOf(url);
    try {
      await migrateUpToJournal(url, provider);
      const adapter = await adapterFactoryFor(url, provider).connect();
      try {
        await adapter.executeScript(oldRows(provider));
      } finally {
        await adapter.dispose();
      }
      expect((await migrateDatabase(url, provider)).filter((name) => name.endsWith(MIGRATION))).toEqual(['20261202142726_journal']);

      const database = await openDatabase(url);
      try {
        const { db } = database;
        const rows = await db.activity.findMany({ orderBy: { id: 'asc' } });
        // Oldest first across the workspace; at one moment the stage change comes before the owner change.
        expect(rows.map((row) => [row.leadId, row.kind, row.at.toISOString()])).toEqual([
          [1, 'created', T(0).toISOString()],
          [2, 'created', T(1).toISOString()],
          [1, 'stage', T(5).toISOString()],
          [1, 'owner', T(10).toISOString()],
          [2, 'stage', T(12).toISOString()],
          [1, 'stage', T(20).toISOString()],
          [1, 'owner', T(20).toISOString()],
        ]);
        for (const row of rows) {
          expect(row).toMatchObject({ workspaceId: TEAM, via: 'slack', leadVersion: null, revertsId: null });
        }

        const acme = await journalOf(db, 1);
        expect(acme.map((entry) => ({ kind: entry.kind, before: entry.before, after: entry.after, byId: entry.byId, note: entry.note }))).toEqual([
          { kind: 'created', before: null, after: { stage: 'ACQUIRED', ownerId: 'U0MEI' }, byId: 'U0MEI', note: null },
          { kind: 'stage', before: { stage: 'ACQUIRED' }, after: { stage: 'CONTACTED' }, byId: 'U0MEI', note: 'called, wants a demo' },
          { kind: 'owner', before: { ownerId: 'U0MEI' }, after: { ownerId: 'U0LEI' }, byId: 'U0BOSS', note: null },
          { kind: 'stage', before: { stage: 'CONTACTED' }, after: { stage: 'PROPOSAL' }, byId: 'U0LEI', note: null },
          { kind: 'owner', before: { ownerId: 'U0LEI' }, after: { ownerId: 'U0WANG' }, byId: 'U0BOSS', note: null },
        ]);
        const beta = await journalOf(db, 2);
        expect(beta.map((entry) => [entry.kind, entry.before, entry.after, entry.byId, entry.note])).toEqual([
          ['created', null, { stage: 'ACQUIRED', ownerId: 'U0LEI' }, 'U0LEI', null],
          ['stage', { stage: 'ACQUIRED' }, { stage: 'LOST' }, 'U0LEI', 'no budget'],
        ]);
        expect(await journalOf(db, 3)).toEqual([]);

        // The rest of the schema moved on: versions start at 0, members have no role yet.
        expect((await db.lead.findMany({ orderBy: { id: 'asc' }, select: { version: true } })).map((lead) => lead.version)).toEqual([0, 0, 0]);
        expect(await db.member.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId: TEAM, userId: 'U0MEI' } } })).toMatchObject({ role: null, slackAdmin: false });

        // The journal's reader decodes the carried-over entries.
        const history = await leadHistory(db, TEAM, '20261118001');
        expect(history.entries.map((entry) => [entry.kind, entry.before, entry.after])).toEqual([
          ['created', {}, { stage: 'ACQUIRED', ownerId: 'U0MEI' }],
          ['stage', { stage: 'ACQUIRED' }, { stage: 'CONTACTED' }],
          ['owner', { ownerId: 'U0MEI' }, { ownerId: 'U0LEI' }],
          ['stage', { stage: 'CONTACTED' }, { stage: 'PROPOSAL' }],
          ['owner', { ownerId: 'U0LEI' }, { ownerId: 'U0WANG' }],
        ]);

        // The card shows the old history in plain words.
        const card = leadCardMessage(await leadCard(db, TEAM, '20261118001'), 'en', 'Asia/Shanghai', 'CNY');
        const timeline = (card.blocks as Array<{ type: string; text?: { text: string } }>).find((block) => block.text?.text.startsWith('*Timeline*'))!.text!.text;
        expect(timeline.split('\n').map((line) => line.replace(/ · <!date\^.*$/, ''))).toEqual([
          '*Timeline*',
          '• <@U0MEI> added it',
          '• <@U0MEI> moved it Acquired → *Contacted* — _called, wants a demo_',
          '• <@U0BOSS> handed it from <@U0MEI> to <@U0LEI>',
          '• <@U0LEI> moved it Contacted → *Proposal*',
          '• <@U0BOSS> handed it from <@U0LEI> to <@U0WANG>',
        ]);
        const lost = leadCardMessage(await leadCard(db, TEAM, '20261118002'), 'en', 'Asia/Shanghai', 'CNY');
        expect(blockText(lost)).toContain('• <@U0LEI> marked it *lost* — _no budget_ · <!date^');

        // Old entries can be read, not undone; a change made now is journalled with a version.
        const workspace = { id: TEAM, timeZone: 'Asia/Shanghai', locale: 'en' as const, currency: 'CNY', nativeCharts: false, followUp: DEFAULT_FOLLOW_UP_RULES, flagMarginPoints: 10, scoring: DEFAULT_SCORING_RULES };
        const manager: Caller = { workspace, userId: 'U0BOSS', role: 'manager', now: T(60), via: 'cli' };
        await expect(undoLastChange(manager, db, { number: '20261118001' })).rejects.toBeInstanceOf(NothingToUndo);
        const moved = await advanceLead(manager, db, { number: '20261118001' });
        expect(moved.lead).toMatchObject({ stage: 'NEGOTIATION', version: 1 });
        expect(moved.entry).toMatchObject({ kind: 'stage', leadVersion: 1, byId: 'U0BOSS', via: 'cli' });
      } finally {
        await database.close();
      }

      // And `/lead show` in Slack shows it too.
      const served = await openDatabase(url, { migrate: false });
      const app = await startTestApp(kind, { database: { ...served, url, drop: () => served.close() } });
      try {
        app.setNow(T(90));
        const shown = blockText((await app.driver.command('show 20261118001', { user: { id: 'U0MEI', name: 'mei' } })).json);
        expect(shown).toContain('<@U0MEI> added it · <!date^');
        expect(shown).toContain('<@U0MEI> moved it Acquired → *Contacted* — _called, wants a demo_ · <!date^');
        expect(shown).toContain('<@U0BOSS> handed it from <@U0LEI> to <@U0WANG> · <!date^');
        expect(shown).toContain('<@U0BOSS> moved it Proposal → *Negotiation* · <!date^');
      } finally {
        await app.close();
        await served.close();
      }
    } finally {
      await remove();
    }
  });
});
