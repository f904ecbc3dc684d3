import { changedFields, encodePatch, fieldsOf, pick, type LeadColumnPatch, type LeadPatch } from '../domain/journal.js';
import { sheetTimesAsKept } from '../domain/lead-sheet.js';
import { leadKeys } from '../domain/lead-keys.js';
import type { ScoringRules } from '../domain/scoring.js';
import { normalizeSourceChannel, type NormalizedTag } from '../domain/tags.js';
import type BetterSqlite3 from 'better-sqlite3';
import { providerOfClient, sqliteTransactionConnection, type Db } from './database.js';
import type { Provider } from './schema-source.js';
import { TRANSACTION_OPTIONS, type Author, type Tx } from './journal.js';
import { valuesOf, type ImportedLead, type LeadRow } from './leads.js';
import { ACTIVITY_COLUMNS, encodeCells, encodeNewLead, LEAD_COLUMNS, leadTagsOf, LEAD_TAG_COLUMNS, scoreOf, type Cell, type ColumnType, type EncodedLead, type TagKind } from './lead-rows.js';
import { scoringRulesIn } from './scoring.js';
import { ImportInterrupted } from '../domain/errors.js';
import { isUniqueViolation } from './unique-violation.js';
import type { WorkspaceSettings } from './workspaces.js';

/**
 * Writes an imported sheet a batch of rows at a time (issue 17). A row whose number the
 * workspace has not seen becomes a lead with its history; one it has is brought to what
 * the sheet says of it, as one journal entry with before and after, or left untouched
 * when the sheet says what the lead already holds. Each batch is one transaction of a
 * few statements whatever its size: the batch's leads are read with one query, and the
 * new leads, their entries and their tags each go in with one statement (insertMany);
 * only a changed lead is an update of its own, conditional on the version it was planned from.
 */

export interface ImportRow {
  /** The lead as a new one would be written. */
  lead: ImportedLead;
  /** What the sheet says of a lead it already has: only the fields its columns carry. */
  values: LeadPatch;
  /** The lead's rows encoded ahead (on the thread that checked the sheet), with the weights importLeadBatch is told of. */
  encoded?: EncodedLead;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

type Plan =
  | { kind: 'create'; row: ImportRow }
  | { kind: 'update'; row: ImportRow; lead: LeadRow; before: LeadPatch; after: LeadPatch }
  | { kind: 'unchanged'; row: ImportRow };

/** Another write moved a lead between this batch's read and its update: the batch is planned again on what is there now. */
class BatchMoved extends Error {}

const ATTEMPTS = 3;

/**
 * Imports one batch and says what became of each number. On a dry run it only reads. A
 * batch is all or nothing, so an import stopped halfway and run again finds the first
 * batches' leads as the sheet left them (unchanged) and writes the rest.
 */
export async function importLeadBatch(
  db: Db,
  workspace: WorkspaceSettings,
  rows: readonly ImportRow[],
  author: Author,
  options: { dryRun: boolean; /** The scoring weights the rows' `encoded` was computed with: if the team's differ now, the rows are encoded again. */ encodedWith?: ScoringRules },
): Promise<Map<string, ImportOutcome>> {
  if (rows.length === 0) return new Map();
  if (options.dryRun) return outcomes(await planBatch(db, workspace.id, rows));
  const provider = providerOfClient(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const connection = provider === 'sqlite' ? sqliteTransactionConnection(db) : undefined;
        if (connection) sqliteConnections.set(tx, connection);
        const plans = await planBatch(tx, workspace.id, rows);
        await writeBatch(tx, provider, workspace, plans, author, options.encodedWith);
        return outcomes(plans);
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      // Another import of the same sheet created a number, or someone changed a lead, meanwhile.
      if (!(error instanceof BatchMoved) && !isUniqueViolation(error)) throw error;
      if (attempt >= ATTEMPTS) throw error instanceof BatchMoved ? new ImportInterrupted(rows[0]!.lead.number) : error;
    }
  }
}

