import { minorUnits } from '../domain/amount.js';
import { LeadClosed, LeadNotFound, StageChangedMeanwhile } from '../domain/errors.js';
import type { NewLead } from '../domain/lead-fields.js';
import { acquisitionDay, closestLeadNumbers, formatLeadNumber } from '../domain/lead-number.js';
import { isOpenStage, planStageChange, type Stage } from '../domain/stages.js';
import { normalizeSourceChannel, type NormalizedTag } from '../domain/tags.js';
import type { Prisma } from '../generated/sqlite/client.js';
import type { Db } from './database.js';
import type { WorkspaceSettings } from './workspaces.js';

type Tx = Prisma.TransactionClient;

/** Interactive transactions wait for SQLite's single writer; give them room under load. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 } as const;

export type { NewLead };

export type LeadRow = Prisma.LeadGetPayload<object>;

export type LeadWithHistory = Prisma.LeadGetPayload<{
  include: {
    stageChanges: true;
    ownerChanges: true;
    tags: { include: { tag: true } };
  };
}>;

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

export async function createLead(db: Db, workspace: WorkspaceSettings, input: NewLead, createdById: string): Promise<LeadRow> {
  const sourceTag = input.sourceChannel ? normalizeSourceChannel(input.sourceChannel) : undefined;
  return db.$transaction(async (tx) => {
    const number = await allocateLeadNumber(tx, workspace.id, acquisitionDay(input.acquiredAt, workspace.timeZone));
    const lead = await tx.lead.create({
      data: {
        workspaceId: workspace.id,
        number,
        name: input.name,
        sourceChannel: input.sourceChannel,
        sourceChannelKey: sourceTag?.key,
        campaign: input.campaign,
        contentAsset: input.contentAsset,
        customerType: input.customerType,
        industry: input.industry,
        ownerId: input.ownerId,
        createdById,
        acquiredAt: input.acquiredAt,
        nextFollowUpAt: input.nextFollowUpAt,
        notes: input.notes,
        stageChanges: {
          create: { fromStage: null, toStage: 'ACQUIRED', changedAt: input.acquiredAt, changedById: createdById },
        },
        ownerChanges: { create: { fromOwnerId: null, toOwnerId: input.ownerId, changedAt: input.acquiredAt, changedById: createdById } },
      },
    });
    if (sourceTag) {
      const tag = await upsertTag(tx, workspace.id, 'SOURCE_CHANNEL', sourceTag);
      await tx.leadTag.create({ data: { leadId: lead.id, tagId: tag.id } });
    }
    return lead;
  }, TRANSACTION_OPTIONS);
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

export async function leadWithHistory(db: Db, workspaceId: string, number: string): Promise<LeadWithHistory> {
  const lead = await db.lead.findUnique({
    where: { workspaceId_number: { workspaceId, number } },
    include: {
      stageChanges: { orderBy: [{ changedAt: 'asc' }, { id: 'asc' }] },
      ownerChanges: { orderBy: [{ changedAt: 'asc' }, { id: 'asc' }] },
      tags: { include: { tag: true } },
    },
  });
  if (!lead) throw new LeadNotFound(number, await suggestNumbers(db, workspaceId, number));
  return lead;
}

export interface StageChangeRequest {
  workspaceId: string;
  number: string;
  to: Stage | 'NEXT';
  /**
   * The stage the person saw when they acted (a card's button, a modal). A typed command
   * carries none: see UNSEEN_CHANGE_WINDOW_MS.
   */
  expectedStage?: Stage;
  byId: string;
  at: Date;
  note?: string;
  lossReasons?: NormalizedTag[];
  /** Exact decimal text in major units, as parseAmount returns it; kept as minor units. */
  dealAmount?: string;
}

export interface StageChangeResult {
  lead: LeadRow;
  from: Stage;
  skipped: Stage[];
}

/**
 * Someone who types `/lead advance 20231001` saw the lead as it was before they typed;
 * a stage change that someone else made seconds earlier, or while the command was on
 * its way, is one they cannot have seen. Applying theirs on top would move the lead
 * twice for one intent (the lost update of two people advancing at once), so it is
 * refused and they are told what happened.
 */
export const UNSEEN_CHANGE_WINDOW_MS = 10_000;

