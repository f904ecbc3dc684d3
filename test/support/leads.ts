import type { NewLead } from '../../src/store/leads.js';
import { createLead } from '../../src/store/leads.js';
import { FAKE_TEAM } from '../../src/playground/fake-slack.js';
import type { TestApp } from './test-app.js';

/** A lead as if a rep had added it, straight through the store (for tests about what comes after). */
export async function seedLead(app: TestApp, overrides: Partial<NewLead> = {}) {
  const workspace = await app.services.workspaces.get(FAKE_TEAM.id);
  const { lead } = await createLead(
    app.services.db,
    workspace,
    { name: 'Acme Robotics', ownerId: 'U0MEI', acquiredAt: app.services.now(), sourceChannel: '展会', ...overrides },
    { byId: overrides.ownerId ?? 'U0MEI', at: app.services.now(), via: 'system' },
  );
  return lead;
}

/** All the text of a reply's blocks, to assert on what a person reads. */
export function blockText(message: unknown): string {
  return JSON.stringify((message as { blocks?: unknown } | undefined)?.blocks ?? message);
}

/** The buttons of a message's actions blocks, by action id. */
export function buttonsOf(message: unknown): Map<string, { action_id: string; value?: string; block_id?: string }> {
  const blocks = ((message as { blocks?: Array<{ type: string; block_id?: string; elements?: Array<{ action_id: string; value?: string }> }> }).blocks ?? []);
  const buttons = new Map<string, { action_id: string; value?: string; block_id?: string }>();
  for (const block of blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements ?? []) buttons.set(element.action_id, { ...element, block_id: block.block_id });
  }
  return buttons;
}

/** A lead's journal as stored, oldest first, with before/after parsed: what tests check a write recorded. */
export async function journalOf(db: { activity: { findMany(args: object): Promise<Array<{ kind: string; before: string | null; after: string | null; byId: string; via: string; note: string | null; revertsId: number | null; id: number }>> } }, leadId: number) {
  const rows = await db.activity.findMany({ where: { leadId }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({
    ...row,
    before: row.before ? (JSON.parse(row.before) as Record<string, unknown>) : null,
    after: row.after ? (JSON.parse(row.after) as Record<string, unknown>) : null,
  }));
}

/** Empties the leads, their journal and follow-ups, and the number sequences: each test starts from no lead. */
export async function forgetLeads(app: TestApp) {
  const { db } = app.database;
  await db.followUp.deleteMany();
  await db.activity.deleteMany();
  await db.lead.deleteMany();
  await db.leadNumberSequence.deleteMany();
}