function outcomes(plans: readonly Plan[]): Map<string, ImportOutcome> {
  return new Map(plans.map((plan) => [plan.row.lead.number, plan.kind === 'create' ? 'created' : plan.kind === 'update' ? 'updated' : 'unchanged']));
}

async function planBatch(db: Db | Tx, workspaceId: string, rows: readonly ImportRow[]): Promise<Plan[]> {
  const existing = await db.lead.findMany({ where: { workspaceId, number: { in: rows.map((row) => row.lead.number) } } });
  const byNumber = new Map(existing.map((lead) => [lead.number, lead]));
  const reasons = rows.some((row) => 'lossReasons' in row.values) ? await lossReasonsOf(db, existing.map((lead) => lead.id)) : new Map<number, NormalizedTag[]>();
  return rows.map((row): Plan => {
    const lead = byNumber.get(row.lead.number);
    if (!lead) return { kind: 'create', row };
    const current: LeadPatch = { ...valuesOf(lead), lossReasons: reasons.get(lead.id) ?? [] };
    const after = changedFields(current, sheetTimesAsKept(row.values, current));
    if (fieldsOf(after).length === 0) return { kind: 'unchanged', row };
    // A lead that came in unassigned and now has an owner the sheet names leaves the pool, as a claim takes it out.
    if ('ownerId' in after && lead.pooledAt) after.pooledAt = null;
    return { kind: 'update', row, lead, before: pick(current, fieldsOf(after)), after };
  });
}

async function lossReasonsOf(db: Db | Tx, leadIds: readonly number[]): Promise<Map<number, NormalizedTag[]>> {
  const byLead = new Map<number, NormalizedTag[]>();
  if (leadIds.length === 0) return byLead;
  const rows = await db.leadTag.findMany({ where: { leadId: { in: [...leadIds] }, tag: { kind: 'LOSS_REASON' } }, select: { leadId: true, tag: { select: { key: true, label: true } } } });
  for (const row of rows) byLead.set(row.leadId, [...(byLead.get(row.leadId) ?? []), row.tag]);
  return byLead;
}

/** The ids of the batch's tags, creating the few the workspace does not have yet. */
async function tagIds(tx: Tx, workspaceId: string, wanted: ReadonlyArray<{ kind: TagKind; tag: NormalizedTag }>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const distinct = new Map(wanted.map((entry) => [`${entry.kind}:${entry.tag.key}`, entry]));
  if (distinct.size === 0) return ids;
  const found = await tx.tag.findMany({ where: { workspaceId, OR: [...distinct.values()].map(({ kind, tag }) => ({ kind, key: tag.key })) }, select: { id: true, kind: true, key: true } });
  for (const tag of found) ids.set(`${tag.kind}:${tag.key}`, tag.id);
  for (const [key, { kind, tag }] of distinct) {
    if (ids.has(key)) continue;
    const created = await tx.tag.upsert({ where: { workspaceId_kind_key: { workspaceId, kind, key: tag.key } }, create: { workspaceId, kind, key: tag.key, label: tag.label }, update: {}, select: { id: true } });
    ids.set(key, created.id);
  }
  return ids;
}

async function writeBatch(tx: Tx, provider: Provider, workspace: WorkspaceSettings, plans: readonly Plan[], author: Author, encodedWith?: ScoringRules): Promise<void> {
  const creates = plans.flatMap((plan) => (plan.kind === 'create' ? [plan.row] : []));
  const updates = plans.flatMap((plan) => (plan.kind === 'update' ? [plan] : []));
  if (creates.length === 0 && updates.length === 0) return;
  // The weights once for the batch, read inside its transaction like every other score.
  const rules = await scoringRulesIn(tx, workspace.id);
  const sameRules = encodedWith !== undefined && JSON.stringify(encodedWith) === JSON.stringify(rules);
  const encoded = creates.map((row) => (sameRules && row.encoded ? row.encoded : encodeNewLead(provider, row.lead, rules, author)));
  const tags = await tagIds(tx, workspace.id, [
    ...encoded.flatMap((lead) => lead.tags),
    ...updates.flatMap((plan) => leadTagsOf(plan.after.sourceChannel ? normalizeSourceChannel(plan.after.sourceChannel) : undefined, plan.after.lossReasons ?? [])),
  ]);
  if (creates.length > 0) await createLeads(tx, provider, workspace, encoded, tags);
  if (updates.length > 0) await updateLeads(tx, provider, workspace, updates, tags, rules, author);
}

