import { InvalidTimeline } from './errors.js';
import { followUpStatus, lastTouchedAt, type FollowUpCutoffs, type FollowUpFacts } from './follow-ups.js';
import { timelineOf, type Stage, type StageTimestampField } from './stages.js';

/**
 * Data hygiene (issue 17, seed 004: "the manager spot-checks 10% weekly"): what is wrong
 * with a lead's record, as `/lead hygiene` lists it. A lead missing where it came from,
 * who works it or its industry skews every channel and industry report; times out of
 * order make stage durations lie; a zombie (follow-ups.ts) is a lead nobody works.
 */

export const HYGIENE_ISSUES = ['missing_source', 'missing_owner', 'missing_industry', 'timeline', 'zombie'] as const;
export type HygieneIssue = (typeof HYGIENE_ISSUES)[number];

export interface HygieneFacts extends FollowUpFacts {
  number: string;
  sourceChannel: string | null;
  industry: string | null;
  /** Nobody: the lead never had an owner (an import whose owner cell named no one). */
  ownerId: string | null;
  wonAt: Date | null;
  lostAt: Date | null;
  /** In the team pool: nobody's to follow up, so not a zombie of anyone's. */
  pooledAt: Date | null;
}

export type HygieneFinding =
  | { issue: 'missing_source' | 'missing_owner' | 'missing_industry' }
  /** The lead entered `stage` before `earlier` (LOST before WON: both are set). */
  | { issue: 'timeline'; stage: Stage; earlier: Stage }
  | { issue: 'zombie'; lastTouchedAt: Date };

const blank = (text: string | null) => !text?.trim();

/** Everything wrong with one lead, in HYGIENE_ISSUES order. */
export function hygieneFindings(lead: HygieneFacts, cutoffs: FollowUpCutoffs): HygieneFinding[] {
  const found: HygieneFinding[] = [];
  if (blank(lead.sourceChannel)) found.push({ issue: 'missing_source' });
  if (lead.ownerId === null) found.push({ issue: 'missing_owner' });
  if (blank(lead.industry)) found.push({ issue: 'missing_industry' });
  const order = timelineProblem(lead);
  if (order) found.push({ issue: 'timeline', ...order });
  if (lead.pooledAt === null && followUpStatus(lead, cutoffs) === 'zombie') found.push({ issue: 'zombie', lastTouchedAt: lastTouchedAt(lead) });
  return found;
}

/** The same order an imported sheet's times must make sense in (timelineOf): one home for it. */
function timelineProblem(lead: HygieneFacts): { stage: Stage; earlier: Stage } | undefined {
  const recorded: Partial<Record<StageTimestampField, Date>> & { acquiredAt: Date } = { acquiredAt: lead.acquiredAt };
  for (const field of ['contactedAt', 'discoveryAt', 'proposalAt', 'negotiationAt', 'wonAt', 'lostAt'] as const) {
    const at = lead[field];
    if (at) recorded[field] = at;
  }
  try {
    // The number of reasons is not what this checks: a lost lead's reasons are another matter.
    timelineOf(lead.number, recorded, { lossReasonCount: 1 });
    return undefined;
  } catch (error) {
    if (error instanceof InvalidTimeline) return { stage: error.stage, earlier: error.earlier };
    throw error;
  }
}
