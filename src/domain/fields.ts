import { LeadopsError } from './errors.js';
import { startOfTeamDay, teamDayFromIso } from './team-time.js';

/**
 * What a person may store, field by field. Slack's forms enforce max_length only in
 * the client: a forged submission, the command line and an imported sheet reach the
 * core unchecked, so the limits live here and every way in applies them (the forms
 * read their max_length from here too).
 */
export const FIELD_LIMITS = {
  leadName: 200,
  sourceChannel: 80,
  campaign: 200,
  contentAsset: 200,
  industry: 80,
  /** RFC 5321's longest address. */
  contactEmail: 254,
  /** Room for spaces, dashes, a country code and an extension. */
  contactPhone: 40,
  leadNotes: 3000,
  /** A note on a stage change (lost, won). */
  changeNote: 1000,
  /** What a logged follow-up says happened. */
  followUpNote: 1000,
  lossReason: 80,
  goalTarget: 30,
  /** Qualification (BANT) notes, as the rep writes them. */
  budget: 500,
  authority: 500,
  need: 500,
  timeline: 500,
  /** An action item (seed 004 step 6): what to do, why, how it is measured, what came of it. */
  actionTitle: 300,
  actionConclusion: 1000,
  actionMetric: 200,
  actionResult: 1000,
  /** Why a bottleneck flag is not a problem. */
  dismissReason: 500,
} as const;

/** More reasons than this is a paragraph, not a list of reasons. */
export const MAX_LOSS_REASONS = 10;

export type FieldName =
  | 'leadName'
  | 'sourceChannel'
  | 'campaign'
  | 'contentAsset'
  | 'customerType'
  | 'industry'
  | 'contactEmail'
  | 'contactPhone'
  | 'owner'
  | 'acquiredAt'
  | 'nextFollowUp'
  | 'leadNotes'
  | 'changeNote'
  | 'followUpNote'
  | 'followUpOutcome'
  | 'lossReason'
  /** The reasons picked from the loss form's list. */
  | 'lossReasonChoice'
  | 'budget'
  | 'authority'
  | 'need'
  | 'timeline'
  | 'dismissReason'
  | 'dealAmount'
  | 'acquisitionCost'
  | 'goalMetric'
  | 'goalTarget'
  | 'goalPeriod'
  | 'goalOwner'
  | 'goalChannel'
  /** `/lead config`: src/domain/settings.ts. */
  | 'teamTimeZone'
  | 'teamLocale'
  | 'currency'
  | 'cadenceAcquired'
  | 'cadenceContacted'
  | 'cadenceDiscovery'
  | 'cadenceProposal'
  | 'cadenceNegotiation'
  | 'zombieAfterDays'
  | 'untouchedAfterDays'
  | 'poolAfterDays'
  | 'flagMargin'
  | 'mqlThreshold'
  | 'digestChannel'
  | 'alignmentChannel'
  /** An action item: src/domain/action-items.ts. */
  | 'actionTitle'
  | 'actionConclusion'
  | 'actionOwner'
  | 'actionDue'
  | 'actionMetric'
  | 'actionTarget'
  | 'actionResult'
  | 'actionOutcome';

export type FieldProblem =
  | { field: FieldName; kind: 'required' }
  | { field: FieldName; kind: 'too_long'; max: number }
  | { field: FieldName; kind: 'too_many'; max: number }
  /** A value of the wrong shape: a user id that is not one, a date that is not a date. */
  | { field: FieldName; kind: 'invalid' }
  /** A choice the form never offered. */
  | { field: FieldName; kind: 'not_offered' }
  /** A whole number outside what the field allows (days from 1 to 365). */
  | { field: FieldName; kind: 'out_of_range'; min: number; max: number; unit?: 'days' | 'points' | 'score' }
  | { field: FieldName; kind: 'in_future' }
  | { field: FieldName; kind: 'in_past' };

/** One or more fields refused; nothing was stored. */
export class InvalidFields extends LeadopsError {
  readonly code = 'invalid_fields';
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid fields: ${problems.map((problem) => `${problem.field} ${problem.kind}`).join(', ')}`);
  }
}

/** Slack user ids as Slack issues them; anything else (`<!channel>`, a name) is not one. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

export function isSlackUserId(text: string): boolean {
  return SLACK_USER_ID.test(text);
}

type LimitedField = keyof typeof FIELD_LIMITS;

/**
 * Collects problems while a form or a command is read, so that every refused field is
 * reported at once, then throws them together.
 */
export class FieldCheck {
  readonly problems: FieldProblem[] = [];

  /** A text within its field's limit, trimmed; empty is none. */
  text(field: LimitedField, value: string | null | undefined, options: { required?: boolean } = {}): string | undefined {
    const text = value?.trim() || undefined;
    if (!text) {
      if (options.required) this.problems.push({ field, kind: 'required' });
      return undefined;
    }
    // Code points, not UTF-16 units: 中文 and emoji count as one character each, as Slack counts them.
    if ([...text].length > FIELD_LIMITS[field]) {
      this.problems.push({ field, kind: 'too_long', max: FIELD_LIMITS[field] });
      return undefined;
    }
    return text;
  }

  userId(field: FieldName, value: string | null | undefined): string | undefined {
    if (!value) return undefined;
    if (isSlackUserId(value)) return value;
    this.problems.push({ field, kind: 'invalid' });
    return undefined;
  }

  /** One of the choices the form offered, or none. */
  choice<T extends string>(field: FieldName, value: string | null | undefined, offered: readonly T[]): T | undefined {
    if (!value) return undefined;
    if ((offered as readonly string[]).includes(value)) return value as T;
    this.problems.push({ field, kind: 'not_offered' });
    return undefined;
  }

  /** Choices of a multi-select, each of them offered. */
  choices(field: FieldName, values: readonly string[], offered: ReadonlySet<string>): string[] {
    const unknown = values.filter((value) => !offered.has(value));
    if (unknown.length > 0) this.problems.push({ field, kind: 'not_offered' });
    return values.filter((value) => offered.has(value));
  }

  /** A YYYY-MM-DD from a date picker as midnight of that day in the team's zone; today or later. */
  dayFromToday(field: FieldName, isoDay: string | null | undefined, context: { now: Date; timeZone: string }): Date | undefined {
    if (!isoDay) return undefined;
    const day = teamDayFromIso(isoDay, context.timeZone);
    if (!day) this.problems.push({ field, kind: 'invalid' });
    else if (day < startOfTeamDay(context.now, context.timeZone)) this.problems.push({ field, kind: 'in_past' });
    else return day;
    return undefined;
  }

  count(field: FieldName, count: number, max: number): void {
    if (count > max) this.problems.push({ field, kind: 'too_many', max });
  }

  problem(problem: FieldProblem): void {
    this.problems.push(problem);
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** Throws what was found, if anything. */
  done(): void {
    if (!this.ok) throw new InvalidFields(this.problems);
  }
}
