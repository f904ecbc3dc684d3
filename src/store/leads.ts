import { LeadChangedMeanwhile, LeadNotFound } from '../domain/errors.js';
import { changedFields, fieldsOf, pick, type ActivityEntry, type ActivityKind, type LeadColumnPatch, type LeadPatch, type LeadValues } from '../domain/journal.js';
import type { NewLead } from '../domain/lead-fields.js';
import { leadKeys } from '../domain/lead-keys.js';
import { acquisitionDay, closestLeadNumbers, formatLeadNumber } from '../domain/lead-number.js';
import type { FollowUpFacts, FollowUpOutcome } from '../domain/follow-ups.js';
import type { SignalKind } from '../domain/scoring.js';
import { OPEN_STAGES, type Stage, type StageTimestampField } from '../domain/stages.js';
import { normalizeSourceChannel, type NormalizedTag } from '../domain/tags.js';
import type { Prisma } from '../generated/sqlite/client.js';
import type { Db } from './database.js';
import { appendActivity, entriesAfterVersion, leadJournal, recentEntries, TRANSACTION_OPTIONS, wholeLeadJournal, type Author, type LeadJournal, type Tx } from './journal.js';
import { scoreInTransaction } from './scoring.js';
import type { WorkspaceSettings } from './workspaces.js';

export type { NewLead };

export type LeadRow = Prisma.LeadGetPayload<object>;

/** A lead as its card shows it: the row, its tags, and the latest entries of its journal. */
export interface LeadCard {
  lead: LeadRow & { tags: Array<{ tag: { kind: string; key: string; label: string } }> };
  journal: LeadJournal;
  /** The latest contacts, newest first. */
  followUps: FollowUpNote[];
}

export interface FollowUpNote {
  note: string;
  outcome: FollowUpOutcome | null;
  byId: string;
  contactedAt: Date;
}

/** The card shows this many entries of the journal, then "and N more". */
export const CARD_JOURNAL_ENTRIES = 10;

/** …and this many of the latest follow-up notes. */
export const CARD_FOLLOW_UP_NOTES = 3;

async function upsertTag(tx: Tx, workspaceId: string, kind: 'LOSS_REASON' | 'SOURCE_CHANNEL', tag: NormalizedTag) {
  return tx.tag.upsert({
    where: { workspaceId_kind_key: { workspaceId, kind, key: tag.key } },
    create: { workspaceId, kind, key: tag.key, label: tag.label },
    update: {},
  });
}

/**
 * Takes the next number of the acquisition day. The increment is one atomic upsert, so
 * two submits never read the same value; a number an imported sheet already uses is
 * skipped rather than reused.
 */
async function allocateLeadNumber(tx: Tx, workspaceId: string, day: string): Promise<string> {
  for (;;) {
    const [row] = await tx.$queryRaw<Array<{ lastValue: number | bigint }>>`
      INSERT INTO "lead_number_sequence" ("workspaceId", "day", "lastValue") VALUES (${workspaceId}, ${day}, 1)
      ON CONFLICT ("workspaceId", "day") DO UPDATE SET "lastValue" = "lead_number_sequence"."lastValue" + 1
      RETURNING "lastValue"`;
    const number = formatLeadNumber(day, Number(row!.lastValue));
    const taken = await tx.lead.findUnique({ where: { workspaceId_number: { workspaceId, number } }, select: { id: true } });
    if (!taken) return number;
  }
}

/** The lead's columns as the journal records them. */
export function valuesOf(lead: LeadRow): Omit<LeadValues, 'lossReasons'> {
  return {
    name: lead.name,
    sourceChannel: lead.sourceChannel,
    sourceChannelKey: lead.sourceChannelKey,
    campaign: lead.campaign,
    contentAsset: lead.contentAsset,
    customerType: lead.customerType,
    industry: lead.industry,
    contactEmail: lead.contactEmail,
    contactPhone: lead.contactPhone,
    ownerId: lead.ownerId,
    stage: lead.stage,
    acquiredAt: lead.acquiredAt,
    contactedAt: lead.contactedAt,
    discoveryAt: lead.discoveryAt,
    proposalAt: lead.proposalAt,
    negotiationAt: lead.negotiationAt,
    wonAt: lead.wonAt,
    lostAt: lead.lostAt,
    dealAmountMinor: lead.dealAmountMinor,
    acquisitionCostMinor: lead.acquisitionCostMinor,
    notes: lead.notes,
    budget: lead.budget,
    authority: lead.authority,
    need: lead.need,
    timeline: lead.timeline,
    nextFollowUpAt: lead.nextFollowUpAt,
    lastFollowUpAt: lead.lastFollowUpAt,
    pooledAt: lead.pooledAt,
    claimedAt: lead.claimedAt,
  };
}

