import { DateTime } from 'luxon';
import { acquisitionDay, formatLeadNumber } from '../domain/lead-number.js';
import { SIGNAL_KINDS, type SignalKind } from '../domain/scoring.js';
import { OPEN_STAGES, STAGE_TIMESTAMP, type Stage } from '../domain/stages.js';
import { KNOWN_SOURCE_CHANNELS } from '../domain/tags.js';

/**
 * A realistic demo team, made up deterministically from a seed: channels of different
 * quality, reps who follow up more or less well, a real loss-reason mix, leads still
 * open at every stage, some overdue and some gone quiet for 30 days (zombies).
 */

/** mulberry32: small, fast, and the same numbers for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_OWNERS = ['U0DEMO01', 'U0DEMO02', 'U0DEMO03', 'U0DEMO04', 'U0DEMO05', 'U0DEMO06', 'U0DEMO07', 'U0DEMO08'] as const;

/** What Slack would call the demo reps, so that charts made without Slack show names. */
export const DEMO_OWNER_NAMES: Record<(typeof DEMO_OWNERS)[number], string> = {
  U0DEMO01: '王芳',
  U0DEMO02: '李娜',
  U0DEMO03: 'Zhang Wei',
  U0DEMO04: '刘洋',
  U0DEMO05: '陈静',
  U0DEMO06: 'Yang Lei',
  U0DEMO07: '赵敏',
  U0DEMO08: '黄强',
};

/** The demo reps' Slack languages, as users.info would give them: those with Chinese names work in 中文. */
export function demoOwnerLocale(id: (typeof DEMO_OWNERS)[number]): string {
  return /\p{Script=Han}/u.test(DEMO_OWNER_NAMES[id]) ? 'zh-CN' : 'en-US';
}

interface ChannelProfile {
  key: string;
  /** Share of all leads. */
  weight: number;
  /** Chance to move on from each open stage (Acquired → … → Won). */
  advance: [number, number, number, number, number];
  campaigns: string[];
}

/**
 * Volume and quality differ by channel, as the seeds' tracking sheet shows (004 table 2);
 * Contacted→Discovery is the weak step, as in its example.
 */
const CHANNELS: ChannelProfile[] = [
  { key: 'douyin', weight: 0.28, advance: [0.75, 0.4, 0.7, 0.75, 0.7], campaigns: ['抖音信息流-教育行业广告', '抖音直播-产品演示'] },
  { key: 'trade_show', weight: 0.16, advance: [0.85, 0.55, 0.75, 0.75, 0.75], campaigns: ['2023 上海教育装备展', '华南 SaaS 峰会'] },
  { key: 'seo', weight: 0.16, advance: [0.85, 0.6, 0.8, 0.8, 0.75], campaigns: ['SEO 专题页-在线排课', '行业白皮书下载页'] },
  { key: 'referral', weight: 0.08, advance: [0.95, 0.75, 0.85, 0.8, 0.8], campaigns: ['老客户推荐计划'] },
  { key: 'website', weight: 0.14, advance: [0.8, 0.5, 0.75, 0.75, 0.7], campaigns: ['官网试用申请'] },
  { key: 'ads', weight: 0.18, advance: [0.65, 0.35, 0.65, 0.7, 0.65], campaigns: ['百度搜索广告', '微信朋友圈广告'] },
];

const INDUSTRIES = ['教育', '制造', '零售', '医疗', '金融', 'SaaS', '物流'];
const COMPANY_PARTS = ['星河', '云帆', '博远', '华信', '启明', '恒通', '睿智', '优学', '众诚', '天元', '嘉禾', '青松'];
const COMPANY_KINDS = ['教育科技', '智能制造', '商贸', '医疗器械', '信息技术', '物流', '咨询'];
const CONTENT = ['2023 行业白皮书', '产品演示视频', '客户案例集', '免费试用', null];