/** The new leads, then their entries and tags, a statement each: the entries only need each lead's id, which the first returns. */
async function createLeads(tx: Tx, provider: Provider, workspace: WorkspaceSettings, leads: readonly EncodedLead[], tags: ReadonlyMap<string, number>): Promise<void> {
  const created = await insertMany(tx, provider, 'lead', LEAD_COLUMNS, workspace.id, `[${leads.map((lead) => `[${lead.cells}]`).join(',')}]`, '"id", "number"');
  const idOf = new Map(created.map((lead) => [lead.number as string, Number(lead.id)]));
  const entries: string[] = [];
  const leadTags: Cell[][] = [];
  for (const lead of leads) {
    const leadId = idOf.get(lead.number)!;
    for (const entry of lead.entries) entries.push(`[${leadId},${entry}]`);
    for (const { kind, tag } of lead.tags) leadTags.push([leadId, tags.get(`${kind}:${tag.key}`)!]);
  }
  await insertMany(tx, provider, 'activity', ACTIVITY_COLUMNS, workspace.id, `[${entries.join(',')}]`);
  await insertMany(tx, provider, 'lead_tag', LEAD_TAG_COLUMNS, undefined, encodedRows(provider, LEAD_TAG_COLUMNS, leadTags));
}

/** Rows of cells as the JSON insertMany unpacks. */
function encodedRows(provider: Provider, columns: ReadonlyArray<readonly [string, ColumnType]>, rows: readonly Cell[][], first = 0): string {
  return `[${rows.map((row) => `[${encodeCells(provider, columns, first, row)}]`).join(',')}]`;
}

/**
 * Many rows in one statement, their values as one JSON parameter the database unpacks
 * (jsonb_each, jsonb_array_elements): the client's work per statement is then a string,
 * not a value per cell, which is where a Prisma createMany of thousands of rows spends
 * its time and memory. With a workspace, the first column is that workspace for every
 * row (a parameter of its own) and each row's JSON holds the columns after it.
 */