/** Adds a lead and its "created" entry in one transaction; its number is the next of its acquisition day. */
export async function createLead(db: Db, workspace: WorkspaceSettings, input: NewLead, author: Author): Promise<{ lead: LeadRow; entry: ActivityEntry }> {
  return db.$transaction(async (tx) => {
    const number = await allocateLeadNumber(tx, workspace.id, acquisitionDay(input.acquiredAt, workspace.timeZone));
    return insertLead(tx, workspace, { ...input, number }, author);
  }, TRANSACTION_OPTIONS);
}

/**
 * What an imported sheet's row brings besides a new lead's fields: the number the team
 * already uses, the stage its times tell (stages.ts timelineOf) and what it closed with.
 */
export interface ImportedLead extends NewLead {
  number: string;
  stage: Stage;
  timestamps: Partial<Record<StageTimestampField, Date>>;
  lossReasons: NormalizedTag[];
  dealAmountMinor?: bigint;
  acquisitionCostMinor?: bigint;
  /** A row whose owner names nobody comes in unassigned, in the team pool from the import on. */
  pooledAt?: Date;
}

async function insertLead(tx: Tx, workspace: WorkspaceSettings, input: NewLead & { number: string }, author: Author): Promise<{ lead: LeadRow; entry: ActivityEntry }> {
  const sourceTag = input.sourceChannel ? normalizeSourceChannel(input.sourceChannel) : undefined;
  const lead = await tx.lead.create({
    data: {
      workspaceId: workspace.id,
      number: input.number,
      name: input.name,
      sourceChannel: input.sourceChannel,
      sourceChannelKey: sourceTag?.key,
      campaign: input.campaign,
      contentAsset: input.contentAsset,
      customerType: input.customerType,
      industry: input.industry,
      contactEmail: input.contactEmail,
      contactPhone: input.contactPhone,
      ...leadKeys(input),
      ownerId: input.ownerId,
      createdById: author.byId,
      acquiredAt: input.acquiredAt,
      nextFollowUpAt: input.nextFollowUpAt,
      notes: input.notes,
      score: await scoreInTransaction(tx, workspace.id, {
        customerType: input.customerType ?? null,
        industry: input.industry ?? null,
        budget: null,
        authority: null,
        need: null,
        timeline: null,
        contactedAt: null,
        discoveryAt: null,
        proposalAt: null,
        negotiationAt: null,
      }),
      version: 1,
    },
  });
  if (sourceTag) {
    const tag = await upsertTag(tx, workspace.id, 'SOURCE_CHANNEL', sourceTag);
    await tx.leadTag.create({ data: { leadId: lead.id, tagId: tag.id } });
  }
  const after = Object.fromEntries(Object.entries(valuesOf(lead)).filter(([, value]) => value !== null)) as LeadPatch;
  const entry = await appendActivity(tx, author, { workspaceId: workspace.id, leadId: lead.id, kind: 'created', after, leadVersion: 1 });
  return { lead, entry };
}

/** Numbers that look like the mistyped one: same year-month first, which the unique index serves. */
async function suggestNumbers(db: Db, workspaceId: string, number: string): Promise<string[]> {
  const prefix = number.slice(0, Math.min(6, Math.max(number.length - 2, 1)));
  const candidates = await db.lead.findMany({
    where: { workspaceId, number: { startsWith: prefix } },
    select: { number: true },
    take: 5000,
  });
  return closestLeadNumbers(number, candidates.map((lead) => lead.number));
}

/** Runs a write that may not find its lead; the refusal then carries "did you mean" numbers. */
async function suggestingNumbers<T>(db: Db, workspaceId: string, number: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LeadNotFound && error.suggestions.length === 0) {
      throw new LeadNotFound(number, await suggestNumbers(db, workspaceId, number));
    }
    throw error;
  }
}

export async function findLead(db: Db, workspaceId: string, number: string): Promise<LeadRow> {
  const lead = await db.lead.findUnique({ where: { workspaceId_number: { workspaceId, number } } });
  if (!lead) throw new LeadNotFound(number, await suggestNumbers(db, workspaceId, number));
  return lead;
}

