import { DateTime } from 'luxon';
import { DayInPast, UnreadableDay } from './errors.js';
import { FieldCheck } from './fields.js';
import { OPEN_STAGES, isOpenStage, type OpenStage, type Stage } from './stages.js';
import { startOfTeamDay, teamDate } from './team-time.js';
import { parseWrittenDay } from './written-days.js';

/**
 * Follow-up discipline (DOMAIN.md, seeds 001, 003, 004). One home for what "due",
 * "overdue", "untouched" and "zombie" mean: the overdue digest, the morning DMs,
 * `/lead due` and the App Home all classify leads with these rules, and the store's
 * queries take their cut-offs from `followUpCutoffs`.
 *
 * Follow-ups are due on days of the team's time zone: a next follow-up is stored as
 * midnight of its day there.
 */

/** Without a workspace's own figure, a lead with no follow-up for this many days is a zombie. */
export const ZOMBIE_AFTER_DAYS = 30;

/** A lead still in Acquired this many days after it came in, with no contact, is untouched (seed 003: 70% never are). */
export const UNTOUCHED_AFTER_DAYS = 2;

/** Early stages about weekly; hot leads and decision time every 2–3 days (seed 001). */
export const DEFAULT_CADENCE_DAYS: Readonly<Record<OpenStage, number>> = {
  ACQUIRED: 7,
  CONTACTED: 7,
  DISCOVERY: 7,
  PROPOSAL: 3,
  NEGOTIATION: 3,
};

/** A workspace's own discipline: how often each stage is followed up, when a lead turns zombie or untouched. */
export interface FollowUpRules {
  cadenceDays: Readonly<Record<OpenStage, number>>;
  zombieAfterDays: number;
  untouchedAfterDays: number;
}

export const DEFAULT_FOLLOW_UP_RULES: FollowUpRules = {
  cadenceDays: DEFAULT_CADENCE_DAYS,
  zombieAfterDays: ZOMBIE_AFTER_DAYS,
  untouchedAfterDays: UNTOUCHED_AFTER_DAYS,
};

/** The longest cadence, zombie or untouched span a workspace may set. */
export const MAX_FOLLOW_UP_DAYS = 365;

/** A stored cadence (JSON of stage → days) over the defaults; anything not a sane day count keeps its default. */
export function cadenceFromStored(text: string | null | undefined): Record<OpenStage, number> {
  const cadence = { ...DEFAULT_CADENCE_DAYS };
  if (!text) return cadence;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch {
    return cadence;
  }
  if (typeof stored !== 'object' || stored === null) return cadence;
  for (const stage of OPEN_STAGES) {
    const days = (stored as Record<string, unknown>)[stage];
    if (Number.isInteger(days) && (days as number) >= 1 && (days as number) <= MAX_FOLLOW_UP_DAYS) cadence[stage] = days as number;
  }
  return cadence;
}

