import { followUpCutoffs } from '../domain/follow-ups.js';
import { HYGIENE_ISSUES, hygieneFindings, type HygieneFinding, type HygieneIssue } from '../domain/hygiene.js';
import { atLeast } from '../domain/roles.js';
import type { Stage } from '../domain/stages.js';
import type { Db } from '../store/database.js';
import { hygieneSuspects } from '../store/hygiene.js';
import { SYSTEM_USER_ID, type Caller } from './caller.js';

/**
 * `/lead hygiene`: the records to fix. Anyone may look; a manager sees the team's leads,
 * a rep their own (the ones they can fix).
 */

export interface HygieneLead {
  number: string;
  name: string;
  stage: Stage;
  /** Null: nobody owns it. */
  ownerId: string | null;
  finding: HygieneFinding;
}

export interface HygieneReport {
  scope: 'team' | 'own';
  /** Each issue's leads: by number, zombies longest untouched first. */
  groups: Record<HygieneIssue, HygieneLead[]>;
  /** More suspects than one look reads: the groups are the first of them. */
  partial: boolean;
}

export async function leadHygiene(caller: Caller, db: Db): Promise<HygieneReport> {
  const team = atLeast(caller.role, 'manager');
  const cutoffs = followUpCutoffs(caller.now, caller.workspace.timeZone, caller.workspace.followUp);
  const { rows, more } = await hygieneSuspects(db, caller.workspace.id, { ...(team ? {} : { ownerId: caller.userId }), unownedId: SYSTEM_USER_ID, zombieBefore: cutoffs.zombieBefore });
  const groups = Object.fromEntries(HYGIENE_ISSUES.map((issue) => [issue, [] as HygieneLead[]])) as Record<HygieneIssue, HygieneLead[]>;
  for (const row of rows) {
    const ownerId = row.ownerId === SYSTEM_USER_ID ? null : row.ownerId;
    for (const finding of hygieneFindings({ ...row, ownerId }, cutoffs)) {
      groups[finding.issue].push({ number: row.number, name: row.name, stage: row.stage as Stage, ownerId, finding });
    }
  }
  groups.zombie.sort((a, b) => touched(a) - touched(b));
  return { scope: team ? 'team' : 'own', groups, partial: more };
}

function touched(lead: HygieneLead): number {
  return lead.finding.issue === 'zombie' ? lead.finding.lastTouchedAt.getTime() : 0;
}