/** Loss reasons with the mix teams report: budget first, then competitors. */
const LOSS_MIX: Array<[string, number]> = [
  ['budget', 0.34],
  ['competitor_cheaper', 0.24],
  ['long_decision_chain', 0.16],
  ['need_vanished', 0.14],
  ['unreachable', 0.12],
];

export interface DemoLead {
  number: string;
  name: string;
  sourceChannel: string;
  sourceChannelKey: string;
  campaign: string;
  contentAsset: string | null;
  customerType: 'ENTERPRISE' | 'INDIVIDUAL';
  industry: string;
  ownerId: string;
  stage: Stage;
  acquiredAt: Date;
  contactedAt: Date | null;
  discoveryAt: Date | null;
  proposalAt: Date | null;
  negotiationAt: Date | null;
  wonAt: Date | null;
  lostAt: Date | null;
  dealAmountMinor: bigint | null;
  nextFollowUpAt: Date | null;
  lastFollowUpAt: Date | null;
  lossReasons: string[];
  budget: string | null;
  authority: string | null;
  need: string | null;
  timeline: string | null;
  /** Buying signals reps saw, in order. */
  signals: Array<{ kind: SignalKind; at: Date }>;
  /** Stage changes in order: [from, to, at]. */
  history: Array<[Stage | null, Stage, Date]>;
  followUps: Array<{ at: Date; note: string; nextDueAt: Date | null }>;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted<T>(random: () => number, items: Array<[T, number]>): T {
  let roll = random() * items.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll <= 0) return item;
  }
  return items.at(-1)![0];
}

/** Days spent in a stage: mostly a few, sometimes weeks (an exponential with that mean). */
function stageDays(random: () => number, mean: number): number {
  return Math.max(0.05, -Math.log(1 - random()) * mean);
}

/** What reps write in the BANT fields, as the edit form takes them. */
const BANT = {
  budget: ['50万', '20万以内', '100万', 'about 300k', '待定，Q1 申请'],
  authority: ['CFO 王总', '校长', 'IT 负责人', 'Head of Ops', '采购部李经理'],
  need: ['排课系统', '在线考试', '替换旧系统', 'CRM 集成', '多校区管理'],
  timeline: ['本季度', 'Q1', '半年内', 'next month', '明年预算周期'],
} as const;

/**
 * How likely a signal is for a lead of quality 1 (half that at 0.5): a demo request is
 * rarer than a white paper download, as in seed 000's funnel of content.
 */
const SIGNAL_CHANCE: Record<SignalKind, number> = { webinar: 0.45, whitepaper: 0.6, pricing: 0.5, demo: 0.35 };

const MEAN_DAYS: Record<string, number> = { ACQUIRED: 1.5, CONTACTED: 4, DISCOVERY: 5, PROPOSAL: 4, NEGOTIATION: 5 };

/**
 * `count` leads acquired over the `weeks` before `now`, with slightly more in recent
 * weeks. `owners` are the reps; the first two follow up well, the last two do not.
 */