/** The lead with its tags and the latest entries of its journal, for its card. */
export async function leadCard(db: Db, workspaceId: string, number: string): Promise<LeadCard> {
  const lead = await db.lead.findUnique({ where: { workspaceId_number: { workspaceId, number } }, include: { tags: { include: { tag: true } } } });
  if (!lead) throw new LeadNotFound(number, await suggestNumbers(db, workspaceId, number));
  const [journal, followUps] = await Promise.all([
    leadJournal(db, lead.id, CARD_JOURNAL_ENTRIES),
    db.followUp.findMany({ where: { leadId: lead.id }, orderBy: [{ contactedAt: 'desc' }, { id: 'desc' }], take: CARD_FOLLOW_UP_NOTES }),
  ]);
  return {
    lead,
    journal,
    followUps: followUps.map((row) => ({ note: row.note, outcome: (row.outcome as FollowUpOutcome | null) ?? null, byId: row.byId, contactedAt: row.contactedAt })),
  };
}

/** A lead's whole journal, oldest first. */
export async function leadHistory(db: Db, workspaceId: string, number: string): Promise<{ lead: LeadRow; entries: ActivityEntry[] }> {
  const lead = await findLead(db, workspaceId, number);
  return { lead, entries: await wholeLeadJournal(db, lead.id) };
}

/** What a change may read of the lead besides its row, inside the change's transaction. */
export interface LeadReads {
  /** The latest entries, newest first (`since`: only those at or after it). */
  recent(take: number, since?: Date): Promise<ActivityEntry[]>;
  /** What happened after the version a form showed. */
  entriesAfterVersion(version: number): Promise<ActivityEntry[]>;
  lossReasons(): Promise<NormalizedTag[]>;
}

/** What a use case decides to write: the new values, recorded as one entry of `kind`. */
export interface LeadChange {
  kind: ActivityKind;
  set: LeadPatch;
  note?: string;
  /** A contact to record with the change (its text is the entry's note); recorded even where no field changes. */
  followUp?: { outcome?: FollowUpOutcome };
  /** A buying signal to record with the change; like a contact, recorded even where no field changes. */
  signal?: SignalKind;
  /** For an undo: the entry it takes back. */
  revertsId?: number;
}

export interface LeadChangeResult {
  lead: LeadRow;
  /** Undefined when the decision changed nothing. */
  entry?: ActivityEntry;
  before: LeadPatch;
  after: LeadPatch;
}

/** The values the matching and search keys are made of: a change to one of them writes the keys again. */
const KEYED_FIELDS = ['name', 'campaign', 'contactEmail', 'contactPhone'] as const;

/** Another write got in between this one's read and its update; the whole change is decided again on the new row. */
class VersionMoved extends Error {}

const ATTEMPTS = 3;

async function lossReasonsOf(tx: Tx, leadId: number): Promise<NormalizedTag[]> {
  const rows = await tx.leadTag.findMany({ where: { leadId, tag: { kind: 'LOSS_REASON' } }, include: { tag: true } });
  return rows.map(({ tag }) => ({ key: tag.key, label: tag.label }));
}

async function writeLossReasons(tx: Tx, workspaceId: string, leadId: number, reasons: NormalizedTag[]) {
  const keep = new Set(reasons.map((reason) => reason.key));
  await tx.leadTag.deleteMany({ where: { leadId, tag: { kind: 'LOSS_REASON', key: { notIn: [...keep] } } } });
  for (const reason of reasons) {
    const tag = await upsertTag(tx, workspaceId, 'LOSS_REASON', reason);
    await tx.leadTag.upsert({ where: { leadId_tagId: { leadId, tagId: tag.id } }, create: { leadId, tagId: tag.id }, update: {} });
  }
}

async function writeSourceChannel(tx: Tx, workspaceId: string, leadId: number, sourceChannel: string | null | undefined) {
  await tx.leadTag.deleteMany({ where: { leadId, tag: { kind: 'SOURCE_CHANNEL' } } });
  const tag = sourceChannel ? normalizeSourceChannel(sourceChannel) : undefined;
  if (!tag) return;
  const row = await upsertTag(tx, workspaceId, 'SOURCE_CHANNEL', tag);
  await tx.leadTag.create({ data: { leadId, tagId: row.id } });
}