async function insertMany(
  tx: Tx,
  provider: Provider,
  table: string,
  columns: ReadonlyArray<readonly [string, ColumnType]>,
  workspaceId: string | undefined,
  json: string,
  returning?: string,
): Promise<Array<Record<string, unknown>>> {
  if (json === '[]') return [];
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const fromJson = workspaceId === undefined ? columns : columns.slice(1);
  const cells =
    provider === 'postgresql'
      ? fromJson.map(([, type], index) => `(value->>${index})::${PG_TYPES[type]}`)
      : fromJson.map((_, index) => `value ->> ${index}`);
  const values = [...(workspaceId === undefined ? [] : [provider === 'postgresql' ? '$2' : '?']), ...cells].join(', ');
  // SQLite reads a row's cells out of its binary JSON (jsonb) by offset; from JSON text each cell would parse the row again.
  const from = provider === 'postgresql' ? 'jsonb_array_elements($1::jsonb) AS sheet(value)' : 'jsonb_each(jsonb(?))';
  // SQLite numbers its parameters in the order they appear: the workspace comes before the JSON there.
  const parameters = workspaceId === undefined ? [json] : provider === 'postgresql' ? [json, workspaceId] : [workspaceId, json];
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${values} FROM ${from}${returning ? ` RETURNING ${returning}` : ''}`;
  const connection = sqliteConnections.get(tx);
  if (connection) {
    const statement = connection.prepare(sql);
    if (returning) return statement.all(...parameters) as Array<Record<string, unknown>>;
    statement.run(...parameters);
    return [];
  }
  if (returning) return tx.$queryRawUnsafe<Array<Record<string, unknown>>>(sql, ...parameters);
  await tx.$executeRawUnsafe(sql, ...parameters);
  return [];
}

/** The SQLite connection of a batch's transaction, where insertMany runs its statements itself (database.ts, sqliteTransactionConnection). */
const sqliteConnections = new WeakMap<Tx, BetterSqlite3.Database>();

const PG_TYPES: Record<ColumnType, string> = { text: 'text', date: 'timestamp(3)', bigint: 'bigint', int: 'integer', Stage: '"Stage"', CustomerType: '"CustomerType"' };

/** The fields whose change moves the search and matching keys. */
const KEYED_FIELDS = ['name', 'campaign', 'contactEmail', 'contactPhone'] as const;

async function updateLeads(
  tx: Tx,
  provider: Provider,
  workspace: WorkspaceSettings,
  plans: ReadonlyArray<Extract<Plan, { kind: 'update' }>>,
  tags: ReadonlyMap<string, number>,
  rules: ScoringRules,
  author: Author,
): Promise<void> {
  const ids = plans.map((plan) => plan.lead.id);
  const [followUps, signals] = await Promise.all([
    tx.followUp.groupBy({ by: ['leadId'], where: { leadId: { in: ids } }, _count: { _all: true } }),
    tx.leadSignal.findMany({ where: { leadId: { in: ids } }, distinct: ['leadId', 'kind'], select: { leadId: true, kind: true } }),
  ]);
  const followUpCount = new Map(followUps.map((row) => [row.leadId, row._count._all]));
  const kindsOf = new Map<number, string[]>();
  for (const row of signals) kindsOf.set(row.leadId, [...(kindsOf.get(row.leadId) ?? []), row.kind]);
  const entries: Cell[][] = [];
  const leadTags: Cell[][] = [];
  const retagged: { source: number[]; reasons: number[] } = { source: [], reasons: [] };
  for (const { lead, before, after } of plans) {
    const { lossReasons, ...columns } = after;
    const next = { ...lead, ...(columns as LeadColumnPatch) };
    const keys = KEYED_FIELDS.some((field) => field in columns) ? leadKeys(next) : {};
    const score = scoreOf(next, rules, followUpCount.get(lead.id) ?? 0, kindsOf.get(lead.id) ?? []);
    // Conditional on the version planned from: a change that slipped in is planned again, never overwritten.
    const { count } = await tx.lead.updateMany({ where: { id: lead.id, version: lead.version }, data: { ...(columns as LeadColumnPatch), ...keys, score, version: { increment: 1 } } });
    if (count === 0) throw new BatchMoved();
    entries.push([lead.id, 'stage' in after ? 'stage' : 'edit', encodePatch(before), encodePatch(after), author.byId, author.at, author.via, lead.version + 1]);
    if ('sourceChannel' in columns) {
      retagged.source.push(lead.id);
      const source = columns.sourceChannel ? normalizeSourceChannel(columns.sourceChannel) : undefined;
      if (source) leadTags.push([lead.id, tags.get(`SOURCE_CHANNEL:${source.key}`)!]);
    }
    if (lossReasons) {
      retagged.reasons.push(lead.id);
      for (const reason of lossReasons) leadTags.push([lead.id, tags.get(`LOSS_REASON:${reason.key}`)!]);
    }
  }
  if (retagged.source.length > 0) await tx.leadTag.deleteMany({ where: { leadId: { in: retagged.source }, tag: { kind: 'SOURCE_CHANNEL' } } });
  if (retagged.reasons.length > 0) await tx.leadTag.deleteMany({ where: { leadId: { in: retagged.reasons }, tag: { kind: 'LOSS_REASON' } } });
  await insertMany(tx, provider, 'activity', ACTIVITY_COLUMNS, workspace.id, encodedRows(provider, ACTIVITY_COLUMNS, entries, 1));
  await insertMany(tx, provider, 'lead_tag', LEAD_TAG_COLUMNS, undefined, encodedRows(provider, LEAD_TAG_COLUMNS, leadTags));
}
