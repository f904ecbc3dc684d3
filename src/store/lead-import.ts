import { changedFields, encodePatch, fieldsOf, importedHistory, pick, type LeadColumnPatch, type LeadPatch } from '../domain/journal.js';
import { leadKeys } from '../domain/lead-keys.js';
import { scoreLead, type ScoringRules } from '../domain/scoring.js';
import { normalizeSourceChannel, type NormalizedTag } from '../domain/tags.js';
import { providerOfClient, type Db } from './database.js';
import type { Provider } from './schema-source.js';
import { TRANSACTION_OPTIONS, type Author, type Tx } from './journal.js';
import { valuesOf, type ImportedLead, type LeadRow } from './leads.js';
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
export async function importLeadBatch(db: Db, workspace: WorkspaceSettings, rows: readonly ImportRow[], author: Author, options: { dryRun: boolean }): Promise<Map<string, ImportOutcome>> {
  if (rows.length === 0) return new Map();
  if (options.dryRun) return outcomes(await planBatch(db, workspace.id, rows));
  const provider = providerOfClient(db);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const plans = await planBatch(tx, workspace.id, rows);
        await writeBatch(tx, provider, workspace, plans, author);
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
    const after = changedFields(current, row.values);
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

type TagKind = 'LOSS_REASON' | 'SOURCE_CHANNEL';

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

function scoreOf(lead: LeadColumnPatch & Pick<LeadRow, 'customerType' | 'industry' | 'budget' | 'authority' | 'need' | 'timeline'>, rules: ScoringRules, followUps: number, signals: readonly string[]): number {
  return scoreLead(
    {
      customerType: lead.customerType ?? null,
      industry: lead.industry ?? null,
      budget: lead.budget ?? null,
      authority: lead.authority ?? null,
      need: lead.need ?? null,
      timeline: lead.timeline ?? null,
      contactedAt: lead.contactedAt ?? null,
      discoveryAt: lead.discoveryAt ?? null,
      proposalAt: lead.proposalAt ?? null,
      negotiationAt: lead.negotiationAt ?? null,
      followUps,
      signals,
    },
    rules,
  ).score;
}

async function writeBatch(tx: Tx, provider: Provider, workspace: WorkspaceSettings, plans: readonly Plan[], author: Author): Promise<void> {
  const creates = plans.flatMap((plan) => (plan.kind === 'create' ? [plan.row.lead] : []));
  const updates = plans.flatMap((plan) => (plan.kind === 'update' ? [plan] : []));
  if (creates.length === 0 && updates.length === 0) return;
  // The weights once for the batch, read inside its transaction like every other score.
  const rules = await scoringRulesIn(tx, workspace.id);
  const sources = new Map(creates.map((lead) => [lead.number, lead.sourceChannel ? normalizeSourceChannel(lead.sourceChannel) : undefined]));
  const tags = await tagIds(tx, workspace.id, [
    ...creates.flatMap((lead) => [
      ...(sources.get(lead.number) ? [{ kind: 'SOURCE_CHANNEL' as const, tag: sources.get(lead.number)! }] : []),
      ...lead.lossReasons.map((tag) => ({ kind: 'LOSS_REASON' as const, tag })),
    ]),
    ...updates.flatMap((plan) => [
      ...(plan.after.sourceChannel && normalizeSourceChannel(plan.after.sourceChannel) ? [{ kind: 'SOURCE_CHANNEL' as const, tag: normalizeSourceChannel(plan.after.sourceChannel)! }] : []),
      ...(plan.after.lossReasons ?? []).map((tag) => ({ kind: 'LOSS_REASON' as const, tag })),
    ]),
  ]);
  if (creates.length > 0) await createLeads(tx, provider, workspace, creates, sources, tags, rules, author);
  if (updates.length > 0) await updateLeads(tx, provider, workspace, updates, tags, rules, author);
}

async function createLeads(
  tx: Tx,
  provider: Provider,
  workspace: WorkspaceSettings,
  inputs: readonly ImportedLead[],
  sources: ReadonlyMap<string, NormalizedTag | undefined>,
  tags: ReadonlyMap<string, number>,
  rules: ScoringRules,
  author: Author,
): Promise<void> {
  const histories = inputs.map((input) => {
    const values: LeadPatch = {
      name: input.name,
      sourceChannel: input.sourceChannel ?? null,
      sourceChannelKey: sources.get(input.number)?.key ?? null,
      campaign: input.campaign ?? null,
      contentAsset: input.contentAsset ?? null,
      customerType: input.customerType ?? null,
      industry: input.industry ?? null,
      contactEmail: input.contactEmail ?? null,
      contactPhone: input.contactPhone ?? null,
      ownerId: input.ownerId,
      acquiredAt: input.acquiredAt,
      ...input.timestamps,
      dealAmountMinor: input.dealAmountMinor ?? null,
      acquisitionCostMinor: input.acquisitionCostMinor ?? null,
      notes: input.notes ?? null,
      nextFollowUpAt: input.nextFollowUpAt ?? null,
      pooledAt: input.pooledAt ?? null,
      ...(input.lossReasons.length > 0 ? { lossReasons: input.lossReasons } : {}),
    };
    const after = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== undefined)) as LeadPatch;
    // A lead's journal is its history as the sheet's times tell it, each entry at its time, by the importer.
    return importedHistory({ ...after, acquiredAt: input.acquiredAt, stage: input.stage });
  });
  // The caller's clock, not the machine's: an import dated by a test's or a replay's now stays so.
  const now = author.at;
  const leadRows = inputs.map((input, index): Cell[] => {
    const keys = leadKeys(input);
    const score = scoreOf({ ...input, ...input.timestamps, budget: null, authority: null, need: null, timeline: null, customerType: input.customerType ?? null, industry: input.industry ?? null }, rules, 0, []);
    const t = input.timestamps;
    return [
      workspace.id, input.number, input.stage, input.acquiredAt, t.contactedAt, t.discoveryAt, t.proposalAt,
      t.negotiationAt, t.wonAt, t.lostAt, input.dealAmountMinor, input.acquisitionCostMinor, input.name, input.sourceChannel,
      sources.get(input.number)?.key, input.campaign, input.contentAsset, input.customerType, input.industry, input.contactEmail, input.contactPhone,
      keys.nameKey, keys.emailKey, keys.phoneKey, keys.searchText, input.ownerId, author.byId, input.nextFollowUpAt, input.pooledAt,
      input.notes, score, histories[index]!.length, now, now,
    ];
  });
  const created = await insertMany(tx, provider, 'lead', LEAD_COLUMNS, leadRows, '"id", "number"');
  const idOf = new Map(created.map((lead) => [lead.number as string, Number(lead.id)]));
  const entries: Cell[][] = [];
  const leadTags: Cell[][] = [];
  inputs.forEach((input, index) => {
    const leadId = idOf.get(input.number)!;
    histories[index]!.forEach((step, at) =>
      entries.push([workspace.id, leadId, step.kind, step.before ? encodePatch(step.before) : null, encodePatch(step.after), author.byId, step.at, author.via, at + 1]),
    );
    const source = sources.get(input.number);
    if (source) leadTags.push([leadId, tags.get(`SOURCE_CHANNEL:${source.key}`)!]);
    for (const reason of input.lossReasons) leadTags.push([leadId, tags.get(`LOSS_REASON:${reason.key}`)!]);
  });
  await insertMany(tx, provider, 'activity', ACTIVITY_COLUMNS, entries);
  await insertMany(tx, provider, 'lead_tag', LEAD_TAG_COLUMNS, leadTags);
}