/**
 * The one way a lead changes. In one transaction: read the lead, let `decide` (the use
 * case: authorize, validate, plan) say what to write, write only the fields that really
 * change, and append the entry that records them. The update is conditional on the
 * version `decide` saw, so a write that slipped in between is never overwritten: the
 * change is decided again on the new row (where a stage the person saw is gone, the
 * use case refuses it as "moved meanwhile").
 */
export async function changeLead(
  db: Db,
  target: { workspaceId: string; number: string },
  author: Author,
  decide: (lead: LeadRow, reads: LeadReads) => Promise<LeadChange | undefined> | LeadChange | undefined,
): Promise<LeadChangeResult> {
  const { workspaceId, number } = target;
  return suggestingNumbers(db, workspaceId, number, async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.$transaction(async (tx) => {
          const lead = await tx.lead.findUnique({ where: { workspaceId_number: { workspaceId, number } } });
          if (!lead) throw new LeadNotFound(number, []);
          let knownReasons: NormalizedTag[] | undefined;
          const reads: LeadReads = {
            recent: (take, since) => recentEntries(tx, lead.id, take, since),
            entriesAfterVersion: (version) => entriesAfterVersion(tx, lead.id, version),
            lossReasons: async () => (knownReasons ??= await lossReasonsOf(tx, lead.id)),
          };
          const change = await decide(lead, reads);
          if (!change) return { lead, before: {}, after: {} };
          const current: LeadPatch = { ...valuesOf(lead), ...('lossReasons' in change.set ? { lossReasons: await reads.lossReasons() } : {}) };
          const after = changedFields(current, change.set);
          if (fieldsOf(after).length === 0 && !change.followUp && !change.signal) return { lead, before: {}, after: {} };
          const before = pick(current, fieldsOf(after));
          const { lossReasons, ...columns } = after;
          const keys = KEYED_FIELDS.some((field) => field in columns) ? leadKeys({ ...lead, ...(columns as LeadColumnPatch) }) : {};
          // Every change may move the score, and this is the one place changes are written: so it is never stale.
          const score = await scoreInTransaction(tx, workspaceId, { ...lead, ...(columns as LeadColumnPatch) }, { followUps: change.followUp ? 1 : 0, signal: change.signal });
          const updated = await tx.lead
            .update({ where: { id: lead.id, version: lead.version }, data: { ...(columns as LeadColumnPatch), ...keys, score, version: { increment: 1 } } })
            .catch((error: unknown) => {
              if ((error as { code?: string }).code === 'P2025') throw new VersionMoved();
              throw error;
            });
          if (lossReasons) await writeLossReasons(tx, workspaceId, lead.id, lossReasons);
          if ('sourceChannel' in columns) await writeSourceChannel(tx, workspaceId, lead.id, columns.sourceChannel);
          const entry = await appendActivity(tx, author, {
            workspaceId,
            leadId: lead.id,
            kind: change.kind,
            before,
            after,
            note: change.note,
            leadVersion: updated.version,
            revertsId: change.revertsId,
          });
          if (change.followUp) {
            await tx.followUp.create({
              data: { leadId: lead.id, note: change.note ?? '', contactedAt: author.at, byId: author.byId, nextDueAt: updated.nextFollowUpAt, outcome: change.followUp.outcome, activityId: entry.id },
            });
          }
          if (change.signal) await tx.leadSignal.create({ data: { leadId: lead.id, kind: change.signal, at: author.at, byId: author.byId, activityId: entry.id } });
          return { lead: updated, entry, before, after };
        }, TRANSACTION_OPTIONS);
      } catch (error) {
        if (!(error instanceof VersionMoved)) throw error;
        if (attempt >= ATTEMPTS) throw new LeadChangedMeanwhile(number, []);
      }
    }
  });
}

/** A lead in the team pool is nobody's to follow up: the owner's lists leave it out. */
const NOT_POOLED = { pooledAt: null };

export async function openLeadsOf(db: Db, workspaceId: string, ownerId: string) {
  return db.lead.findMany({
    where: { workspaceId, ownerId, stage: { in: [...OPEN_STAGES] }, ...NOT_POOLED },
    // Best first: the lists group by stage and keep this order within each.
    orderBy: [{ score: { sort: 'desc', nulls: 'last' } }, { acquiredAt: 'asc' }],
    select: { number: true, name: true, stage: true, nextFollowUpAt: true, acquiredAt: true, score: true },
    take: 500,
  });
}

