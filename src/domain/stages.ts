import { InvalidTimeline, InvalidTransition, LeadClosed, NeedsLossReason } from './errors.js';

/** DOMAIN.md "Stages": the default pipeline of the tracking sheet (seed 004). */
export const STAGES = ['ACQUIRED', 'CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST'] as const;
export type Stage = (typeof STAGES)[number];

export const OPEN_STAGES = ['ACQUIRED', 'CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION'] as const satisfies readonly Stage[];
export type OpenStage = (typeof OPEN_STAGES)[number];

/** The forward order in which a lead reaches stages; LOST can follow any open stage. */
const PIPELINE: readonly Stage[] = ['ACQUIRED', 'CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION', 'WON'];

export const STAGE_LABELS: Record<Stage, { en: string; zh: string }> = {
  ACQUIRED: { en: 'Acquired', zh: '线索获取' },
  CONTACTED: { en: 'Contacted', zh: '初步接触' },
  DISCOVERY: { en: 'Discovery', zh: '需求挖掘' },
  PROPOSAL: { en: 'Proposal', zh: '方案呈现' },
  NEGOTIATION: { en: 'Negotiation', zh: '商务谈判' },
  WON: { en: 'Won', zh: '成交' },
  LOST: { en: 'Lost', zh: '流失' },
};

/** The lead column that records when a lead entered each stage. */
export const STAGE_TIMESTAMP = {
  ACQUIRED: 'acquiredAt',
  CONTACTED: 'contactedAt',
  DISCOVERY: 'discoveryAt',
  PROPOSAL: 'proposalAt',
  NEGOTIATION: 'negotiationAt',
  WON: 'wonAt',
  LOST: 'lostAt',
} as const satisfies Record<Stage, string>;
export type StageTimestampField = (typeof STAGE_TIMESTAMP)[Stage];

export function isOpenStage(stage: Stage): stage is OpenStage {
  return (OPEN_STAGES as readonly Stage[]).includes(stage);
}

/** Refuses a change to a lead that is already won or lost (reopen it first). */
export function assertOpen(number: string, stage: Stage): asserts stage is OpenStage {
  if (!isOpenStage(stage)) throw new LeadClosed(number, stage);
}

/** Accepts a key, an English label or a 中文 label, in any case: `proposal`, `Proposal`, `方案呈现`. */
export function parseStage(input: string): Stage | undefined {
  const wanted = input.normalize('NFKC').trim().toLowerCase();
  if (!wanted) return undefined;
  return STAGES.find(
    (stage) =>
      stage.toLowerCase() === wanted ||
      STAGE_LABELS[stage].en.toLowerCase() === wanted ||
      STAGE_LABELS[stage].zh === wanted,
  );
}

/** The furthest open stage a lead has a timestamp for: where a closed lead was when it closed, as far as the row tells. */
export function lastOpenStageReached(timestamps: Partial<Record<StageTimestampField, Date | null>>): OpenStage {
  for (const stage of [...OPEN_STAGES].reverse()) if (timestamps[STAGE_TIMESTAMP[stage]]) return stage;
  return 'ACQUIRED';
}

/** The stage `advance` moves to, or undefined when the lead has no next open stage. */
export function nextOpenStage(stage: Stage): OpenStage | undefined {
  if (!isOpenStage(stage)) return undefined;
  const next = PIPELINE[PIPELINE.indexOf(stage) + 1];
  return next && isOpenStage(next) ? next : undefined;
}

export interface StageChangePlan {
  from: Stage;
  to: Stage;
  /** Stage timestamps to set: the target's and, on a jump, every skipped stage's. */
  timestamps: Partial<Record<StageTimestampField, Date>>;
  skipped: Stage[];
}

/**
 * Plans a move from `from` to `to` at time `at`. Skipped stages get the jump's time so
 * that "reached stage k" stays monotone for the funnel (DOMAIN.md). LOST needs a reason;
 * WON and LOST are final until an explicit reopen.
 */
export function planStageChange(
  number: string,
  from: Stage,
  to: Stage,
  at: Date,
  options: { lossReasonCount?: number } = {},
): StageChangePlan {
  assertOpen(number, from);
  if (to === 'LOST') {
    if (!options.lossReasonCount) throw new NeedsLossReason(number);
    return { from, to, timestamps: { lostAt: at }, skipped: [] };
  }
  const fromIndex = PIPELINE.indexOf(from);
  const toIndex = PIPELINE.indexOf(to);
  if (toIndex <= fromIndex) throw new InvalidTransition(number, from, to);
  const skipped = PIPELINE.slice(fromIndex + 1, toIndex);
  const timestamps: StageChangePlan['timestamps'] = {};
  for (const stage of [...skipped, to]) timestamps[STAGE_TIMESTAMP[stage]] = at;
  return { from, to, timestamps, skipped };
}

export interface Timeline {
  stage: Stage;
  /** Every stage timestamp the lead keeps, a skipped stage's filled in as planStageChange would. */
  timestamps: Partial<Record<StageTimestampField, Date>> & { acquiredAt: Date };
}

/**
 * The stage and history a lead's recorded times tell (an imported row): the latest stage
 * with a time, LOST whenever it was lost. Times must follow the pipeline (a stage is not
 * entered before an earlier one), a lead is not both won and lost, and LOST needs a
 * reason, as a move to it does. A stage left empty before a later one took its time from
 * that later one, as a jump would have.
 */
export function timelineOf(number: string, recorded: Partial<Record<StageTimestampField, Date>> & { acquiredAt: Date }, options: { lossReasonCount: number }): Timeline {
  if (recorded.wonAt && recorded.lostAt) throw new InvalidTimeline(number, 'LOST', 'WON');
  const timestamps: Timeline['timestamps'] = { ...recorded };
  let latest: { stage: Stage; at: Date } = { stage: 'ACQUIRED', at: recorded.acquiredAt };
  for (const stage of PIPELINE.slice(1)) {
    const at = recorded[STAGE_TIMESTAMP[stage]];
    if (!at) continue;
    if (at < latest.at) throw new InvalidTimeline(number, stage, latest.stage);
    latest = { stage, at };
  }
  if (recorded.lostAt && recorded.lostAt < latest.at) throw new InvalidTimeline(number, 'LOST', latest.stage);
  let next: Date | undefined;
  for (const stage of [...PIPELINE].reverse()) {
    const field = STAGE_TIMESTAMP[stage];
    if (timestamps[field]) next = timestamps[field];
    else if (next && PIPELINE.indexOf(stage) < PIPELINE.indexOf(latest.stage)) timestamps[field] = next;
  }
  if (recorded.lostAt) {
    if (options.lossReasonCount === 0) throw new NeedsLossReason(number);
    return { stage: 'LOST', timestamps };
  }
  return { stage: latest.stage, timestamps };
}
