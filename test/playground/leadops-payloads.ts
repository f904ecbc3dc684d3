import type { ActivityEntry } from '../../src/domain/journal.js';
import { channelTable } from '../../src/domain/channel-metrics.js';
import { editLeadModal, editValuesOf } from '../../src/slack/blocks/edit-modal.js';
import type { FunnelDigestModel } from '../../src/digests/funnel-digest.js';
import type { GoalsModel } from '../../src/digests/goals-digest.js';
import type { OverdueDigestModel } from '../../src/digests/overdue-digest.js';
import { computeFunnel } from '../../src/domain/funnel.js';
import { goalProgress } from '../../src/domain/goals.js';
import type { Locale } from '../../src/i18n/messages.js';
import { funnelDigestMessage } from '../../src/slack/blocks/funnel-digest.js';
import { goalModal } from '../../src/slack/blocks/goal-modal.js';
import { goalsDigestMessage, goalsListMessage } from '../../src/slack/blocks/goals-digest.js';
import { helpMessage } from '../../src/slack/blocks/help.js';
import { homeView } from '../../src/slack/blocks/home.js';
import { leadCardMessage } from '../../src/slack/blocks/lead-card.js';
import { mineMessage, ownersMessage } from '../../src/slack/blocks/lead-lists.js';
import { loseLeadModal, newLeadModal, winLeadModal } from '../../src/slack/blocks/modals.js';
import { overdueDigestMessage } from '../../src/slack/blocks/overdue-digest.js';
import { importModal } from '../../src/slack/blocks/sheet-import.js';
import type { LeadCard } from '../../src/store/leads.js';
import { homeModelOf } from '../support/home-model.js';

/**
 * What the bot itself sends, built by its own builders from small made-up data: the
 * playground has to render every one of these.
 */

export const AT = new Date('2023-11-10T02:00:00Z');
const day = (offset: number) => new Date(AT.getTime() + offset * 86_400_000);
const period = (start: Date, end: Date) => ({ start, end, label: `${start.toISOString().slice(0, 10)}..${new Date(end.getTime() - 1).toISOString().slice(0, 10)}` });

/** A lead with a name a user typed: markers and markup that must show literally. */
export function sampleLead(): LeadCard {
  const lead = {
    id: 1, workspaceId: 'T1', number: '20231110001', name: '*Acme* <script>alert(1)</script> & Co', sourceChannel: 'website', campaign: 'Q4_push', contentAsset: null,
    customerType: 'ENTERPRISE', industry: '制造业', ownerId: 'U1', createdById: 'U2', stage: 'PROPOSAL',
    acquiredAt: day(-10), contactedAt: day(-8), discoveryAt: day(-5), proposalAt: day(-1), negotiationAt: null, wonAt: null, lostAt: null,
    dealAmountMinor: 12_000_000n, acquisitionCostMinor: null, notes: 'Call back after the _trade fair_', budget: null, authority: null, need: null, timeline: null, score: null,
    nextFollowUpAt: day(2), lastFollowUpAt: null, createdAt: day(-10), updatedAt: day(-1),
    version: 4,
    tags: [],
  } as unknown as LeadCard['lead'];
  const entry = (id: number, kind: ActivityEntry['kind'], at: Date, byId: string, before: ActivityEntry['before'], after: ActivityEntry['after'], note: string | null = null): ActivityEntry => ({
    id, leadId: 1, kind, before, after, byId, at, via: 'slack', note, leadVersion: id, revertsId: null,
  });
  const entries = [
    entry(4, 'stage', day(-1), 'U1', { stage: 'DISCOVERY' }, { stage: 'PROPOSAL' }, 'sent *draft* v2'),
    entry(3, 'edit', day(-3), 'U1', { industry: '教育' }, { industry: '制造业' }),
    entry(2, 'owner', day(-9), 'U2', { ownerId: 'U2' }, { ownerId: 'U1' }),
    entry(1, 'created', day(-10), 'U2', {}, { stage: 'ACQUIRED', name: lead.name }),
  ];
  const followUps = [
    { note: 'Called Ms. Wang: wants the *pricing* sheet by Friday', outcome: 'reached' as const, byId: 'U1', contactedAt: day(-1) },
    { note: '未接通，已发短信', outcome: 'no_answer' as const, byId: 'U1', contactedAt: day(-4) },
  ];
  return { lead, journal: { entries, total: 4 }, followUps };
}

function funnelModel(locale: Locale): FunnelDigestModel {
  const week = period(day(-4), day(3));
  const activity = { newLeads: 12, stageEntries: { ACQUIRED: 12, CONTACTED: 9, DISCOVERY: 6, PROPOSAL: 4, NEGOTIATION: 2, WON: 1, LOST: 3 }, wonCount: 1, revenueMinor: 8_800_050n, lostCount: 3 };
  return {
    kind: 'weekly', locale, currency: 'CNY', period: week, previous: period(day(-11), day(-4)),
    activity, previousActivity: { ...activity, newLeads: 10, wonCount: 2 },
    lossReasons: [{ key: 'price', label: 'Price', count: 2 }],
    window: period(day(-90), day(3)), windowWeeks: 13,
    funnel: computeFunnel({ ACQUIRED: 40, CONTACTED: 30, DISCOVERY: 12, PROPOSAL: 8, NEGOTIATION: 5, WON: 3 }),
    medianDays: { ACQUIRED: 1.5, CONTACTED: 4 },
    waiting: [{ ownerId: 'U1', count: 4 }],
    trend: Array.from({ length: 4 }, (_, index) => ({ week: period(day(-28 + index * 7), day(-21 + index * 7)), newLeads: 5 + index, won: index % 2 })),
    trendSoFar: true,
    actionItems: { items: [{ id: 3, title: 'Marketing sends the pricing sheet with every 抖音 lead', ownerId: 'U2', dueAt: day(-1) }], total: 2, measures: [] },
    timeZone: 'Asia/Shanghai',
    asOf: AT,
    // No cost recorded: the digest shows no "where the money works" section.
    channels: { locale, currency: 'CNY', period: period(day(-90), day(3)), by: 'channel', groups: [], total: channelTable([]).total },
  };
}

