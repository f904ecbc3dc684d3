import {
  InvalidAmount,
  InvalidLeadNumber,
  InvalidTransition,
  LeadClosed,
  LeadNotFound,
  LeadopsError,
  MissingArgument,
  NeedsLossReason,
  NoNextStage,
  StageChangedMeanwhile,
  UnknownStage,
} from '../domain/errors.js';
import { messagesFor, type Locale } from '../i18n/messages.js';
import { textMessage, type SlackMessage } from './blocks/message.js';
import { escapeText, stageLabel, stageList } from './text.js';

export class NotAUser extends LeadopsError {
  readonly code = 'not_a_user';
  constructor(readonly input: string) {
    super(`not a user mention: ${input}`);
  }
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
  if (error instanceof UnknownStage) return say(t.unknownStage(escapeText(error.input), stageList(locale)));
  if (error instanceof InvalidAmount) return say(t.invalidAmount(escapeText(error.input)));
  if (error instanceof MissingArgument) return say(t.missingArgument(escapeText(error.usage)));
  if (error instanceof NotAUser) return say(t.notAUser(escapeText(error.input)));
  return { message: textMessage(t.somethingWentWrong), expected: false };
}
