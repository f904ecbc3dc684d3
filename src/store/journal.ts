import { decodePatch, encodePatch, type ActivityEntry, type ActivityKind, type LeadPatch, type PlainValues, type Via } from '../domain/journal.js';
import type { Prisma } from '../generated/sqlite/client.js';
import type { Db } from './database.js';

export type Tx = Prisma.TransactionClient;

/** Interactive transactions wait for SQLite's single writer; give them room under load. */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

/** Who made a change, when and through which way in: what every journal entry carries. */
export interface Author {
  byId: string;
  at: Date;
  via: Via;
}

export interface NewActivity {
  workspaceId: string;
  leadId?: number;
  kind: ActivityKind;
  /** A lead's fields, written through the journal's codec. */
  before?: LeadPatch;
  after?: LeadPatch;
  /** What an entry that is not about a lead's fields (a role, a goal) records. */
  details?: { before?: PlainValues; after?: PlainValues };
  note?: string;
  leadVersion?: number;
  revertsId?: number;
}

type ActivityRow = Prisma.ActivityGetPayload<object>;

function toEntry(row: ActivityRow): ActivityEntry {
  const plain = row.leadId === null;
  return {
    id: row.id,
    leadId: row.leadId,
    kind: row.kind as ActivityKind,
    before: plain ? {} : decodePatch(row.before),
    after: plain ? {} : decodePatch(row.after),
    ...(plain ? { details: { before: plainValues(row.before), after: plainValues(row.after) } } : {}),
    byId: row.byId,
    at: row.at,
    via: row.via as Via,
    note: row.note,
    leadVersion: row.leadVersion,
    revertsId: row.revertsId,
  };
}

/** Appends one entry, inside the transaction that makes the change it records. */
export async function appendActivity(tx: Tx, author: Author, entry: NewActivity): Promise<ActivityEntry> {
  const row = await tx.activity.create({
    data: {
      workspaceId: entry.workspaceId,
      leadId: entry.leadId,
      kind: entry.kind,
      before: entry.before ? encodePatch(entry.before) : entry.details?.before ? JSON.stringify(entry.details.before) : undefined,
      after: entry.after ? encodePatch(entry.after) : entry.details?.after ? JSON.stringify(entry.details.after) : undefined,
      byId: author.byId,
      at: author.at,
      via: author.via,
      note: entry.note,
      leadVersion: entry.leadVersion,
      revertsId: entry.revertsId,
    },
  });
  return toEntry(row);
}

/**
 * A lead's latest entries, newest first. "Latest" is the order they were appended in:
 * `at` comes from the clock of whoever wrote the entry, and an import carries old times.
 */
export async function recentEntries(db: Db | Tx, leadId: number, take: number, since?: Date): Promise<ActivityEntry[]> {
  const rows = await db.activity.findMany({
    where: { leadId, ...(since ? { at: { gte: since } } : {}) },
    orderBy: { id: 'desc' },
    take,
  });
  return rows.map(toEntry);
}

/** Entries that produced a lead version after `version`: what a form that showed `version` did not see. */
export async function entriesAfterVersion(db: Db | Tx, leadId: number, version: number): Promise<ActivityEntry[]> {
  const rows = await db.activity.findMany({ where: { leadId, leadVersion: { gt: version } }, orderBy: [{ id: 'asc' }], take: 20 });
  return rows.map(toEntry);
}

export interface LeadJournal {
  /** Newest first. */
  entries: ActivityEntry[];
  total: number;
}

/** The latest `take` entries of a lead and how many there are in all. */
export async function leadJournal(db: Db, leadId: number, take: number): Promise<LeadJournal> {
  const [entries, total] = await Promise.all([recentEntries(db, leadId, take), db.activity.count({ where: { leadId } })]);
  return { entries, total };
}

/** A lead's whole journal, oldest first, for `leadops activity`. */
export async function wholeLeadJournal(db: Db, leadId: number): Promise<ActivityEntry[]> {
  const rows = await db.activity.findMany({ where: { leadId }, orderBy: { id: 'asc' } });
  return rows.map(toEntry);
}

function plainValues(text: string | null): PlainValues {
  return text ? (JSON.parse(text) as PlainValues) : {};
}

/** The latest entries on the leads someone owns, newest first, each with its lead's number and name (the App Home's feed). */
export async function latestOnOwnersLeads(db: Db, workspaceId: string, ownerId: string, take: number): Promise<Array<ActivityEntry & { lead: { number: string; name: string } }>> {
  const rows = await db.activity.findMany({
    where: { workspaceId, lead: { ownerId } },
    orderBy: { id: 'desc' },
    take,
    include: { lead: { select: { number: true, name: true } } },
  });
  return rows.map((row) => ({ ...toEntry(row), lead: row.lead! }));
}

/** The leads with a journal entry in [start, end), by id: what changed in a period (the weekly spot-check). */
export async function leadsChangedBetween(db: Db, workspaceId: string, start: Date, end: Date): Promise<number[]> {
  const rows = await db.activity.groupBy({ by: ['leadId'], where: { workspaceId, leadId: { not: null }, at: { gte: start, lt: end } }, orderBy: { leadId: 'asc' } });
  return rows.flatMap((row) => (row.leadId === null ? [] : [row.leadId]));
}

/** These leads with their entries in [start, end), newest first: the latest `take` of each and how many there are. */
export async function leadsWithEntriesBetween(db: Db, workspaceId: string, leadIds: readonly number[], start: Date, end: Date, take: number) {
  const [leads, rows] = await Promise.all([
    db.lead.findMany({ where: { workspaceId, id: { in: [...leadIds] } }, select: { id: true, number: true, name: true, ownerId: true, stage: true }, orderBy: { number: 'asc' } }),
    db.activity.findMany({ where: { workspaceId, leadId: { in: [...leadIds] }, at: { gte: start, lt: end } }, orderBy: { id: 'desc' } }),
  ]);
  const byLead = new Map<number, ActivityEntry[]>();
  for (const row of rows) {
    const list = byLead.get(row.leadId!) ?? [];
    list.push(toEntry(row));
    byLead.set(row.leadId!, list);
  }
  return leads.map((lead) => {
    const entries = byLead.get(lead.id) ?? [];
    return { ...lead, entries: entries.slice(0, take), moreEntries: Math.max(0, entries.length - take) };
  });
}
