import { authorize } from '../domain/roles.js';
import { checkScoringRules, type ScoringRules, type SignalKind } from '../domain/scoring.js';
import type { Db } from '../store/database.js';
import { changeLead } from '../store/leads.js';
import { scoringReport as conversionByTierOf } from '../store/scoring.js';
import { findWorkspace, saveScoringWeights } from '../store/workspaces.js';
import { authorOf, type Caller } from './caller.js';

/**
 * Lead scoring (DOMAIN.md "Quality and scoring"): the signals reps record, the team's
 * weights, and whether the score predicts anything. The score itself is kept by the
 * store with every change (src/store/scoring.ts).
 */

/**
 * `/lead signal`: a buying signal seen on a lead. Anyone may record one on any lead, as
 * with a follow-up note: whoever hears that the customer sat through the webinar says so.
 * Closed leads take signals too; a lost customer asking for pricing is news.
 */
export async function recordSignal(caller: Caller, db: Db, request: { number: string; kind: SignalKind }) {
  const result = await changeLead(db, { workspaceId: caller.workspace.id, number: request.number }, authorOf(caller), () => ({
    kind: 'signal',
    set: {},
    note: request.kind,
    signal: request.kind,
  }));
  return { lead: result.lead, entry: result.entry };
}

/** The team's scoring rules as stored now (the caller's copy may be a cached one). */
export async function scoringRules(caller: Caller, db: Db): Promise<ScoringRules> {
  return (await findWorkspace(db, caller.workspace.id))?.scoring ?? caller.workspace.scoring;
}

/** Admins tune the weights (a partial override; null: the defaults again); every lead is scored anew with them. */
export async function changeScoringWeights(caller: Caller, db: Db, override: object | null) {
  authorize(caller, 'settings');
  const rules = checkScoringRules(override ?? {});
  const saved = await saveScoringWeights(db, caller.workspace.id, override, authorOf(caller));
  return { rules, ...saved };
}

/** Each tier's leads, won and win rate with its 95% interval. */
export async function conversionByTier(caller: Caller, db: Db) {
  const rules = await scoringRules(caller, db);
  return { rules, report: await conversionByTierOf(db, caller.workspace.id, rules) };
}