export function generateDemoLeads(options: { count: number; now: Date; timeZone: string; seed?: number; weeks?: number; owners?: readonly string[] }): DemoLead[] {
  const random = seededRandom(options.seed ?? 20231001);
  // A stream of its own for each lead's quality and what shows it (BANT known, signals),
  // so that adding them left the rest of the demo's draws as they were.
  const quality = seededRandom((options.seed ?? 20231001) ^ 0x5bd1e995);
  const weeks = options.weeks ?? 26;
  const owners = options.owners ?? DEMO_OWNERS;
  const span = weeks * 7 * 86_400_000;
  const nowMs = options.now.getTime();
  const dailySequence = new Map<string, number>();
  const channelWeights = CHANNELS.map((channel) => [channel, channel.weight] as [ChannelProfile, number]);
  const leads: DemoLead[] = [];

  // sqrt skews acquisition towards recent weeks: the funnel is widening. Sorted first so
  // that each day's sequence numbers follow the order the leads came in.
  const times = Array.from({ length: options.count }, () => Math.floor(nowMs - span * (1 - Math.sqrt(random())))).sort((a, b) => a - b);
  for (let i = 0; i < options.count; i++) {
    const acquiredAt = new Date(times[i]!);
    const channel = weighted(random, channelWeights);
    const known = KNOWN_SOURCE_CHANNELS.find((tag) => tag.key === channel.key)!;
    const ownerIndex = Math.floor(random() * owners.length);
    const ownerId = owners[ownerIndex]!;
    const diligence = 1 - ownerIndex / (owners.length * 1.6);
    // A real team's better leads (qualified, showing interest) win more often (seed 000:
    // scoring moved conversion from 2% to 8%): the demo's do too, so its score predicts.
    const fit = quality();
    const day = acquisitionDay(acquiredAt, options.timeZone);
    const sequence = (dailySequence.get(day) ?? 0) + 1;
    dailySequence.set(day, sequence);

    const lead: DemoLead = {
      number: formatLeadNumber(day, sequence),
      name: `${pick(random, COMPANY_PARTS)}${pick(random, COMPANY_KINDS)}`,
      sourceChannel: known.zh,
      sourceChannelKey: channel.key,
      campaign: pick(random, channel.campaigns),
      contentAsset: pick(random, CONTENT),
      customerType: random() < 0.85 ? 'ENTERPRISE' : 'INDIVIDUAL',
      industry: pick(random, INDUSTRIES),
      ownerId,
      stage: 'ACQUIRED',
      acquiredAt,
      contactedAt: null,
      discoveryAt: null,
      proposalAt: null,
      negotiationAt: null,
      wonAt: null,
      lostAt: null,
      dealAmountMinor: null,
      nextFollowUpAt: null,
      lastFollowUpAt: null,
      lossReasons: [],
      budget: quality() < fit * 0.9 ? pick(quality, BANT.budget) : null,
      authority: quality() < fit * 0.8 ? pick(quality, BANT.authority) : null,
      need: quality() < fit * 0.9 + 0.1 ? pick(quality, BANT.need) : null,
      timeline: quality() < fit * 0.7 ? pick(quality, BANT.timeline) : null,
      signals: [],
      history: [[null, 'ACQUIRED', acquiredAt]],
      followUps: [],
    };

    let at = acquiredAt.getTime();
    for (let index = 0; index < OPEN_STAGES.length; index++) {
      const stage = OPEN_STAGES[index]!;
      const next: Stage = index + 1 < OPEN_STAGES.length ? OPEN_STAGES[index + 1]! : 'WON';
      const leaveAt = at + stageDays(random, MEAN_DAYS[stage]! / diligence) * 86_400_000;
      if (leaveAt > nowMs) break; // still in this stage today
      const moves = random() < Math.min(0.97, channel.advance[index]! * (0.85 + 0.3 * diligence) * (0.7 + 0.55 * fit));
      if (!moves) {
        // Most leads that do not move on are lost; the rest stay open and go quiet.
        if (random() < 0.8) {
          lead.stage = 'LOST';
          lead.lostAt = new Date(leaveAt);
          lead.lossReasons = [weighted(random, LOSS_MIX)];
          if (random() < 0.25) lead.lossReasons.push(weighted(random, LOSS_MIX));
          lead.lossReasons = [...new Set(lead.lossReasons)];
          lead.history.push([stage, 'LOST', lead.lostAt]);
        }
        break;
      }
      const entered = new Date(leaveAt);
      (lead as unknown as Record<string, Date>)[STAGE_TIMESTAMP[next]] = entered;
      lead.history.push([stage, next, entered]);
      lead.stage = next;
      at = leaveAt;
      if (next === 'WON') {
        lead.dealAmountMinor = BigInt(Math.round(Math.exp(11 + random() * 1.8) / 1000) * 1000) * 100n;
        break;
      }
    }

    // Follow-ups: diligent reps log more and keep the next date current.
    let contact = acquiredAt.getTime();
    const lastMoment = lead.wonAt ?? lead.lostAt ?? options.now;
    while (random() < 0.55 * diligence + 0.2) {
      contact += stageDays(random, 5) * 86_400_000;
      if (contact > lastMoment.getTime()) break;
      lead.followUps.push({ at: new Date(contact), note: pick(random, ['电话沟通需求', '发送产品资料', '约了下周演示', '客户在内部评估', 'Sent the quote']), nextDueAt: null });
    }
    if (lead.followUps.length > 0) lead.lastFollowUpAt = lead.followUps.at(-1)!.at;
    const span = Math.max(0, lastMoment.getTime() - acquiredAt.getTime());
    for (const kind of SIGNAL_KINDS) {
      if (quality() < SIGNAL_CHANCE[kind] * fit) lead.signals.push({ kind, at: new Date(acquiredAt.getTime() + Math.floor(quality() * span)) });
    }
    lead.signals.sort((a, b) => a.at.getTime() - b.at.getTime());
    if (lead.stage !== 'WON' && lead.stage !== 'LOST') {
      const base = DateTime.fromJSDate(lead.lastFollowUpAt ?? lead.acquiredAt, { zone: options.timeZone }).startOf('day');
      const nextDue = base.plus({ days: Math.round(3 + random() * 5 / diligence) }).toJSDate();
      lead.nextFollowUpAt = nextDue;
      if (lead.followUps.length > 0) lead.followUps.at(-1)!.nextDueAt = nextDue;
    }
    leads.push(lead);
  }
  lastWeeksBottleneck(leads, options);
  return leads;
}

