import { ErrorCode } from '@slack/web-api';
import { MAX_AMOUNT, MINOR_DIGITS } from '../domain/amount.js';
import {
  DayInPast,
  InvalidAmount,
  InvalidLeadNumber,
  InvalidTransition,
  LeadChangedMeanwhile,
  LeadClosed,
  LeadNotFound,
  LeadopsError,
  MissingArgument,
  NeedsLossReason,
  NoNextStage,
  NotAllowed,
  ImportInterrupted,
  InThePool,
  NotInThePool,
  NotClosed,
  NothingToUndo,
  StageChangedMeanwhile,
  UndoBlocked,
  UnknownSignal,
  UnknownStage,
  UnreadableDay,
} from '../domain/errors.js';
import type { LeadField } from '../domain/journal.js';
import { CostNotPositive, InvalidCostTarget, UnreadableMonth } from '../domain/costs.js';
import { fieldList } from './blocks/journal-lines.js';
import { InvalidFields, type FieldName, type FieldProblem } from '../domain/fields.js';
import { count } from '../digests/format.js';
import { messagesFor, type Locale, type Messages } from '../i18n/messages.js';
import { textMessage, type SlackMessage } from './blocks/message.js';
import { escapeText, mentionUser, stageLabel, stageList } from './text.js';

export class NotAUser extends LeadopsError {
  readonly code = 'not_a_user';
  constructor(readonly input: string) {
    super(`not a user mention: ${input}`);
  }
}

export function fieldProblemText(problem: FieldProblem, t: Messages): string {
  const field = t.fieldNames[problem.field];
  const say = t.fieldProblems;
  switch (problem.kind) {
    case 'too_long':
      return say.too_long(field, problem.max);
    case 'too_many':
      return say.too_many(field, problem.max);
    case 'out_of_range':
      if (problem.unit === 'points') return say.out_of_range_points(field, problem.min, problem.max);
      return problem.unit === 'score' ? say.out_of_range_score(field, problem.min, problem.max) : say.out_of_range(field, problem.min, problem.max);
    default:
      return say[problem.kind](field);
  }
}

/** Field problems as a modal shows them: beside the input each one belongs to. */
export function modalErrors(problems: readonly FieldProblem[], blockOf: Partial<Record<FieldName, string>>, t: Messages): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const block = blockOf[problem.field];
    if (block && !errors[block]) errors[block] = fieldProblemText(problem, t);
  }
  return errors;
}

/**
 * A refused amount beside a form's input (plain text, so without the input echoed):
 * the limit or the precision it broke, or `notANumber`, the form's own wording.
 */
export function amountFieldProblem(error: InvalidAmount, locale: Locale, notANumber: string): string {
  const t = messagesFor(locale).modal;
  if (error.problem === 'too_large') return t.amountTooLarge(count(Number(MAX_AMOUNT), locale));
  if (error.problem === 'too_precise') return t.amountTooPrecise(MINOR_DIGITS);
  return notANumber;
}

function amountRefusal(error: InvalidAmount, t: Messages, locale: Locale): string {
  const input = escapeText(error.input);
  if (error.problem === 'too_large') return t.amountTooLarge(input, count(Number(MAX_AMOUNT), locale));
  if (error.problem === 'too_precise') return t.amountTooPrecise(input, MINOR_DIGITS);
  return t.invalidAmount(input);
}

/** A refused action, naming who may: the owner (mentioned) or a manager, a manager, an admin. */
function refusal(error: NotAllowed, t: Messages): string {
  const verb = t.roles.verbs[error.action](error.lead?.number ?? '');
  if (error.requirement === 'owner_or_manager' && error.lead) return t.roles.ownerOrManager(mentionUser(error.lead.ownerId), verb);
  if (error.requirement === 'admin') return t.roles.adminOnly(verb);
  return t.roles.managerOnly(verb);
}