async function stageSeenBy(tx: Tx, lead: LeadRow, request: StageChangeRequest): Promise<Stage> {
  if (request.expectedStage) return request.expectedStage;
  const latest = await tx.stageChange.findFirst({
    where: { leadId: lead.id, fromStage: { not: null } },
    orderBy: [{ changedAt: 'desc' }, { id: 'desc' }],
  });
  const unseen =
    latest &&
    latest.fromStage &&
    latest.changedById !== request.byId &&
    request.at.getTime() - latest.changedAt.getTime() < UNSEEN_CHANGE_WINDOW_MS;
  return unseen ? latest.fromStage! : lead.stage;
}

/**
 * Moves a lead and records the change in one transaction. The update is conditional on
 * the stage the person saw, so of two simultaneous advances exactly one applies and the
 * other hears that the lead moved meanwhile (no lost update).
 */
export async function changeStage(
  db: Db,
  request: StageChangeRequest,
  resolveNext: (lead: LeadRow) => Stage,
): Promise<StageChangeResult> {
  return suggestingNumbers(db, request.workspaceId, request.number, () => db.$transaction(async (tx) => {
    const lead = await tx.lead.findUnique({ where: { workspaceId_number: { workspaceId: request.workspaceId, number: request.number } } });
    if (!lead) throw new LeadNotFound(request.number, []);
    const expected = await stageSeenBy(tx, lead, request);
    if (lead.stage !== expected) throw new StageChangedMeanwhile(lead.number, expected, lead.stage);
    if (!isOpenStage(expected)) throw new LeadClosed(lead.number, expected);
    const to = request.to === 'NEXT' ? resolveNext(lead) : request.to;
    const plan = planStageChange(lead.number, expected, to, request.at, { lossReasonCount: request.lossReasons?.length });
    const { count } = await tx.lead.updateMany({
      where: { id: lead.id, stage: expected },
      data: {
        stage: to,
        ...plan.timestamps,
        ...(request.dealAmount !== undefined ? { dealAmountMinor: minorUnits(request.dealAmount) } : {}),
      },
    });
    if (count === 0) {
      const now = await tx.lead.findUniqueOrThrow({ where: { id: lead.id }, select: { stage: true } });
      throw new StageChangedMeanwhile(lead.number, expected, now.stage);
    }
    await tx.stageChange.create({
      data: { leadId: lead.id, fromStage: expected, toStage: to, changedAt: request.at, changedById: request.byId, note: request.note },
    });
    for (const reason of request.lossReasons ?? []) {
      const tag = await upsertTag(tx, request.workspaceId, 'LOSS_REASON', reason);
      await tx.leadTag.upsert({
        where: { leadId_tagId: { leadId: lead.id, tagId: tag.id } },
        create: { leadId: lead.id, tagId: tag.id },
        update: {},
      });
    }
    const updated = await tx.lead.findUniqueOrThrow({ where: { id: lead.id } });
    return { lead: updated, from: expected, skipped: plan.skipped };
  }, TRANSACTION_OPTIONS));
}

export async function assignOwner(db: Db, workspaceId: string, number: string, ownerId: string, byId: string, at: Date) {
  return suggestingNumbers(db, workspaceId, number, () => db.$transaction(async (tx) => {
    const lead = await tx.lead.findUnique({ where: { workspaceId_number: { workspaceId, number } } });
    if (!lead) throw new LeadNotFound(number, []);
    if (lead.ownerId === ownerId) return { lead, previousOwnerId: ownerId, changed: false };
    const updated = await tx.lead.update({ where: { id: lead.id }, data: { ownerId } });
    await tx.ownerChange.create({
      data: { leadId: lead.id, fromOwnerId: lead.ownerId, toOwnerId: ownerId, changedAt: at, changedById: byId },
    });
    return { lead: updated, previousOwnerId: lead.ownerId, changed: true };
  }, TRANSACTION_OPTIONS));
}

export async function openLeadsOf(db: Db, workspaceId: string, ownerId: string) {
  return db.lead.findMany({
    where: { workspaceId, ownerId, stage: { notIn: ['WON', 'LOST'] } },
    orderBy: [{ acquiredAt: 'asc' }],
    select: { number: true, name: true, stage: true, nextFollowUpAt: true, acquiredAt: true },
    take: 500,
  });
}

export interface OwnerStageCount {
  ownerId: string;
  stage: Stage;
  count: number;
}

/** Who owns what: lead counts per owner and stage, counted by the database. */
export async function ownerStageCounts(db: Db, workspaceId: string): Promise<OwnerStageCount[]> {
  const rows = await db.lead.groupBy({
    by: ['ownerId', 'stage'],
    where: { workspaceId },
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