/** Of the leads that moved on from Contacted in the week that ended, the share lost there instead: the week's bottleneck. */
const BOTTLENECK_LOSS_SHARE = 0.55;

/**
 * The week that ended had a bottleneck, as real weeks sometimes do (seed 004's meeting
 * starts from one): many leads that would have moved on from first contact to Discovery
 * were lost there instead, mostly for budget. The Monday flags find it, and the
 * alignment channel has something to discuss. Its own random stream, so the rest of the
 * demo is drawn as before.
 */
function lastWeeksBottleneck(leads: DemoLead[], options: { now: Date; timeZone: string; seed?: number }): void {
  const random = seededRandom((options.seed ?? 20231001) ^ 0x27d4eb2f);
  const thisWeek = DateTime.fromJSDate(options.now, { zone: options.timeZone }).startOf('week');
  const from = thisWeek.minus({ weeks: 1 }).toJSDate().getTime();
  const to = thisWeek.toJSDate().getTime();
  for (const lead of leads) {
    const movedOn = lead.discoveryAt?.getTime();
    if (movedOn === undefined || movedOn < from || movedOn >= to || random() >= BOTTLENECK_LOSS_SHARE) continue;
    const lostAt = lead.discoveryAt!;
    Object.assign(lead, { stage: 'LOST', lostAt, discoveryAt: null, proposalAt: null, negotiationAt: null, wonAt: null, dealAmountMinor: null, nextFollowUpAt: null });
    lead.lossReasons = [random() < 0.7 ? 'budget' : weighted(random, LOSS_MIX)];
    lead.history = [...lead.history.filter(([, , at]) => at.getTime() < lostAt.getTime()), ['CONTACTED', 'LOST', lostAt]];
    lead.followUps = lead.followUps.filter((followUp) => followUp.at.getTime() <= lostAt.getTime());
    lead.lastFollowUpAt = lead.followUps.at(-1)?.at ?? null;
    if (lead.followUps.length > 0) lead.followUps.at(-1)!.nextDueAt = null;
    lead.signals = lead.signals.filter((signal) => signal.at.getTime() <= lostAt.getTime());
  }
}

