import { goalsModel, type GoalView } from '../digests/goals-digest.js';
import { followUpCutoffs } from '../domain/follow-ups.js';
import { dailyRunRateNeeded, type GoalMetric } from '../domain/goals.js';
import { weekContaining, type Period } from '../domain/periods.js';
import { atLeast } from '../domain/roles.js';
import { OPEN_STAGES, type OpenStage } from '../domain/stages.js';
import type { Db } from '../store/database.js';
import { latestOnOwnersLeads } from '../store/journal.js';
import { openLeadsForFollowUp, ownerStageCounts, pooledLeads, type FollowUpLead, type OwnerStageCount } from '../store/leads.js';
import { displayNames } from '../store/members.js';
import { periodActivity, type PeriodActivity } from '../store/metrics.js';
import { overdueByOwner, type OwnerOverdue } from '../store/overdue.js';
import type { Provider } from '../store/schema-source.js';
import type { Caller } from './caller.js';
import { dueAmong, type FollowUpsDue } from './follow-ups.js';

/**
 * The App Home as data: the rep's day (what is due, their open leads a page at a time,
 * the latest on their leads) and, for a manager, the team (who owns what and how late,
 * this week's numbers, the goals with what each still needs a day).
 */

/** Open leads listed on one page of the Home; the rest are a page away. */
export const HOME_PAGE_SIZE = 15;
/** Latest entries on the rep's leads. */
export const HOME_FEED_ENTRIES = 5;

export interface HomeModel {
  due: FollowUpsDue;
  open: { leads: FollowUpLead[]; total: number; page: number; pages: number };
  feed: Awaited<ReturnType<typeof latestOnOwnersLeads>>;
  team?: TeamModel;
}

export interface TeamModel {
  owners: OwnerStageCount[];
  overdue: OwnerOverdue[];
  /** This week so far, and its numbers. */
  week: Period;
  activity: PeriodActivity;
  goals: Array<GoalView & { perDay?: number }>;
  /** Open leads waiting in the team pool for someone to claim them. */
  pooled: number;
}

export async function homeOf(caller: Caller, database: { db: Db; provider: Provider }, options: { page?: number } = {}): Promise<HomeModel> {
  const { db } = database;
  const { workspace } = caller;
  const [all, feed] = await Promise.all([
    openLeadsForFollowUp(db, workspace.id, caller.userId),
    latestOnOwnersLeads(db, workspace.id, caller.userId, HOME_FEED_ENTRIES),
  ]);
  const due = dueAmong(caller, all);
  // By stage, then soonest due (never-scheduled last), as the Home lists them.
  const byStage = [...all].sort(
    (a, b) => OPEN_STAGES.indexOf(a.stage as OpenStage) - OPEN_STAGES.indexOf(b.stage as OpenStage) || dueTime(a) - dueTime(b) || a.number.localeCompare(b.number),
  );
  const pages = Math.max(1, Math.ceil(all.length / HOME_PAGE_SIZE));
  const page = Math.min(Math.max(options.page ?? 0, 0), pages - 1);
  const open = { leads: byStage.slice(page * HOME_PAGE_SIZE, (page + 1) * HOME_PAGE_SIZE), total: all.length, page, pages };
  const team = atLeast(caller.role, 'manager') ? await teamOf(caller, database) : undefined;
  return { due, open, feed, ...(team ? { team } : {}) };
}

function dueTime(lead: FollowUpLead): number {
  return lead.nextFollowUpAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
}

async function teamOf(caller: Caller, database: { db: Db; provider: Provider }): Promise<TeamModel> {
  const { db, provider } = database;
  const { workspace, now } = caller;
  const week = weekContaining(now, workspace.timeZone);
  const names = (userIds: string[]) => displayNames(db, workspace.id, userIds, now);
  const [owners, overdue, activity, goals, pool] = await Promise.all([
    ownerStageCounts(db, workspace.id),
    overdueByOwner(db, provider, workspace.id, followUpCutoffs(now, workspace.timeZone, workspace.followUp)),
    periodActivity(db, workspace.id, week),
    goalsModel(database, workspace, now, names),
    pooledLeads(db, workspace.id, 0),
  ]);
  return {
    owners,
    overdue,
    week,
    activity,
    pooled: pool.total,
    goals: goals.goals.map((goal) => {
      const perDay = dailyRunRateNeeded(goal.metric as GoalMetric, goal.progress, goal.period, now);
      return perDay === undefined ? goal : { ...goal, perDay };
    }),
  };
}
