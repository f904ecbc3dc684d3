import { z } from 'zod';
import { InvalidScoringRules } from './errors.js';
import { wilsonInterval, type Interval } from './proportions.js';
import type { CustomerType } from './lead-fields.js';

/**
 * Lead scoring (DOMAIN.md "Quality and scoring", seeds 000 and 001): a score of 0..100
 * from fit (who the lead is: customer type, industry, the BANT fields the rep found out)
 * and behaviour (what the lead did: follow-ups it took, how far it got, the buying
 * signals a rep saw). "Rules are the team's to tune", so every number here is data: the
 * defaults below, which a workspace overrides with a partial JSON of the same shape.
 */

export const SIGNAL_KINDS = ['webinar', 'whitepaper', 'pricing', 'demo'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The words `/lead signal` takes for each kind, both languages (the English key first, as help shows it). */
const SIGNAL_ALIASES: Record<string, SignalKind> = {
  webinar: 'webinar', 网络研讨会: 'webinar', 研讨会: 'webinar', 直播: 'webinar',
  whitepaper: 'whitepaper', 'white-paper': 'whitepaper', paper: 'whitepaper', 白皮书: 'whitepaper',
  pricing: 'pricing', price: 'pricing', quote: 'pricing', 报价: 'pricing', 价格: 'pricing',
  demo: 'demo', 演示: 'demo', 试用: 'demo',
};

export function parseSignalKind(text: string): SignalKind | undefined {
  return SIGNAL_ALIASES[text.normalize('NFKC').trim().toLowerCase()];
}

export const TIERS = ['high', 'medium', 'low'] as const;
export type Tier = (typeof TIERS)[number];

/** The stages whose reaching counts as behaviour; Won is left out so the score does not count the outcome it should predict. */
const REACHED_STAGES = ['contactedAt', 'discoveryAt', 'proposalAt', 'negotiationAt'] as const;
type ReachedStage = (typeof REACHED_STAGES)[number];

const points = z.number().min(0).max(100);

/** A score is out of 100. */
export const SCORE_RANGE = { min: 0, max: 100 } as const;

export const scoringRulesSchema = z.object({
  fit: z.object({
    customerType: z.object({ ENTERPRISE: points, INDIVIDUAL: points }),
    /** Any industry recorded: the lead's basic information is complete (001). */
    industryKnown: points,
    /** On top, for an industry the team sells to (its own list; none by default). */
    targetIndustry: points,
    targetIndustries: z.array(z.string().max(100)).max(100),
    /** Each BANT field the rep has filled in. */
    bant: z.object({ budget: points, authority: points, need: points, timeline: points }),
  }),
  behaviour: z.object({
    perFollowUp: points,
    /** Follow-ups beyond this many add nothing: calling more often is not the customer's interest. */
    maxFollowUps: z.number().int().min(0).max(100),
    /** The furthest stage reached, its points only (not summed). */
    stageReached: z.object({ contactedAt: points, discoveryAt: points, proposalAt: points, negotiationAt: points }),
    /** Each kind of signal once: a second pricing visit says little the first did not. */
    signals: z.object({ webinar: points, whitepaper: points, pricing: points, demo: points }),
  }),
  /** Lowest score of each tier; below medium is low. */
  tiers: z.object({ high: z.number().int().min(0).max(100), medium: z.number().int().min(0).max(100) }).refine((tiers) => tiers.medium <= tiers.high, { message: 'tiers.medium must not be above tiers.high' }),
  /** At or above: marketing-qualified (000: "达到80分的线索才被视为MQL"). */
  mqlThreshold: z.number().int().min(SCORE_RANGE.min).max(SCORE_RANGE.max),
});

export type ScoringRules = z.infer<typeof scoringRulesSchema>;

/**
 * The defaults add up to a little over 100 (the score is capped), split about 40 fit to
 * 60 behaviour, since seed 000's A/B test found the behaviour model converting better.
 */
export const DEFAULT_SCORING_RULES: ScoringRules = {
  fit: {
    customerType: { ENTERPRISE: 10, INDIVIDUAL: 2 },
    industryKnown: 4,
    targetIndustry: 8,
    targetIndustries: [],
    bant: { budget: 6, authority: 6, need: 6, timeline: 6 },
  },
  behaviour: {
    perFollowUp: 3,
    maxFollowUps: 4,
    stageReached: { contactedAt: 4, discoveryAt: 10, proposalAt: 16, negotiationAt: 22 },
    signals: { webinar: 8, whitepaper: 6, pricing: 12, demo: 15 },
  },
  tiers: { high: 60, medium: 30 },
  mqlThreshold: 80,
};

/** What the score reads of a lead. */
export interface ScoreFacts {
  customerType: CustomerType | null;
  industry: string | null;
  budget: string | null;
  authority: string | null;
  need: string | null;
  timeline: string | null;
  contactedAt: Date | null;
  discoveryAt: Date | null;
  proposalAt: Date | null;
  negotiationAt: Date | null;
  /** How many follow-ups were logged. */
  followUps: number;
  /** The signals recorded, repeats allowed. */
  signals: readonly string[];
}

export interface LeadScore {
  score: number;
  fit: number;
  behaviour: number;
  tier: Tier;
  mql: boolean;
}

const filled = (text: string | null) => text !== null && text.trim() !== '';
const industryKey = (text: string) => text.normalize('NFKC').trim().toLowerCase();

export function scoreLead(facts: ScoreFacts, rules: ScoringRules = DEFAULT_SCORING_RULES): LeadScore {
  const { fit: f, behaviour: b } = rules;
  let fit = facts.customerType ? f.customerType[facts.customerType] : 0;
  if (facts.industry && filled(facts.industry)) {
    fit += f.industryKnown;
    if (f.targetIndustries.some((target) => industryKey(target) === industryKey(facts.industry!))) fit += f.targetIndustry;
  }
  for (const field of ['budget', 'authority', 'need', 'timeline'] as const) if (filled(facts[field])) fit += f.bant[field];

  let behaviour = Math.min(facts.followUps, b.maxFollowUps) * b.perFollowUp;
  const furthest = [...REACHED_STAGES].reverse().find((stage: ReachedStage) => facts[stage] !== null);
  if (furthest) behaviour += b.stageReached[furthest];
  for (const kind of new Set(facts.signals)) if ((SIGNAL_KINDS as readonly string[]).includes(kind)) behaviour += b.signals[kind as SignalKind];

  const score = Math.min(100, Math.round(fit + behaviour));
  return { score, fit: Math.round(fit), behaviour: Math.round(behaviour), tier: tierOf(score, rules), mql: score >= rules.mqlThreshold };
}

export function tierOf(score: number, rules: Pick<ScoringRules, 'tiers'> = DEFAULT_SCORING_RULES): Tier {
  if (score >= rules.tiers.high) return 'high';
  if (score >= rules.tiers.medium) return 'medium';
  return 'low';
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (typeof base !== 'object' || base === null || Array.isArray(base) || typeof over !== 'object' || over === null || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  // Only keys the defaults know: a typo in a stored override cannot add a rule.
  for (const key of Object.keys(out)) out[key] = merge(out[key], (over as Record<string, unknown>)[key]);
  return out;
}

/** The defaults with `override` over them, checked whole; every problem at once. */
export function checkScoringRules(override: unknown): ScoringRules {
  const parsed = scoringRulesSchema.safeParse(merge(DEFAULT_SCORING_RULES, override));
  if (parsed.success) return parsed.data;
  throw new InvalidScoringRules(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`));
}

/** The workspace column read back; anything unreadable reads as the defaults, as a missing one does. */
export function scoringRulesFromStored(text: string | null | undefined): ScoringRules {
  if (!text) return DEFAULT_SCORING_RULES;
  try {
    return checkScoringRules(JSON.parse(text));
  } catch {
    return DEFAULT_SCORING_RULES;
  }
}

/** How many leads have one score, and how many of them were won: what the database counts. */
export interface ScoreCount {
  score: number | null;
  leads: number;
  won: number;
}

export interface TierConversion {
  tier: Tier;
  leads: number;
  won: number;
  /** Won / leads (DOMAIN.md "conversion rate"); null for a tier without leads. */
  winRate: number | null;
  /** Its 95% Wilson interval. */
  interval: Interval | null;
}

export interface ConversionByTier {
  tiers: TierConversion[];
  /** Leads without a score yet (none once the backfill ran). */
  unscored: number;
  /**
   * The high tier's interval lies wholly above the low tier's: the score tells good leads
   * from poor ones by more than chance would. False while either tier is empty, and when
   * they are apart the wrong way round (a score that needs retuning, not praise).
   */
  toldApart: boolean;
}

/** Conversion per tier, so that the team sees whether its score predicts anything (issue 16). */
export function conversionByTier(counts: readonly ScoreCount[], rules: Pick<ScoringRules, 'tiers'> = DEFAULT_SCORING_RULES): ConversionByTier {
  const sums = new Map<Tier, { leads: number; won: number }>(TIERS.map((tier) => [tier, { leads: 0, won: 0 }]));
  let unscored = 0;
  for (const count of counts) {
    if (count.score === null) {
      unscored += count.leads;
      continue;
    }
    const sum = sums.get(tierOf(count.score, rules))!;
    sum.leads += count.leads;
    sum.won += count.won;
  }
  const tiers = TIERS.map((tier): TierConversion => {
    const { leads, won } = sums.get(tier)!;
    return { tier, leads, won, winRate: leads > 0 ? won / leads : null, interval: wilsonInterval(won, leads) ?? null };
  });
  const high = tiers[0]!.interval;
  const low = tiers[2]!.interval;
  return { tiers, unscored, toldApart: high !== null && low !== null && high.low > low.high };
}
