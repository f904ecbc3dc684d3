import { DateTime } from 'luxon';
import { isMeasurableMetric } from './action-progress.js';
import { FieldCheck } from './fields.js';
import { startOfTeamDay } from './team-time.js';

/**
 * Action items, the alignment meeting's step 6 (seed 004): a conclusion, the action it
 * calls for, who does it by when, and the metric that will say whether it worked, with
 * its target ("Contacted→Discovery drop-off ≤ 25%", "抖音 conversion ≥ 10%"). Closing one
 * records what came of it: done, or dropped, and the result in words.
 */

export const ACTION_OUTCOMES = ['DONE', 'DROPPED'] as const;
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number];

export interface ActionItemDraft {
  title?: string | null;
  conclusion?: string | null;
  ownerId?: string | null;
  /** YYYY-MM-DD from the date picker. */
  dueDay?: string | null;
  metric?: string | null;
  /** The metric the bot measures (action-progress.ts), a finding key; `metric` is then its name as the form showed it. */
  metricKey?: string | null;
  /** The metric's target as a number, a percent sign allowed: `25`, `25%`, `10.5`. */
  target?: string | null;
}

export interface CheckedActionItem {
  title: string;
  conclusion?: string;
  ownerId: string;
  /** Midnight (team time) of the due day. */
  dueAt: Date;
  metric?: string;
  metricKey?: string;
  /** A decimal string. */
  target?: string;
}

const TARGET = /^(\d{1,9}(?:\.\d{1,4})?)\s*%?$/;

/** Reads an action item; refuses it whole (nothing is stored) if anything is missing, too long or unreadable. */
export function checkActionItem(draft: ActionItemDraft, context: { now: Date; timeZone: string }): CheckedActionItem {
  const check = new FieldCheck();
  const title = check.text('actionTitle', draft.title, { required: true });
  const conclusion = check.text('actionConclusion', draft.conclusion);
  const ownerId = check.userId('actionOwner', draft.ownerId);
  if (!draft.ownerId) check.problem({ field: 'actionOwner', kind: 'required' });
  const dueAt = check.dayFromToday('actionDue', draft.dueDay, context);
  if (!draft.dueDay) check.problem({ field: 'actionDue', kind: 'required' });
  const metric = check.text('actionMetric', draft.metric);
  const metricKey = draft.metricKey?.trim() || undefined;
  if (metricKey && !isMeasurableMetric(metricKey)) check.problem({ field: 'actionMetric', kind: 'invalid' });
  const targetText = draft.target?.normalize('NFKC').trim();
  const target = targetText ? TARGET.exec(targetText)?.[1] : undefined;
  if (targetText && !target) check.problem({ field: 'actionTarget', kind: 'invalid' });
  if (target && !metric) check.problem({ field: 'actionMetric', kind: 'required' });
  check.done();
  return { title: title!, ownerId: ownerId!, dueAt: dueAt!, ...(conclusion ? { conclusion } : {}), ...(metric ? { metric } : {}), ...(metricKey ? { metricKey } : {}), ...(target ? { target } : {}) };
}

export interface CheckedClosing {
  outcome: ActionOutcome;
  result: string;
}

/** Closing needs what came of it: an item closed without a result teaches the next meeting nothing. */
export function checkClosing(draft: { outcome?: string | null; result?: string | null }): CheckedClosing {
  const check = new FieldCheck();
  const outcome = check.choice('actionOutcome', draft.outcome, ACTION_OUTCOMES);
  if (!draft.outcome) check.problem({ field: 'actionOutcome', kind: 'required' });
  const result = check.text('actionResult', draft.result, { required: true });
  check.done();
  return { outcome: outcome!, result: result! };
}

/** Where an open item stands on the team's today: past its day, due today or tomorrow (the owner is reminded the day before), or later. */
export type ActionTiming = 'overdue' | 'today' | 'tomorrow' | 'later';

export function actionTiming(dueAt: Date, now: Date, timeZone: string): ActionTiming {
  const today = startOfTeamDay(now, timeZone);
  const tomorrow = DateTime.fromJSDate(today, { zone: timeZone }).plus({ days: 1 }).toJSDate();
  const dayAfter = DateTime.fromJSDate(today, { zone: timeZone }).plus({ days: 2 }).toJSDate();
  if (dueAt < today) return 'overdue';
  if (dueAt < tomorrow) return 'today';
  if (dueAt < dayAfter) return 'tomorrow';
  return 'later';
}
