import type { Stage } from './stages.js';

/**
 * Errors the core raises on purpose. Each carries what the person needs to hear;
 * src/slack/errors.ts turns them into one ephemeral message in their language.
 */
export abstract class LeadopsError extends Error {
  abstract readonly code: string;
}

export class LeadNotFound extends LeadopsError {
  readonly code = 'lead_not_found';
  constructor(readonly number: string, readonly suggestions: string[]) {
    super(`no lead ${number}`);
  }
}

export class InvalidLeadNumber extends LeadopsError {
  readonly code = 'invalid_lead_number';
  constructor(readonly input: string) {
    super(`not a lead number: ${input}`);
  }
}

export class LeadClosed extends LeadopsError {
  readonly code = 'lead_closed';
  constructor(readonly number: string, readonly stage: Stage) {
    super(`lead ${number} is ${stage}`);
  }
}

export class InvalidTransition extends LeadopsError {
  readonly code = 'invalid_transition';
  constructor(readonly number: string, readonly from: Stage, readonly to: Stage) {
    super(`lead ${number} cannot move from ${from} to ${to}`);
  }
}

export class NoNextStage extends LeadopsError {
  readonly code = 'no_next_stage';
  constructor(readonly number: string, readonly stage: Stage) {
    super(`lead ${number} has no next open stage after ${stage}`);
  }
}

export class NeedsLossReason extends LeadopsError {
  readonly code = 'needs_loss_reason';
  constructor(readonly number: string) {
    super(`lead ${number} needs a loss reason`);
  }
}

/** Stage times that cannot all be true of one lead: won before contacted, or both won and lost. */
export class InvalidTimeline extends LeadopsError {
  readonly code = 'invalid_timeline';
  constructor(readonly number: string, readonly stage: Stage, readonly earlier: Stage) {
    super(`lead ${number} entered ${stage} before ${earlier}`);
  }
}

/** Someone else changed the lead's stage between what the person saw and their action. */
export class StageChangedMeanwhile extends LeadopsError {
  readonly code = 'stage_changed_meanwhile';
  constructor(readonly number: string, readonly expected: Stage, readonly actual: Stage) {
    super(`lead ${number} is no longer ${expected} but ${actual}`);
  }
}

export class UnknownStage extends LeadopsError {
  readonly code = 'unknown_stage';
  constructor(readonly input: string) {
    super(`unknown stage ${input}`);
  }
}

/** Why an amount was refused: not a number, above MAX_AMOUNT, or finer than a minor unit (src/domain/amount.ts). */
export type AmountProblem = 'not_a_number' | 'too_large' | 'too_precise';

export class InvalidAmount extends LeadopsError {
  readonly code = 'invalid_amount';
  constructor(readonly input: string, readonly problem: AmountProblem) {
    super(`${problem === 'not_a_number' ? 'not an amount' : `amount ${problem.replace('_', ' ')}`}: ${input}`);
  }
}

export class MissingArgument extends LeadopsError {
  readonly code = 'missing_argument';
  constructor(readonly usage: string) {
    super(`usage: ${usage}`);
  }
}

/** The writes that not everyone may make (src/domain/roles.ts says who may). */
export type ProtectedAction = 'advance' | 'win' | 'lose' | 'edit' | 'reopen' | 'reopenWon' | 'assign' | 'undoOthers' | 'goal' | 'role' | 'release' | 'settings' | 'action' | 'closeAction' | 'cost' | 'import' | 'audit' | 'export';

/** The caller's role does not allow this; nothing was changed. Names who may. */
export class NotAllowed extends LeadopsError {
  readonly code = 'not_allowed';
  constructor(
    readonly action: ProtectedAction,
    readonly requirement: 'owner_or_manager' | 'manager' | 'admin',
    readonly lead?: { number: string; ownerId: string },
  ) {
    super(`not allowed: ${action}${lead ? ` on ${lead.number}` : ''} needs ${requirement}`);
  }
}

/** The lead changed after the form showed it; the person sees what changed and keeps what they typed. */
export class LeadChangedMeanwhile extends LeadopsError {
  readonly code = 'lead_changed_meanwhile';
  constructor(readonly number: string, readonly changes: ReadonlyArray<{ byId: string; fields: string[] }>) {
    super(`lead ${number} changed meanwhile`);
  }
}

/** Nothing of the caller's (or, for a manager, anyone's) to take back on this lead within the undo window. */
export class NothingToUndo extends LeadopsError {
  readonly code = 'nothing_to_undo';
  constructor(readonly number: string) {
    super(`nothing to undo on ${number}`);
  }
}

/** A change cannot be taken back because later changes built on the same fields. */
export class UndoBlocked extends LeadopsError {
  readonly code = 'undo_blocked';
  constructor(readonly number: string, readonly byId: string, readonly fields: string[]) {
    super(`undo on ${number} blocked by a later change of ${fields.join(', ')}`);
  }
}

/** Only a WON or LOST lead can be reopened, and only to an open stage. */
export class NotClosed extends LeadopsError {
  readonly code = 'not_closed';
  constructor(readonly number: string, readonly stage: Stage) {
    super(`lead ${number} is ${stage}, not closed`);
  }
}

/** A follow-up day written so that it names no day (`next:someday`). */
export class UnreadableDay extends LeadopsError {
  readonly code = 'unreadable_day';
  constructor(readonly input: string) {
    super(`not a day: ${input}`);
  }
}

/** A follow-up day that has already passed in the team's time zone. */
export class DayInPast extends LeadopsError {
  readonly code = 'day_in_past';
  /** `day`: the day it names, YYYY-MM-DD in the team's zone. */
  constructor(readonly input: string, readonly day: string) {
    super(`${input} (${day}) is before today`);
  }
}

/** The lead is in the team pool: nobody's until a rep claims it, so a rep cannot change it before. */
export class InThePool extends LeadopsError {
  readonly code = 'in_the_pool';
  constructor(readonly number: string) {
    super(`lead ${number} is in the team pool`);
  }
}

/** Someone claimed the lead from the pool first (or it was never there): says who holds it. */
export class NotInThePool extends LeadopsError {
  readonly code = 'not_in_the_pool';
  /** `claimed`: someone took it from the pool (the loser of a race hears who); else it was never there. */
  constructor(readonly number: string, readonly ownerId: string, readonly claimed: boolean) {
    super(`lead ${number} is not in the team pool; ${ownerId} has it`);
  }
}

/** `/lead signal` with a word that names no signal kind: the reply lists the kinds. */
export class UnknownSignal extends LeadopsError {
  readonly code = 'unknown_signal';
  constructor(readonly input: string) {
    super(`unknown signal ${input}`);
  }
}

/** Scoring weights that do not make a scoring (a negative weight, tiers upside down): each problem by its path. */
export class InvalidScoringRules extends LeadopsError {
  readonly code = 'invalid_scoring_rules';
  constructor(readonly problems: string[]) {
    super(`scoring weights: ${problems.join('; ')}`);
  }
}

/**
 * An import's batch kept being changed by other writes while it was written (someone
 * working on those leads meanwhile): that batch wrote nothing; the batches before it are in,
 * and the same import run again finishes the rest.
 */
export class ImportInterrupted extends LeadopsError {
  readonly code = 'import_interrupted';
  constructor(readonly firstNumber: string) {
    super(`the batch from lead ${firstNumber} kept changing while it was imported`);
  }
}
