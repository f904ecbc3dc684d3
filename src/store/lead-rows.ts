import { encodePatch, importedHistory, type LeadColumnPatch, type LeadPatch } from '../domain/journal.js';
import { leadKeys } from '../domain/lead-keys.js';
import { scoreLead, type ScoringRules } from '../domain/scoring.js';
import { normalizeSourceChannel, type NormalizedTag } from '../domain/tags.js';
import type { Author } from './journal.js';
import type { ImportedLead, LeadRow } from './leads.js';
import type { Provider } from './schema-source.js';

/**
 * An imported lead as the rows the database will hold of it, encoded ahead of the write
 * (issue 17): pure, so that a sheet's rows are encoded on the thread that checks them,
 * and the writer only joins strings. The writer (lead-import.ts) owns the SQL; this file
 * owns the column order both agree on.
 */

export type TagKind = 'LOSS_REASON' | 'SOURCE_CHANNEL';

export interface EncodedLead {
  number: string;
  /** The lead's cells after its workspace, as JSON array items (LEAD_COLUMNS without the first), without the brackets. */
  cells: string;
  /** Each journal entry's cells after its workspace and lead, as JSON array items (ACTIVITY_COLUMNS without the first two). */
  entries: string[];
  /** The tags the lead carries: its source channel, its loss reasons. */
  tags: Array<{ kind: TagKind; tag: NormalizedTag }>;
}

export type ColumnType = 'text' | 'date' | 'bigint' | 'int' | 'Stage' | 'CustomerType';
export type Cell = string | number | bigint | Date | null | undefined;

// prettier-ignore
export const LEAD_COLUMNS = [
  ['workspaceId', 'text'], ['number', 'text'], ['stage', 'Stage'], ['acquiredAt', 'date'], ['contactedAt', 'date'], ['discoveryAt', 'date'], ['proposalAt', 'date'],
  ['negotiationAt', 'date'], ['wonAt', 'date'], ['lostAt', 'date'], ['dealAmountMinor', 'bigint'], ['acquisitionCostMinor', 'bigint'], ['name', 'text'], ['sourceChannel', 'text'],
  ['sourceChannelKey', 'text'], ['campaign', 'text'], ['contentAsset', 'text'], ['customerType', 'CustomerType'], ['industry', 'text'], ['contactEmail', 'text'], ['contactPhone', 'text'],
  ['nameKey', 'text'], ['emailKey', 'text'], ['phoneKey', 'text'], ['searchText', 'text'], ['ownerId', 'text'], ['createdById', 'text'], ['nextFollowUpAt', 'date'], ['pooledAt', 'date'],
  ['notes', 'text'], ['score', 'int'], ['version', 'int'], ['createdAt', 'date'], ['updatedAt', 'date'],
] as const satisfies ReadonlyArray<readonly [string, ColumnType]>;

// prettier-ignore
export const ACTIVITY_COLUMNS = [
  ['workspaceId', 'text'], ['leadId', 'int'], ['kind', 'text'], ['before', 'text'], ['after', 'text'], ['byId', 'text'], ['at', 'date'], ['via', 'text'], ['leadVersion', 'int'],
] as const satisfies ReadonlyArray<readonly [string, ColumnType]>;

export const LEAD_TAG_COLUMNS = [
  ['leadId', 'int'],
  ['tagId', 'int'],
] as const satisfies ReadonlyArray<readonly [string, ColumnType]>;

/** A cell as the JSON the insert unpacks: dates as each database keeps them (Prisma's SQLite text form), big numbers as text. */
export function encodeCell(provider: Provider, type: ColumnType, cell: Cell): string | number | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return provider === 'sqlite' ? cell.toISOString().replace('Z', '+00:00') : cell.toISOString();
  if (typeof cell === 'bigint') return cell.toString();
  return type === 'bigint' ? String(cell) : cell;
}

/** Cells as JSON array items, typed by the columns they go in from `first` on. */
export function encodeCells(provider: Provider, columns: ReadonlyArray<readonly [string, ColumnType]>, first: number, cells: readonly Cell[]): string {
  const encoded = new Array<string | number | null>(cells.length);
  for (let index = 0; index < cells.length; index++) encoded[index] = encodeCell(provider, columns[first + index]![1], cells[index]);
  return JSON.stringify(encoded).slice(1, -1);
}

export function scoreOf(lead: LeadColumnPatch & Pick<LeadRow, 'customerType' | 'industry' | 'budget' | 'authority' | 'need' | 'timeline'>, rules: ScoringRules, followUps: number, signals: readonly string[]): number {
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

/** The score a lead new from a sheet has: no follow-ups, no signals, no BANT yet. */
export function newLeadScore(input: ImportedLead, rules: ScoringRules): number {
  return scoreOf({ ...input, ...input.timestamps, budget: null, authority: null, need: null, timeline: null, customerType: input.customerType ?? null, industry: input.industry ?? null }, rules, 0, []);
}

/**
 * A new lead's row, its history as journal entries (each at its time, by the importer)
 * and its tags. The caller's clock, not the machine's, dates the rows: an import dated
 * by a test's or a replay's now stays so.
 */
export function encodeNewLead(provider: Provider, input: ImportedLead, rules: ScoringRules, author: Author): EncodedLead {
  const source = input.sourceChannel ? normalizeSourceChannel(input.sourceChannel) : undefined;
  const values: LeadPatch = {
    name: input.name,
    sourceChannel: input.sourceChannel ?? null,
    sourceChannelKey: source?.key ?? null,
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
  const after: Record<string, unknown> = {};
  for (const field in values) {
    const value = values[field as keyof LeadPatch];
    if (value !== null && value !== undefined) after[field] = value;
  }
  const history = importedHistory({ ...(after as LeadPatch), acquiredAt: input.acquiredAt, stage: input.stage });
  const keys = leadKeys(input);
  const t = input.timestamps;
  const now = author.at;
  // prettier-ignore
  const cells = encodeCells(provider, LEAD_COLUMNS, 1, [
    input.number, input.stage, input.acquiredAt, t.contactedAt, t.discoveryAt, t.proposalAt,
    t.negotiationAt, t.wonAt, t.lostAt, input.dealAmountMinor, input.acquisitionCostMinor, input.name, input.sourceChannel,
    source?.key, input.campaign, input.contentAsset, input.customerType, input.industry, input.contactEmail, input.contactPhone,
    keys.nameKey, keys.emailKey, keys.phoneKey, keys.searchText, input.ownerId, author.byId, input.nextFollowUpAt, input.pooledAt,
    input.notes, newLeadScore(input, rules), history.length, now, now,
  ]);
  const entries = history.map((step, index) => encodeCells(provider, ACTIVITY_COLUMNS, 2, [step.kind, step.before ? encodePatch(step.before) : null, encodePatch(step.after), author.byId, step.at, author.via, index + 1]));
  return { number: input.number, cells, entries, tags: leadTagsOf(source, input.lossReasons) };
}

/** The tags a lead carries: its source channel (normalized), its loss reasons. */
export function leadTagsOf(source: NormalizedTag | undefined, lossReasons: readonly NormalizedTag[]): Array<{ kind: TagKind; tag: NormalizedTag }> {
  return [...(source ? [{ kind: 'SOURCE_CHANNEL' as const, tag: source }] : []), ...lossReasons.map((tag) => ({ kind: 'LOSS_REASON' as const, tag }))];
}