function overdueModel(locale: Locale): OverdueDigestModel {
  return {
    locale, timeZone: 'Asia/Shanghai', day: '2023-11-10', now: AT, zombieAfterDays: 30,
    owners: [
      { ownerId: 'U1', total: 3, buckets: { days1to3: 1, days4to7: 1, days8to30: 0, zombie: 1 } },
      { ownerId: 'U2', total: 1, buckets: { days1to3: 1, days4to7: 0, days8to30: 0, zombie: 0 } },
    ],
    leads: [
      { ownerId: 'U1', number: '20231001001', name: 'Globex', stage: 'CONTACTED', nextFollowUpAt: day(-2), lastTouchedAt: day(-3) },
      { ownerId: 'U1', number: '20230901001', name: 'Initech', stage: 'DISCOVERY', nextFollowUpAt: day(-40), lastTouchedAt: day(-45) },
      { ownerId: 'U2', number: '20231101001', name: 'Umbrella', stage: 'ACQUIRED', nextFollowUpAt: day(-1), lastTouchedAt: day(-2) },
    ],
    names: new Map([['U1', 'Alice Chen'], ['U2', 'Bob']]),
  };
}

function goalsModel(locale: Locale): GoalsModel {
  const month = period(new Date('2023-11-01T00:00:00Z'), new Date('2023-12-01T00:00:00Z'));
  return {
    locale, currency: 'CNY', today: '2023-11-10',
    goals: [
      { id: 1, metric: 'NEW_LEADS', scope: {}, scopeName: 'team', label: 'New leads · team', period: month, actual: '12', target: '40', progress: goalProgress('NEW_LEADS', { actual: 12, target: 40 }, month, AT), closed: false },
      { id: 2, metric: 'REVENUE', scope: { ownerId: 'U1' }, scopeName: 'Alice Chen', label: 'Revenue · Alice Chen', period: month, actual: '88000.50', target: '1500000', progress: goalProgress('REVENUE', { actual: 88000.5, target: 1_500_000 }, month, AT), closed: false },
    ],
  };
}

export interface Payloads {
  messages: Record<string, unknown[]>;
  views: Record<string, unknown>;
}

export function leadopsPayloads(locale: Locale): Payloads {
  const card = sampleLead();
  const { lead } = card;
  const openLeads = [
    { number: '20231110001', name: lead.name, stage: 'PROPOSAL' as const, nextFollowUpAt: day(-2) },
    { number: '20231110002', name: 'Globex_Corp', stage: 'CONTACTED' as const, nextFollowUpAt: day(3) },
  ];
  const context = { channelId: 'C1', number: lead.number, stage: lead.stage };
  return {
    messages: {
      leadCard: leadCardMessage(card, locale, 'Asia/Shanghai', 'CNY').blocks,
      mine: mineMessage(openLeads, locale, 'Asia/Shanghai', AT).blocks,
      owners: ownersMessage([{ ownerId: 'U1', stage: 'PROPOSAL', count: 3 }, { ownerId: 'U2', stage: 'WON', count: 1 }], locale).blocks,
      help: helpMessage(locale, 'manager').blocks,
      funnelDigest: funnelDigestMessage(funnelModel(locale), { images: { funnel: 'F123' } }).blocks,
      funnelDigestNative: funnelDigestMessage(funnelModel(locale), { native: true, images: { funnel: 'F123' } }).blocks,
      overdueDigest: overdueDigestMessage(overdueModel(locale), { native: true }).blocks,
      goalsDigest: goalsDigestMessage(goalsModel(locale), { images: { goals: 'F456' } }).blocks,
      goalsList: goalsListMessage(goalsModel(locale)).blocks,
    },
    views: {
      home: homeView(homeModelOf({ now: AT, timeZone: 'Asia/Shanghai', count: 4, name: (i) => openLeads[i % openLeads.length]!.name }), { locale, timeZone: 'Asia/Shanghai', currency: 'CNY' }, AT),
      homeManager: homeView(
        homeModelOf({ now: AT, timeZone: 'Asia/Shanghai', count: 2, name: (i) => openLeads[i % openLeads.length]!.name, goals: goalsModel(locale).goals }),
        { locale, timeZone: 'Asia/Shanghai', currency: 'CNY' },
        AT,
      ),
      newLead: newLeadModal({ locale, callerId: 'U1', prefillName: 'Acme & <Co>', context: { channelId: 'C1' }, now: AT }),
      loseLead: loseLeadModal({ locale, lead, usedReasons: [{ key: 'timing', label: 'Bad timing' }], context }),
      winLead: winLeadModal({ locale, lead, context }),
      editLead: editLeadModal({ locale, values: editValuesOf(lead, 'Asia/Shanghai'), context: { channelId: 'C1', number: lead.number, version: lead.version }, notice: 'changed by <@U2>' }),
      goal: goalModal(locale, { metric: 'NEW_LEADS', period: 'this-month', ownerId: 'U2', target: '40', baselineText: '*Baseline*: 30 a month' }, [{ key: 'website', label: 'Website' }]),
      importSheet: importModal(locale, { channelId: 'C1' }),
    },
  };
}
