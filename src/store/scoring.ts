import { conversionByTier, scoreLead, scoringRulesFromStored, type ConversionByTier, type ScoreFacts, type ScoringRules, type SignalKind } from '../domain/scoring.js';
import type { Db } from './database.js';
import type { Tx } from './journal.js';

/**
 * Keeps lead.score true. The score reads a lead's columns, how many follow-ups it has and
 * which signals; every write of those goes through src/store/leads.ts, which scores the
 * lead again inside the same transaction (scoreInTransaction). A change of the weights
 * rescores the workspace (rescoreLeads), and so does the migration that brought scoring.
 */

/** The migration that added scoring; leads from before it are scored when it is applied. */
export const SCORING_MIGRATION = '_lead_scoring';

/** The lead columns the score reads. */
export const SCORED_COLUMNS = {
  customerType: true,
  industry: true,
  budget: true,
  authority: true,
  need: true,
  timeline: true,
  contactedAt: true,
  discoveryAt: true,
  proposalAt: true,
  negotiationAt: true,
} as const;

type ScoredColumns = Omit<ScoreFacts, 'followUps' | 'signals'>;

/** The weights as they are now, read in the writing transaction so that no cached copy can score with old ones. */
export async function scoringRulesIn(db: Db | Tx, workspaceId: string): Promise<ScoringRules> {
  const row = await db.workspace.findUnique({ where: { id: workspaceId }, select: { scoringWeights: true } });
  return scoringRulesFromStored(row?.scoringWeights);
}

/**
 * The score a lead will have once a change is written: its columns after the change, its
 * follow-ups and signals so far plus the ones the change records.
 */
export async function scoreInTransaction(
  tx: Tx,
  workspaceId: string,
  lead: ScoredColumns & { id?: number },
  adding: { followUps?: number; signal?: SignalKind } = {},
): Promise<number> {
  const [rules, followUps, signals] = await Promise.all([
    scoringRulesIn(tx, workspaceId),
    lead.id === undefined ? 0 : tx.followUp.count({ where: { leadId: lead.id } }),
    lead.id === undefined ? [] : tx.leadSignal.findMany({ where: { leadId: lead.id }, distinct: ['kind'], select: { kind: true } }),
  ]);
  const kinds = [...signals.map((row) => row.kind), ...(adding.signal ? [adding.signal] : [])];
  return scoreLead({ ...factsOf(lead), followUps: followUps + (adding.followUps ?? 0), signals: kinds }, rules).score;
}

function factsOf(lead: ScoredColumns): ScoredColumns {
  return {
    customerType: lead.customerType,
    industry: lead.industry,
    budget: lead.budget,
    authority: lead.authority,
    need: lead.need,
    timeline: lead.timeline,
    contactedAt: lead.contactedAt,
    discoveryAt: lead.discoveryAt,
    proposalAt: lead.proposalAt,
    negotiationAt: lead.negotiationAt,
  };
}

const BATCH = 500;

/**
 * Scores every lead of the workspace (or of all workspaces) again with its weights, a
 * batch at a time, writing only the scores that differ. The score is derived from the
 * lead like its search keys, so this changes no version and writes no journal entry;
 * the change of weights that calls it is journaled by its caller.
 */
export async function rescoreLeads(db: Db | Tx, workspaceId?: string): Promise<number> {
  const workspaces = workspaceId ? [{ id: workspaceId }] : await db.workspace.findMany({ select: { id: true } });
  let written = 0;
  for (const workspace of workspaces) {
    const rules = await scoringRulesIn(db, workspace.id);
    for (let after = 0; ; ) {
      const leads = await db.lead.findMany({ where: { workspaceId: workspace.id, id: { gt: after } }, orderBy: { id: 'asc' }, take: BATCH, select: { id: true, score: true, ...SCORED_COLUMNS } });
      if (leads.length === 0) break;
      after = leads.at(-1)!.id;
      const ids = leads.map((lead) => lead.id);
      const [followUps, signals] = await Promise.all([
        db.followUp.groupBy({ by: ['leadId'], where: { leadId: { in: ids } }, _count: { _all: true } }),
        db.leadSignal.findMany({ where: { leadId: { in: ids } }, distinct: ['leadId', 'kind'], select: { leadId: true, kind: true } }),
      ]);
      const followUpCount = new Map(followUps.map((row) => [row.leadId, row._count._all]));
      const kindsOf = new Map<number, string[]>();
      for (const row of signals) kindsOf.set(row.leadId, [...(kindsOf.get(row.leadId) ?? []), row.kind]);
      const changed = leads
        .map((lead) => ({ id: lead.id, was: lead.score, score: scoreLead({ ...factsOf(lead), followUps: followUpCount.get(lead.id) ?? 0, signals: kindsOf.get(lead.id) ?? [] }, rules).score }))
        .filter((lead) => lead.score !== lead.was);
      // One statement per score, not per lead: a batch has at most 101 of them.
      const byScore = new Map<number, number[]>();
      for (const lead of changed) byScore.set(lead.score, [...(byScore.get(lead.score) ?? []), lead.id]);
      for (const [score, leadIds] of byScore) await db.lead.updateMany({ where: { id: { in: leadIds } }, data: { score } });
      written += changed.length;
    }
  }
  return written;
}

/** Conversion per tier of every lead the workspace has, counted by the database per score. */
export async function scoringReport(db: Db, workspaceId: string, rules: ScoringRules): Promise<ConversionByTier> {
  const rows = await db.lead.groupBy({ by: ['score', 'stage'], where: { workspaceId }, _count: { _all: true } });
  const perScore = new Map<number | null, { leads: number; won: number }>();
  for (const row of rows) {
    const sum = perScore.get(row.score) ?? { leads: 0, won: 0 };
    sum.leads += row._count._all;
    if (row.stage === 'WON') sum.won += row._count._all;
    perScore.set(row.score, sum);
  }
  return conversionByTier([...perScore.entries()].map(([score, sum]) => ({ score, ...sum })), rules);
}