/** The one place where a failure becomes words for the person who acted. */
export function errorMessage(error: unknown, locale: Locale): { message: SlackMessage; expected: boolean } {
  const t = messagesFor(locale);
  const say = (text: string) => ({ message: textMessage(text), expected: true });
  if (error instanceof LeadNotFound) {
    const suggestion = error.suggestions.length > 0 ? ` ${t.didYouMean(error.suggestions.map((n) => `*${n}*`).join(', '))}` : '';
    return say(`${t.leadNotFound(escapeText(error.number))}${suggestion}`);
  }
  if (error instanceof InvalidLeadNumber) return say(t.invalidLeadNumber(escapeText(error.input)));
  if (error instanceof LeadClosed) return say(t.leadClosed(error.number, stageLabel(error.stage, locale)));
  if (error instanceof InvalidTransition) return say(t.invalidTransition(error.number, stageLabel(error.from, locale), stageLabel(error.to, locale)));
  if (error instanceof NoNextStage) return say(t.noNextStage(error.number, stageLabel(error.stage, locale)));
  if (error instanceof NeedsLossReason) return say(t.needsLossReason(error.number));
  if (error instanceof StageChangedMeanwhile) {
    return say(t.stageChangedMeanwhile(error.number, stageLabel(error.expected, locale), stageLabel(error.actual, locale)));
  }
  if (error instanceof NotAllowed) return say(refusal(error, t));
  if (error instanceof InThePool) return say(t.pool.inPool(error.number));
  if (error instanceof ImportInterrupted) return say(t.sheetImport.interrupted(error.firstNumber));
  if (error instanceof NotInThePool) return say(error.claimed ? t.pool.claimedBy(error.number, mentionUser(error.ownerId)) : t.pool.notInPool(error.number, mentionUser(error.ownerId)));
  if (error instanceof LeadChangedMeanwhile) return say(t.journal.changedMeanwhileNoForm(error.number));
  if (error instanceof NothingToUndo) return say(t.journal.nothingToUndo(error.number));
  if (error instanceof UndoBlocked) return say(t.journal.undoBlocked(error.number, mentionUser(error.byId), fieldList(error.fields as LeadField[], locale)));
  if (error instanceof NotClosed) return say(t.journal.notClosed(error.number, stageLabel(error.stage, locale)));
  if (error instanceof UnknownStage) return say(t.unknownStage(escapeText(error.input), stageList(locale)));
  if (error instanceof UnknownSignal) return say(t.scoring.unknownSignal(escapeText(error.input), t.scoring.kinds));
  if (error instanceof InvalidAmount) return say(amountRefusal(error, t, locale));
  if (error instanceof UnreadableDay) return say(t.unreadableDay(escapeText(error.input)));
  if (error instanceof DayInPast) return say(t.dayInPast(escapeText(error.input), error.day));
  if (error instanceof InvalidCostTarget) return say(t.costs.notATarget(escapeText(error.input)));
  if (error instanceof UnreadableMonth) return say(t.costs.unreadableMonth(escapeText(error.input)));
  if (error instanceof CostNotPositive) return say(t.costs.notPositive(escapeText(error.input)));
  if (error instanceof MissingArgument) return say(t.missingArgument(escapeText(error.usage)));
  if (error instanceof NotAUser) return say(t.notAUser(escapeText(error.input)));
  if (error instanceof InvalidFields) return say(t.fieldsRefused(error.problems.map((problem) => fieldProblemText(problem, t)).join(' ')));
  const slack = slackFailure(error);
  if (slack?.kind === 'rate_limited') return say(t.slackBusy(slack.retryAfterSeconds));
  if (slack?.kind === 'timed_out') return say(t.slackTimedOut);
  return { message: textMessage(t.somethingWentWrong), expected: false };
}

/**
 * A Web API call that failed on Slack's side while a person waited. The interactive
 * client rejects rate-limited calls instead of sleeping through Retry-After (the
 * trigger id would expire meanwhile), and gives up on calls that hang.
 */
function slackFailure(error: unknown): { kind: 'rate_limited'; retryAfterSeconds: number } | { kind: 'timed_out' } | undefined {
  const coded = error as { code?: string; retryAfter?: number; original?: { code?: string } };
  if (coded.code === ErrorCode.RateLimitedError) return { kind: 'rate_limited', retryAfterSeconds: coded.retryAfter ?? 1 };
  if (coded.code === ErrorCode.RequestError) return { kind: 'timed_out' };
  return undefined;
}