/** An open lead as follow-up classification (src/domain/follow-ups.ts) reads it. */
export type FollowUpLead = FollowUpFacts & { number: string; name: string; ownerId: string; score?: number | null };

/** How many of one owner's open leads `/lead due` and the Home classify; far more than anyone follows up by hand. */
export const OWNER_OPEN_LEADS_READ = 5000;

/** One owner's open leads with their follow-up columns, soonest due first (the owner/stage index serves it). */
export async function openLeadsForFollowUp(db: Db, workspaceId: string, ownerId: string): Promise<FollowUpLead[]> {
  return db.lead.findMany({
    where: { workspaceId, ownerId, stage: { in: [...OPEN_STAGES] }, ...NOT_POOLED },
    orderBy: [{ nextFollowUpAt: 'asc' }, { acquiredAt: 'asc' }],
    select: {
      number: true,
      name: true,
      ownerId: true,
      stage: true,
      acquiredAt: true,
      contactedAt: true,
      discoveryAt: true,
      proposalAt: true,
      negotiationAt: true,
      lastFollowUpAt: true,
      nextFollowUpAt: true,
      claimedAt: true,
      score: true,
    },
    take: OWNER_OPEN_LEADS_READ,
  });
}

/** Everyone who owns an open lead outside the pool: the people a morning may have something for. */
export async function ownersOfOpenLeads(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db.lead.groupBy({ by: ['ownerId'], where: { workspaceId, stage: { in: [...OPEN_STAGES] }, ...NOT_POOLED }, orderBy: { ownerId: 'asc' } });
  return rows.map((row) => row.ownerId);
}

/** A lead waiting in the team pool, as `/lead pool` lists it. */
export interface PooledLead {
  number: string;
  name: string;
  stage: Stage;
  /** Who held it last. */
  ownerId: string;
  pooledAt: Date;
}

/** The open leads in the team pool, the longest waiting first, and how many there are in all (the pool index serves both). */
export async function pooledLeads(db: Db, workspaceId: string, take: number): Promise<{ leads: PooledLead[]; total: number }> {
  const where = { workspaceId, pooledAt: { not: null }, stage: { in: [...OPEN_STAGES] } };
  const [rows, total] = await Promise.all([
    db.lead.findMany({ where, orderBy: [{ pooledAt: 'asc' }, { number: 'asc' }], select: { number: true, name: true, stage: true, ownerId: true, pooledAt: true }, take }),
    db.lead.count({ where }),
  ]);
  return { leads: rows.map((row) => ({ ...row, pooledAt: row.pooledAt! })), total };
}

export interface OwnerStageCount {
  ownerId: string;
  stage: Stage;
  count: number;
}

/** Who owns what: lead counts per owner and stage, counted by the database. A lead in the team pool is nobody's, not its last holder's. */
export async function ownerStageCounts(db: Db, workspaceId: string): Promise<OwnerStageCount[]> {
  const rows = await db.lead.groupBy({
    by: ['ownerId', 'stage'],
    where: { workspaceId, ...NOT_POOLED },
    _count: { _all: true },
  });
  return rows.map((row) => ({ ownerId: row.ownerId, stage: row.stage, count: row._count._all }));
}

/** Loss reasons the team has used, most used first, for the loss modal's choices. */
export async function usedLossReasons(db: Db, workspaceId: string, limit = 50) {
  const tags = await db.tag.findMany({
    where: { workspaceId, kind: 'LOSS_REASON' },
    select: { key: true, label: true, _count: { select: { leads: true } } },
    orderBy: { leads: { _count: 'desc' } },
    take: limit,
  });
  return tags.map((tag) => ({ key: tag.key, label: tag.label }));
}

/** Which of these keys are tags the workspace already has (a form may only offer those, or known ones). */
export async function existingTagKeys(db: Db, workspaceId: string, kind: 'LOSS_REASON' | 'SOURCE_CHANNEL', keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const tags = await db.tag.findMany({ where: { workspaceId, kind, key: { in: [...keys] } }, select: { key: true } });
  return new Set(tags.map((tag) => tag.key));
}

/** How many leads a workspace has (the playground seeds its demo team into an empty one). */
export function countLeads(db: Db, workspaceId: string): Promise<number> {
  return db.lead.count({ where: { workspaceId } });
}
