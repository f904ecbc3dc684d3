import { LeadClosed } from '../domain/errors.js';
import {
  cadenceDay,
  checkFollowUp,
  contactFields,
  followUpCutoffs,
  followUpStatus,
  lastTouchedAt,
  type FollowUpCutoffs,
  type FollowUpDraft,
  type FollowUpRules,
} from '../domain/follow-ups.js';
import type { Locale } from '../domain/locale.js';
import { isOpenStage, type OpenStage, type Stage } from '../domain/stages.js';
import type { Db } from '../store/database.js';
import { changeLead, findLead, openLeadsForFollowUp, type FollowUpLead } from '../store/leads.js';
import { authorOf, type Caller } from './caller.js';

/**
 * Follow-ups, whoever logs them and however: `/lead note`, the card's "Log follow-up"
 * form, the command line, an import. Anyone may log a contact with any lead (reps see all
 * leads and may note on any); the contact sets when the lead was last followed up and
 * when it is next due, and is kept as a journal entry and a follow-up record together.
 */

export interface LoggedFollowUp {
  lead: Awaited<ReturnType<typeof findLead>>;
  /** The day the next follow-up is due; null on a closed lead. */
  nextDay: Date | null;
  /** Set by the stage's cadence (no day was named): how many days that is. */
  cadenceDays?: number;
}

export async function logFollowUp(caller: Caller, db: Db, request: { number: string; draft: FollowUpDraft }): Promise<LoggedFollowUp> {
  const { timeZone, followUp: rules } = caller.workspace;
  const checked = checkFollowUp(request.draft, { now: caller.now, timeZone });
  let cadenceDays: number | undefined;
  const result = await changeLead(db, { workspaceId: caller.workspace.id, number: request.number }, authorOf(caller), (lead) => {
    if (checked.nextDay && !isOpenStage(lead.stage)) throw new LeadClosed(lead.number, lead.stage);
    cadenceDays = isOpenStage(lead.stage) && !checked.nextDay ? rules.cadenceDays[lead.stage] : undefined;
    return {
      kind: 'note',
      set: contactFields(lead.stage, caller.now, timeZone, rules, checked.nextDay),
      note: checked.note,
      followUp: checked.outcome ? { outcome: checked.outcome } : {},
    };
  });
  return { lead: result.lead, nextDay: result.lead.nextFollowUpAt, ...(cadenceDays !== undefined ? { cadenceDays } : {}) };
}

/** What the follow-up form shows for a lead: the day its stage's cadence proposes. */
export async function followUpFormFor(caller: Caller, db: Db, number: string) {
  const lead = await findLead(db, caller.workspace.id, number);
  const stage: Stage = lead.stage;
  const open = isOpenStage(stage);
  return {
    lead,
    proposedDay: open ? cadenceDay(stage, caller.now, caller.workspace.timeZone, caller.workspace.followUp) : undefined,
    cadenceDays: open ? caller.workspace.followUp.cadenceDays[stage as OpenStage] : undefined,
  };
}

/** One rep's day: what to follow up today, oldest first; new leads nobody has called; zombies to revive or close. */
export interface FollowUpsDue {
  due: FollowUpLead[];
  untouched: FollowUpLead[];
  zombies: FollowUpLead[];
  cutoffs: FollowUpCutoffs;
  rules: FollowUpRules;
}

export async function followUpsDue(caller: Caller, db: Db, ownerId: string = caller.userId): Promise<FollowUpsDue> {
  return dueAmong(caller, await openLeadsForFollowUp(db, caller.workspace.id, ownerId));
}

/** How many leads need the rep today, in all three groups: none, and there is nothing to tell them. */
export function dueCount(due: FollowUpsDue): number {
  return due.due.length + due.untouched.length + due.zombies.length;
}

/** A rep's morning DM: their day as `/lead due` shows it, in their language. */
export interface MorningModel {
  locale: Locale;
  timeZone: string;
  /** The team's date it is for. */
  day: string;
  ownerId: string;
  due: FollowUpsDue;
}

/** Sorts one owner's open leads into due, untouched and zombies, at the caller's now. */
export function dueAmong(caller: Caller, leads: readonly FollowUpLead[]): FollowUpsDue {
  const rules = caller.workspace.followUp;
  const cutoffs = followUpCutoffs(caller.now, caller.workspace.timeZone, rules);
  const due: FollowUpLead[] = [];
  const untouched: FollowUpLead[] = [];
  const zombies: FollowUpLead[] = [];
  for (const lead of leads) {
    const status = followUpStatus(lead, cutoffs);
    if (status === 'overdue' || status === 'due') due.push(lead);
    else if (status === 'untouched') untouched.push(lead);
    else if (status === 'zombie') zombies.push(lead);
  }
  const byNumber = (a: FollowUpLead, b: FollowUpLead) => a.number.localeCompare(b.number);
  due.sort((a, b) => a.nextFollowUpAt!.getTime() - b.nextFollowUpAt!.getTime() || byNumber(a, b));
  untouched.sort((a, b) => a.acquiredAt.getTime() - b.acquiredAt.getTime() || byNumber(a, b));
  zombies.sort((a, b) => lastTouchedAt(a).getTime() - lastTouchedAt(b).getTime() || byNumber(a, b));
  return { due, untouched, zombies, cutoffs, rules };
}