/** How a contact went, as the rep logs it. */
export const FOLLOW_UP_OUTCOMES = ['reached', 'no_answer', 'left_message'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

export function isFollowUpOutcome(value: string | null | undefined): value is FollowUpOutcome {
  return (FOLLOW_UP_OUTCOMES as readonly string[]).includes(value ?? '');
}

/** Midnight (team time) of the day `days` after `now`'s team day. */
export function teamDayAfter(now: Date, days: number, timeZone: string): Date {
  return DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').plus({ days }).toJSDate();
}

/** The day a lead in `stage` is next due when nobody names one: its stage's cadence from today. */
export function cadenceDay(stage: OpenStage, now: Date, timeZone: string, rules: FollowUpRules): Date {
  return teamDayAfter(now, rules.cadenceDays[stage], timeZone);
}

/** The moments the classification turns on, for a team at `now`: what the store's queries compare with. */
export interface FollowUpCutoffs {
  /** Midnight of the team's today: a next follow-up before it is overdue; a contact at or after it was today. */
  today: Date;
  /** Midnight of the team's tomorrow: a next follow-up before it is due. */
  tomorrow: Date;
  /** Last touched before this: a zombie. */
  zombieBefore: Date;
  /** Still in Acquired, never contacted, and came in before this: untouched. */
  untouchedBefore: Date;
}

const DAY_MS = 86_400_000;

export function followUpCutoffs(now: Date, timeZone: string, rules: FollowUpRules): FollowUpCutoffs {
  return {
    today: startOfTeamDay(now, timeZone),
    tomorrow: teamDayAfter(now, 1, timeZone),
    zombieBefore: new Date(now.getTime() - rules.zombieAfterDays * DAY_MS),
    untouchedBefore: new Date(now.getTime() - rules.untouchedAfterDays * DAY_MS),
  };
}

/** What a lead's follow-up columns say, as classification needs them. */
export interface FollowUpFacts {
  stage: Stage;
  acquiredAt: Date;
  contactedAt: Date | null;
  discoveryAt: Date | null;
  proposalAt: Date | null;
  negotiationAt: Date | null;
  lastFollowUpAt: Date | null;
  nextFollowUpAt: Date | null;
  /** Taken from the team pool at (a lead never pooled has none). */
  claimedAt?: Date | null;
}

/** The columns that count as touching a lead: it came in, moved on, was followed up, or was claimed from the pool. */
export const TOUCH_COLUMNS = ['acquiredAt', 'contactedAt', 'discoveryAt', 'proposalAt', 'negotiationAt', 'lastFollowUpAt', 'claimedAt'] as const;

/** The latest moment someone did something with the lead: it came in, moved on, or was followed up. */
export function lastTouchedAt(lead: FollowUpFacts): Date {
  return new Date(Math.max(...TOUCH_COLUMNS.map((column) => lead[column]?.getTime() ?? 0)));
}

/**
 * Where an open lead stands. A zombie first (nobody has touched it for the zombie span:
 * propose LOST); then overdue (its day has passed) and due (today); then untouched (in
 * Acquired past the untouched span, never contacted). A lead contacted today is never
 * due: the rep did their part, whatever the date still says.
 */
export type FollowUpStatus = 'closed' | 'zombie' | 'overdue' | 'due' | 'untouched' | 'scheduled';

export function followUpStatus(lead: FollowUpFacts, cutoffs: FollowUpCutoffs): FollowUpStatus {
  if (!isOpenStage(lead.stage)) return 'closed';
  if (lastTouchedAt(lead) < cutoffs.zombieBefore) return 'zombie';
  const contactedToday = lead.lastFollowUpAt !== null && lead.lastFollowUpAt >= cutoffs.today;
  if (!contactedToday && lead.nextFollowUpAt) {
    if (lead.nextFollowUpAt < cutoffs.today) return 'overdue';
    if (lead.nextFollowUpAt < cutoffs.tomorrow) return 'due';
  }
  if (isUntouched(lead, cutoffs)) return 'untouched';
  return 'scheduled';
}

export function isUntouched(lead: FollowUpFacts, cutoffs: FollowUpCutoffs): boolean {
  return lead.stage === 'ACQUIRED' && lead.lastFollowUpAt === null && lead.contactedAt === null && lead.acquiredAt < cutoffs.untouchedBefore;
}

/** Overdue leads are bucketed by how late they are, as the digest shows them. */
export const LATENESS_BUCKETS = ['days1to3', 'days4to7', 'days8to30', 'zombie'] as const;
export type LatenessBucket = (typeof LATENESS_BUCKETS)[number];

/**
 * What a contact writes on the lead: when it was, and when the next is due (the day the
 * rep named, else the cadence of the stage the lead is in after the change). A closed
 * lead has nothing due.
 */
export function contactFields(stageAfter: Stage, now: Date, timeZone: string, rules: FollowUpRules, nextDay?: Date): { lastFollowUpAt: Date; nextFollowUpAt: Date | null } {
  if (!isOpenStage(stageAfter)) return { lastFollowUpAt: now, nextFollowUpAt: null };
  return { lastFollowUpAt: now, nextFollowUpAt: nextDay ?? cadenceDay(stageAfter, now, timeZone, rules) };
}

/** A follow-up as a person logs it: what happened, how it went, and when the next one is (written, or picked in a date picker). */
export interface FollowUpDraft {
  note?: string | null;
  outcome?: string | null;
  /** The next day as written: `friday`, `3天后`, `2026-12-08`. */
  next?: string | null;
  /** The next day from a date picker, YYYY-MM-DD. */
  nextIsoDay?: string | null;
}

export interface CheckedFollowUp {
  note: string;
  outcome?: FollowUpOutcome;
  /** Midnight (team time) of the day the rep named; undefined: the stage's cadence applies. */
  nextDay?: Date;
}

/** Reads a follow-up; refuses it whole (nothing is logged) if the note is missing or too long, or the day unreadable or past. */
export function checkFollowUp(draft: FollowUpDraft, context: { now: Date; timeZone: string }): CheckedFollowUp {
  const check = new FieldCheck();
  const note = check.text('followUpNote', draft.note, { required: true });
  const outcome = draft.outcome ? check.choice('followUpOutcome', draft.outcome, FOLLOW_UP_OUTCOMES) : undefined;
  let nextDay = check.dayFromToday('nextFollowUp', draft.nextIsoDay, context);
  check.done();
  if (draft.next?.trim()) {
    nextDay = parseWrittenDay(draft.next, context.now, context.timeZone);
    if (!nextDay) throw new UnreadableDay(draft.next.trim());
    if (nextDay < startOfTeamDay(context.now, context.timeZone)) throw new DayInPast(draft.next.trim(), teamDate(nextDay, context.timeZone));
  }
  return { note: note!, ...(outcome ? { outcome } : {}), ...(nextDay ? { nextDay } : {}) };
}
