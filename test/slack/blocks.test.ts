import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT, minorUnits } from '../../src/domain/amount.js';
import { STAGES } from '../../src/domain/stages.js';
import { helpMessage } from '../../src/slack/blocks/help.js';
import { homeView } from '../../src/slack/blocks/home.js';
import { leadCardMessage } from '../../src/slack/blocks/lead-card.js';
import { mineMessage, ownersMessage } from '../../src/slack/blocks/lead-lists.js';
import { truncate } from '../../src/slack/blocks/limits.js';
import { loseLeadModal, newLeadModal, winLeadModal } from '../../src/slack/blocks/modals.js';
import type { ActivityEntry } from '../../src/domain/journal.js';
import type { LeadCard } from '../../src/store/leads.js';
import { homeModelOf } from '../support/home-model.js';
import { expectWithinSlackLimits } from '../support/slack-limits.js';

const at = new Date('2023-10-01T02:00:00Z');
const hostile = '<!channel> & <https://evil.example|click> '.repeat(20);

function bigLead(): LeadCard {
  const lead = {
    id: 1, workspaceId: 'T1', number: '20231001001', name: hostile.slice(0, 200), sourceChannel: hostile.slice(0, 80), campaign: hostile.slice(0, 200),
    contentAsset: hostile.slice(0, 200), customerType: 'ENTERPRISE', industry: hostile.slice(0, 80), ownerId: 'U1', createdById: 'U1', stage: 'NEGOTIATION',
    acquiredAt: at, contactedAt: at, discoveryAt: at, proposalAt: at, negotiationAt: at, wonAt: null, lostAt: null, dealAmountMinor: minorUnits(`${MAX_AMOUNT}`), acquisitionCostMinor: null,
    notes: '&'.repeat(3000), budget: null, authority: null, need: null, timeline: null, score: null, nextFollowUpAt: at, lastFollowUpAt: null, createdAt: at, updatedAt: at,
    version: 300,
    tags: Array.from({ length: 40 }, (_, i) => ({ leadId: 1, tagId: i, tag: { id: i, workspaceId: 'T1', kind: 'LOSS_REASON' as const, key: `k${i}`, label: hostile.slice(0, 120), createdAt: at } })),
  } as unknown as LeadCard['lead'];
  // The longest entries there can be: every field edited to its longest hostile value, with the longest note.
  const longest = { name: hostile.slice(0, 200), industry: hostile.slice(0, 80), campaign: hostile.slice(0, 200), notes: '&'.repeat(3000) };
  const entries: ActivityEntry[] = Array.from({ length: 10 }, (_, i) => ({
    id: 300 - i, leadId: 1, kind: i % 2 ? 'edit' : 'stage', before: i % 2 ? { industry: hostile.slice(0, 80) } : { stage: 'ACQUIRED' },
    after: i % 2 ? (i === 1 ? longest : { industry: hostile.slice(0, 80) }) : { stage: 'CONTACTED' }, byId: 'U2', at: new Date(at.getTime() + i * 1000),
    via: 'slack', note: hostile.slice(0, 1000), leadVersion: 300 - i, revertsId: null,
  }));
  const followUps = Array.from({ length: 3 }, (_, i) => ({ note: hostile.slice(0, 1000), outcome: 'left_message' as const, byId: 'U2', contactedAt: new Date(at.getTime() + i * 1000) }));
  return { lead, journal: { entries, total: 350 }, followUps };
}

describe('Block Kit stays within Slack\'s limits with the largest data people can enter', () => {
  it.each(['en', 'zh'] as const)('the lead card (%s)', (locale) => {
    const card = leadCardMessage(bigLead(), locale, 'Asia/Shanghai', 'CNY');
    expectWithinSlackLimits(card);
    expect(JSON.stringify(card)).not.toMatch(/<!channel>|<https:\/\/evil/);
  });

  it.each(['en', 'zh'] as const)('lists, tables and help (%s)', (locale) => {
    const leads = Array.from({ length: 600 }, (_, i) => ({ number: `2023100${i}`, name: hostile.slice(0, 200), stage: STAGES[i % 5]!, nextFollowUpAt: at }));
    expectWithinSlackLimits(mineMessage(leads, locale, 'UTC', at));
    const goals = Array.from({ length: 12 }, (_, i) => ({
      id: i, metric: 'REVENUE' as const, scope: {}, scopeName: hostile.slice(0, 80), label: hostile.slice(0, 120), period: { start: at, end: new Date(at.getTime() + 30 * 86_400_000), label: '2023-10-01..2023-10-30' },
      actual: '999999999999.99', target: '999999999999.99', progress: { actual: 1, target: 2, done: 0.5, pace: 1, status: 'behind' as const }, closed: false,
    }));
    // The largest Home: 600 leads in every group, the longest hostile names and notes, a manager's team of 150.
    const home = homeView(homeModelOf({ now: at, timeZone: 'UTC', count: 600, name: () => hostile.slice(0, 200), note: hostile.slice(0, 1000), goals, owners: 150 }), { locale, timeZone: 'UTC', currency: 'CNY' }, at);
    expectWithinSlackLimits(home, 'view');
    expect(home.blocks.length).toBeLessThan(100);
    expect(JSON.stringify(home)).toContain('home_pages');
    const counts = Array.from({ length: 150 }, (_, i) => ({ ownerId: `U${i}`, stage: STAGES[i % 7]!, count: i }));
    const owners = ownersMessage(counts, locale);
    expectWithinSlackLimits(owners);
    expect(JSON.stringify(owners)).toContain(locale === 'en' ? '…and 51 more.' : '还有 51 条');
    expectWithinSlackLimits(helpMessage(locale, 'admin'));
    expectWithinSlackLimits(helpMessage(locale, 'admin', hostile));
  });

  it.each(['en', 'zh'] as const)('the modals (%s)', (locale) => {
    const lead = { number: '20231001001', name: hostile.slice(0, 200), stage: 'PROPOSAL' as const };
    const used = Array.from({ length: 150 }, (_, i) => ({ key: `reason_${i}`, label: hostile.slice(0, 150) }));
    for (const view of [
      newLeadModal({ locale, callerId: 'U1', prefillName: hostile, context: { channelId: 'C1' }, now: at }),
      loseLeadModal({ locale, lead, usedReasons: used, context: { channelId: 'C1', number: lead.number, stage: lead.stage } }),
      winLeadModal({ locale, lead, context: {} }),
    ]) {
      expectWithinSlackLimits(view as never, 'view');
      expect(view.title.text.length).toBeLessThanOrEqual(24);
      expect(view.private_metadata!.length).toBeLessThanOrEqual(3000);
    }
  });

  it('cuts long text without breaking an entity or a mention', () => {
    expect(truncate('ab &amp; cd', 6)).toBe('ab …');
    expect(truncate('hi <@U123456> there', 8)).toBe('hi …');
    expect(truncate('short', 10)).toBe('short');
  });
});