type ColumnType = 'text' | 'date' | 'bigint' | 'int' | 'Stage' | 'CustomerType';
type Cell = string | number | bigint | Date | null | undefined;

/**
 * Many rows in one statement, their values as one JSON parameter the database unpacks
 * (jsonb_each, json_array_elements): the client's work per statement is then a string,
 * not a value per cell, which is where a Prisma createMany of thousands of rows spends
 * its time and memory. Dates go in as each database keeps them (Prisma's SQLite text form).
 */
async function insertMany(
  tx: Tx,
  provider: Provider,
  table: string,
  columns: ReadonlyArray<readonly [string, ColumnType]>,
  rows: readonly Cell[][],
  returning?: string,
): Promise<Array<Record<string, unknown>>> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(rows.map((row) => row.map((cell, index) => encodeCell(provider, columns[index]![1], cell))));
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const values =
    provider === 'postgresql'
      ? columns.map(([, type], index) => `(value->>${index})::${PG_TYPES[type]}`).join(', ')
      : columns.map((_, index) => `value ->> ${index}`).join(', ');
  // SQLite reads a row's cells out of its binary JSON (jsonb) by offset; from JSON text each cell would parse the row again.
  const from = provider === 'postgresql' ? 'jsonb_array_elements($1::jsonb) AS sheet(value)' : 'jsonb_each(jsonb(?))';
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${values} FROM ${from}${returning ? ` RETURNING ${returning}` : ''}`;
  if (returning) return tx.$queryRawUnsafe<Array<Record<string, unknown>>>(sql, json);
  await tx.$executeRawUnsafe(sql, json);
  return [];
}

const PG_TYPES: Record<ColumnType, string> = { text: 'text', date: 'timestamp(3)', bigint: 'bigint', int: 'integer', Stage: '"Stage"', CustomerType: '"CustomerType"' };

function encodeCell(provider: Provider, type: ColumnType, cell: Cell): string | number | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return provider === 'sqlite' ? cell.toISOString().replace('Z', '+00:00') : cell.toISOString();
  if (typeof cell === 'bigint') return cell.toString();
  return type === 'bigint' ? String(cell) : cell;
}

// prettier-ignore
const LEAD_COLUMNS = [
  ['workspaceId', 'text'], ['number', 'text'], ['stage', 'Stage'], ['acquiredAt', 'date'], ['contactedAt', 'date'], ['discoveryAt', 'date'], ['proposalAt', 'date'],
  ['negotiationAt', 'date'], ['wonAt', 'date'], ['lostAt', 'date'], ['dealAmountMinor', 'bigint'], ['acquisitionCostMinor', 'bigint'], ['name', 'text'], ['sourceChannel', 'text'],
  ['sourceChannelKey', 'text'], ['campaign', 'text'], ['contentAsset', 'text'], ['customerType', 'CustomerType'], ['industry', 'text'], ['contactEmail', 'text'], ['contactPhone', 'text'],
  ['nameKey', 'text'], ['emailKey', 'text'], ['phoneKey', 'text'], ['searchText', 'text'], ['ownerId', 'text'], ['createdById', 'text'], ['nextFollowUpAt', 'date'], ['pooledAt', 'date'],
  ['notes', 'text'], ['score', 'int'], ['version', 'int'], ['createdAt', 'date'], ['updatedAt', 'date'],
] as const satisfies ReadonlyArray<readonly [string, ColumnType]>;

// prettier-ignore
const ACTIVITY_COLUMNS = [
  ['workspaceId', 'text'], ['leadId', 'int'], ['kind', 'text'], ['before', 'text'], ['after', 'text'], ['byId', 'text'], ['at', 'date'], ['via', 'text'], ['leadVersion', 'int'],
] as const satisfies ReadonlyArray<readonly [string, ColumnType]>;

const LEAD_TAG_COLUMNS = [
  ['leadId', 'int'],
  ['tagId', 'int'],
] as const satisfies ReadonlyArray<readonly [string, ColumnType]>;

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
    entries.push([workspace.id, lead.id, 'stage' in after ? 'stage' : 'edit', encodePatch(before), encodePatch(after), author.byId, author.at, author.via, lead.version + 1]);
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
  await insertMany(tx, provider, 'activity', ACTIVITY_COLUMNS, entries);
  await insertMany(tx, provider, 'lead_tag', LEAD_TAG_COLUMNS, leadTags);
}
