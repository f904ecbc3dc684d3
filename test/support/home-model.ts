import type { HomeModel } from '../../src/app/home.js';
import type { GoalView } from '../../src/digests/goals-digest.js';
import { DEFAULT_FOLLOW_UP_RULES, followUpCutoffs } from '../../src/domain/follow-ups.js';
import { OPEN_STAGES } from '../../src/domain/stages.js';
import type { ActivityEntry } from '../../src/domain/journal.js';
import type { FollowUpLead } from '../../src/store/leads.js';

/** A Home's data without a database: `count` leads in every group, names as given, a team when `goals` are given. */
export function homeModelOf(options: { now: Date; timeZone: string; count: number; name: (i: number) => string; note?: string; goals?: GoalView[]; owners?: number }): HomeModel {
  const { now, timeZone, count } = options;
  const cutoffs = followUpCutoffs(now, timeZone, DEFAULT_FOLLOW_UP_RULES);
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000);
  const lead = (i: number, facts: Partial<FollowUpLead>): FollowUpLead => ({
    number: `2023100${String(i).padStart(4, '0')}`, name: options.name(i), ownerId: 'U1', stage: OPEN_STAGES[i % 5]!,
    acquiredAt: day(-10), contactedAt: day(-8), discoveryAt: null, proposalAt: null, negotiationAt: null, lastFollowUpAt: null, nextFollowUpAt: day(3), ...facts,
  });
  const leads = Array.from({ length: count }, (_, i) => lead(i, {}));
  const entry = (i: number): ActivityEntry & { lead: { number: string; name: string } } => ({
    id: i, leadId: i, kind: 'note', before: {}, after: { lastFollowUpAt: now }, byId: 'U1', at: day(-i), via: 'slack', note: options.note ?? 'called', leadVersion: i, revertsId: null,
    lead: { number: leads[i]?.number ?? '1', name: options.name(i) },
  });
  return {
    due: {
      due: Array.from({ length: count }, (_, i) => lead(i, { nextFollowUpAt: day(-1 - i) })),
      untouched: Array.from({ length: count }, (_, i) => lead(i, { stage: 'ACQUIRED', contactedAt: null, acquiredAt: day(-3) })),
      zombies: Array.from({ length: count }, (_, i) => lead(i, { acquiredAt: day(-90), contactedAt: day(-60) })),
      cutoffs,
      rules: DEFAULT_FOLLOW_UP_RULES,
    },
    open: { leads: leads.slice(0, 15), total: count, page: 0, pages: Math.max(1, Math.ceil(count / 15)) },
    feed: Array.from({ length: Math.min(count, 5) }, (_, i) => entry(i)),
    ...(options.goals
      ? {
          team: {
            owners: Array.from({ length: options.owners ?? 3 }, (_, i) => ({ ownerId: `U${i}`, stage: OPEN_STAGES[i % 5]!, count: i + 1 })),
            overdue: Array.from({ length: options.owners ?? 3 }, (_, i) => ({ ownerId: `U${i}`, total: i, buckets: { days1to3: i, days4to7: 0, days8to30: 0, zombie: 0 } })),
            week: { start: day(-3), end: day(4), label: '2023-11-06..2023-11-12' },
            activity: { newLeads: 12, stageEntries: { ACQUIRED: 12, CONTACTED: 8, DISCOVERY: 4, PROPOSAL: 2, NEGOTIATION: 1, WON: 1, LOST: 2 }, wonCount: 1, revenueMinor: 12_000_000n, lostCount: 2 },
            goals: options.goals.map((goal) => ({ ...goal, perDay: 1.5 })),
            pooled: 4,
          },
        }
      : {}),
  };
}
