/**
 * Loss reasons and source channels are tags (DOMAIN.md). People type them in two
 * languages, with full-width characters, odd case and quotes; a tag's key is the one
 * normalized form so that "预算不足", "Budget" and "ＢＵＤＧＥＴ" count as one reason.
 */
export interface TagDefinition {
  key: string;
  en: string;
  zh: string;
  aliases: readonly string[];
}

/** The common loss reasons of DOMAIN.md, with the words teams use for them. */
export const KNOWN_LOSS_REASONS: readonly TagDefinition[] = [
  { key: 'budget', en: 'No budget', zh: '预算不足', aliases: ['budget', 'no budget', 'budget insufficient', 'insufficient budget', 'over budget', 'too expensive', '预算不足', '预算', '没预算', '没有预算', '太贵'] },
  { key: 'long_decision_chain', en: 'Long decision chain', zh: '决策链长', aliases: ['long decision chain', 'decision chain', 'slow decision', '决策链长', '决策链太长', '决策周期长'] },
  { key: 'competitor_cheaper', en: 'Competitor cheaper', zh: '竞品低价', aliases: ['competitor cheaper', 'competitor', 'cheaper competitor', 'lost to competitor', 'competitor price', '竞品低价', '竞品', '竞争对手', '竞品价格低'] },
  { key: 'need_vanished', en: 'Need vanished', zh: '需求消失', aliases: ['need vanished', 'no need', 'need gone', 'no longer needed', '需求消失', '没有需求', '无需求'] },
  { key: 'unreachable', en: 'Unreachable', zh: '无法联系', aliases: ['unreachable', 'ghosted', '无法联系', '联系不上', '失联'] },
  // What a zombie is closed with in one click (src/domain/follow-ups.ts).
  { key: 'no_response', en: 'No response', zh: '无人响应', aliases: ['no response', 'no answer', 'no reply', '无人响应', '无回应', '没回应', '不回复'] },
  { key: 'bad_timing', en: 'Bad timing', zh: '时机不对', aliases: ['bad timing', 'timing', 'not now', '时机不对', '时机不成熟'] },
];

/** Source channels from the seeds (抖音/展会/SEO/转介绍 …). */
export const KNOWN_SOURCE_CHANNELS: readonly TagDefinition[] = [
  { key: 'douyin', en: 'Douyin', zh: '抖音', aliases: ['douyin', 'tiktok', '抖音'] },
  { key: 'trade_show', en: 'Trade show', zh: '展会', aliases: ['trade show', 'tradeshow', 'fair', 'expo', 'exhibition', '展会', '展览'] },
  { key: 'seo', en: 'SEO', zh: 'SEO', aliases: ['seo', '搜索引擎', '自然搜索'] },
  { key: 'referral', en: 'Referral', zh: '转介绍', aliases: ['referral', 'referrals', 'word of mouth', '转介绍', '推荐', '老客户推荐'] },
  { key: 'website', en: 'Website form', zh: '官网表单', aliases: ['website', 'website form', 'web form', 'inbound', '官网', '官网表单', '官网留资'] },
  { key: 'webinar', en: 'Webinar', zh: '线上研讨会', aliases: ['webinar', '线上研讨会', '直播'] },
  { key: 'ads', en: 'Paid ads', zh: '信息流广告', aliases: ['ads', 'paid ads', 'sem', '广告', '信息流', '信息流广告'] },
];

/** Quotes around a whole tag, ASCII or 中文; stripped from both its key and its label. */
const SURROUNDING_QUOTES = /^["'“”‘’「」『』]+|["'“”‘’「」『』]+$/g;

/** NFKC turns full-width letters, digits and spaces into their ASCII forms. */
export function normalizeTagText(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .replace(SURROUNDING_QUOTES, '')
    .trim()
    .replace(/[\s_-]+/g, ' ')
    .toLowerCase();
}

function aliasIndex(definitions: readonly TagDefinition[]): Map<string, TagDefinition> {
  const index = new Map<string, TagDefinition>();
  for (const definition of definitions) {
    for (const alias of [definition.key, definition.en, definition.zh, ...definition.aliases]) {
      index.set(normalizeTagText(alias), definition);
    }
  }
  return index;
}

const LOSS_REASON_INDEX = aliasIndex(KNOWN_LOSS_REASONS);
const SOURCE_CHANNEL_INDEX = aliasIndex(KNOWN_SOURCE_CHANNELS);

export interface NormalizedTag {
  key: string;
  /** How to show it when no translation is known: the text as first written. */
  label: string;
  known?: TagDefinition;
}

function normalizeWith(index: Map<string, TagDefinition>, text: string): NormalizedTag | undefined {
  const normalized = normalizeTagText(text);
  if (!normalized) return undefined;
  const known = index.get(normalized);
  if (known) return { key: known.key, label: known.en, known };
  return { key: normalized.replace(/ /g, '_'), label: text.normalize('NFKC').trim().replace(SURROUNDING_QUOTES, '').trim() };
}

export function normalizeLossReason(text: string): NormalizedTag | undefined {
  return normalizeWith(LOSS_REASON_INDEX, text);
}

export function normalizeSourceChannel(text: string): NormalizedTag | undefined {
  return normalizeWith(SOURCE_CHANNEL_INDEX, text);
}

export function knownTag(key: string, definitions: readonly TagDefinition[]): TagDefinition | undefined {
  return definitions.find((definition) => definition.key === key);
}

/** What separates loss reasons written in a list, in both languages (a sheet's cell uses / too). */
const REASON_SEPARATORS = ',，、;；\n/';

/**
 * Loss reasons as a person writes them. On the command line a space separates words
 * too, so `预算不足 budget "competitor cheaper"` is three reasons (quotes, ASCII or 中文,
 * keep words together); in a form's text box (`words: 'list'`) a reason is a phrase and
 * only commas, 、, semicolons, slashes and new lines separate. Duplicates by key are dropped.
 */
export function parseLossReasons(text: string, words: 'command' | 'list' = 'command'): NormalizedTag[] {
  const separators = words === 'command' ? `\\s${REASON_SEPARATORS}` : REASON_SEPARATORS;
  const pattern = new RegExp(`"([^"]*)"|“([^”]*)”|「([^」]*)」|([^${separators}"“「]+)`, 'g');
  const tokens: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(pattern)) {
    const token = match.slice(1).find((group) => group !== undefined);
    if (token?.trim()) tokens.push(token.trim());
  }
  return uniqueTags(tokens.map(normalizeLossReason));
}

/** Reasons from a form's text box or a sheet's cell: phrases, separated by commas and the like. */
export function parseLossReasonList(text: string): NormalizedTag[] {
  return parseLossReasons(text, 'list');
}

export function uniqueTags(tags: Array<NormalizedTag | undefined>): NormalizedTag[] {
  const byKey = new Map<string, NormalizedTag>();
  for (const tag of tags) if (tag && !byKey.has(tag.key)) byKey.set(tag.key, tag);
  return [...byKey.values()];
}
