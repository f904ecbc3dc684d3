import { auditSampleSize, sampleOf } from '../domain/audit.js';
import type { ActivityEntry } from '../domain/journal.js';
import { weekContaining, type Period } from '../domain/periods.js';
import { authorize } from '../domain/roles.js';
import type { Stage } from '../domain/stages.js';
import type { Db } from '../store/database.js';
import { leadsChangedBetween, leadsWithEntriesBetween } from '../store/journal.js';
import type { Caller } from './caller.js';

/**
 * `/lead audit`: a random 10% (at least 5) of the leads changed this week (Monday to
 * now in the team's zone), each with its changes of the week and who made them, for a
 * manager to spot-check. `random` draws the sample: Math.random in the bot, a seed in tests.
 */

/** A sampled lead's changes listed, newest first; the rest are counted. */
export const AUDIT_ENTRIES_PER_LEAD = 5;

export interface AuditedLead {
  number: string;
  name: string;
  ownerId: string;
  stage: Stage;
  entries: ActivityEntry[];
  moreEntries: number;
}

export interface AuditSample {
  week: Period;
  /** How many leads changed this week: what the sample is drawn from. */
  changed: number;
  /** By number. */
  leads: AuditedLead[];
}

export async function weeklyAudit(caller: Caller, db: Db, random: () => number): Promise<AuditSample> {
  authorize(caller, 'audit');
  const week = weekContaining(caller.now, caller.workspace.timeZone);
  const changed = await leadsChangedBetween(db, caller.workspace.id, week.start, week.end);
  const picked = sampleOf(changed, auditSampleSize(changed.length), random);
  const leads = picked.length === 0 ? [] : await leadsWithEntriesBetween(db, caller.workspace.id, picked, week.start, week.end, AUDIT_ENTRIES_PER_LEAD);
  return {
    week,
    changed: changed.length,
    leads: leads.map((lead) => ({ number: lead.number, name: lead.name, ownerId: lead.ownerId, stage: lead.stage as Stage, entries: lead.entries, moreEntries: lead.moreEntries })),
  };
}
