import { describe, expect, it } from 'vitest';
import {
  KNOWN_LOSS_REASONS,
  KNOWN_SOURCE_CHANNELS,
  knownTag,
  normalizeLossReason,
  normalizeSourceChannel,
  normalizeTagText,
  parseLossReasons,
  uniqueTags,
} from '../../src/domain/tags.js';

const keys = (tags: Array<{ key: string }>) => tags.map((tag) => tag.key);

describe('normalizeTagText', () => {
  it('folds full-width letters, case, quotes, underscores and dashes into one form', () => {
    expect(normalizeTagText('ＢＵＤＧＥＴ')).toBe('budget');
    expect(normalizeTagText('Competitor_Cheaper')).toBe('competitor cheaper');
    expect(normalizeTagText('competitor-cheaper')).toBe('competitor cheaper');
    expect(normalizeTagText('"Competitor   Cheaper"')).toBe('competitor cheaper');
    expect(normalizeTagText('“竞品低价”')).toBe('竞品低价');
    expect(normalizeTagText('「竞品低价」')).toBe('竞品低价');
    expect(normalizeTagText('『竞品低价』')).toBe('竞品低价');
  });

  it('strips quotes even when spaces surround them', () => {
    expect(normalizeTagText('  “竞品低价”  ')).toBe('竞品低价');
    expect(normalizeTagText(' "no budget" ')).toBe('no budget');
  });
});

describe('normalizeLossReason: one key per reason, whichever language it was typed in', () => {
  it.each(['预算不足', 'Budget', 'ＢＵＤＧＥＴ', '"budget"', 'budget', 'No budget', 'too expensive', '太贵', '没预算'])(
    '%s is the budget reason',
    (text) => {
      const tag = normalizeLossReason(text);
      expect(tag?.key).toBe('budget');
      expect(tag?.label).toBe('No budget');
      expect(tag?.known?.zh).toBe('预算不足');
    },
  );

  it('“competitor cheaper” and 竞品低价 are the same reason', () => {
    expect(normalizeLossReason('competitor cheaper')?.key).toBe('competitor_cheaper');
    expect(normalizeLossReason('竞品低价')?.key).toBe('competitor_cheaper');
    expect(normalizeLossReason('Competitor-Cheaper')?.key).toBe('competitor_cheaper');
    expect(normalizeLossReason('competitor_cheaper')?.key).toBe('competitor_cheaper');
    expect(normalizeLossReason('竞品低价')?.known?.en).toBe('Competitor cheaper');
  });

  it('knows the other reasons of the tracking sheet in both languages', () => {
    expect(normalizeLossReason('决策链长')?.key).toBe('long_decision_chain');
    expect(normalizeLossReason('Long decision chain')?.key).toBe('long_decision_chain');
    expect(normalizeLossReason('需求消失')?.key).toBe('need_vanished');
    expect(normalizeLossReason('need vanished')?.key).toBe('need_vanished');
    expect(normalizeLossReason('联系不上')?.key).toBe('unreachable');
    expect(normalizeLossReason('时机不对')?.key).toBe('bad_timing');
  });

  it('a reason typed in the close-lead form after a comma, with a space and 中文 quotes, is still recognized', () => {
    // The form splits "预算不足, “竞品低价”" at the comma and hands over ' “竞品低价”'.
    expect(normalizeLossReason(' “竞品低价”')?.key).toBe('competitor_cheaper');
    expect(normalizeLossReason(' "budget" ')?.key).toBe('budget');
  });

  it('an unknown reason keeps its text as the label and gets a normalized key', () => {
    expect(normalizeLossReason('Price War')).toEqual({ key: 'price_war', label: 'Price War' });
    expect(normalizeLossReason('  Ｐｒｉｃｅ   War ')).toEqual({ key: 'price_war', label: 'Price   War' });
    expect(normalizeLossReason('老板不同意')).toEqual({ key: '老板不同意', label: '老板不同意' });
    expect(normalizeLossReason('"price war"')).toEqual({ key: 'price_war', label: 'price war' });
  });

  it('the label of an unknown reason loses the same quotes the key does', () => {
    expect(normalizeLossReason('『价格战』')).toEqual({ key: '价格战', label: '价格战' });
    expect(normalizeLossReason('‘price war’')).toEqual({ key: 'price_war', label: 'price war' });
    expect(normalizeLossReason('“ price war ”')).toEqual({ key: 'price_war', label: 'price war' });
    expect(normalizeLossReason(' 「老板不同意」 ')).toEqual({ key: '老板不同意', label: '老板不同意' });
  });

  it('nothing to say is no reason', () => {
    expect(normalizeLossReason('')).toBeUndefined();
    expect(normalizeLossReason('   ')).toBeUndefined();
    expect(normalizeLossReason('""')).toBeUndefined();
    expect(normalizeLossReason('“”')).toBeUndefined();
  });
});

describe('normalizeSourceChannel', () => {
  it('抖音 and Douyin are one channel', () => {
    expect(normalizeSourceChannel('抖音')?.key).toBe('douyin');
    expect(normalizeSourceChannel('douyin')?.key).toBe('douyin');
    expect(normalizeSourceChannel('DOUYIN')?.key).toBe('douyin');
    expect(normalizeSourceChannel('ＴｉｋＴｏｋ')?.key).toBe('douyin');
    expect(normalizeSourceChannel('抖音')?.label).toBe('Douyin');
    expect(normalizeSourceChannel('douyin')?.known?.zh).toBe('抖音');
  });

  it('knows the channels of the seeds: 展会, SEO, 转介绍', () => {
    expect(normalizeSourceChannel('展会')?.key).toBe('trade_show');
    expect(normalizeSourceChannel('Trade-Show')?.key).toBe('trade_show');
    expect(normalizeSourceChannel('seo')?.key).toBe('seo');
    expect(normalizeSourceChannel('转介绍')?.key).toBe('referral');
    expect(normalizeSourceChannel('老客户推荐')?.key).toBe('referral');
  });

  it('a new channel keeps its name', () => {
    expect(normalizeSourceChannel('小红书')).toEqual({ key: '小红书', label: '小红书' });
    expect(normalizeSourceChannel('Xiao Hong Shu')).toEqual({ key: 'xiao_hong_shu', label: 'Xiao Hong Shu' });
    expect(normalizeSourceChannel('')).toBeUndefined();
  });

  it('does not mix loss reasons and channels', () => {
    expect(normalizeSourceChannel('budget')).toEqual({ key: 'budget', label: 'budget' });
    expect(normalizeSourceChannel('budget')?.known).toBeUndefined();
    expect(normalizeLossReason('抖音')).toEqual({ key: '抖音', label: '抖音' });
  });
});

describe('the known tag lists', () => {
  it('have unique keys, and every alias points to its own tag', () => {
    for (const [definitions, normalize] of [
      [KNOWN_LOSS_REASONS, normalizeLossReason],
      [KNOWN_SOURCE_CHANNELS, normalizeSourceChannel],
    ] as const) {
      expect(new Set(definitions.map((definition) => definition.key)).size).toBe(definitions.length);
      for (const definition of definitions) {
        for (const alias of [definition.key, definition.en, definition.zh, ...definition.aliases]) {
          expect(normalize(alias)?.key, alias).toBe(definition.key);
        }
      }
    }
  });

  it('knownTag finds a definition by key', () => {
    expect(knownTag('budget', KNOWN_LOSS_REASONS)?.zh).toBe('预算不足');
    expect(knownTag('douyin', KNOWN_SOURCE_CHANNELS)?.en).toBe('Douyin');
    expect(knownTag('douyin', KNOWN_LOSS_REASONS)).toBeUndefined();
    expect(knownTag('预算不足', KNOWN_LOSS_REASONS)).toBeUndefined();
  });
});

describe('uniqueTags', () => {
  it('keeps the first tag of each key, in order, and drops empties', () => {
    const tags = uniqueTags([
      normalizeLossReason('竞品低价'),
      undefined,
      normalizeLossReason('预算不足'),
      normalizeLossReason('competitor'),
      normalizeLossReason('老板不同意'),
    ]);
    expect(keys(tags)).toEqual(['competitor_cheaper', 'budget', '老板不同意']);
  });

  it('two spellings of one new reason keep the label of the first', () => {
    expect(uniqueTags([normalizeLossReason('Price War'), normalizeLossReason('price-war')])).toEqual([{ key: 'price_war', label: 'Price War' }]);
    expect(parseLossReasons('"Price War" price_war')).toEqual([{ key: 'price_war', label: 'Price War' }]);
  });
});

describe('parseLossReasons: the words after /lead lose <number>', () => {
  it('预算不足 budget "competitor cheaper" is two reasons: budget and competitor cheaper', () => {
    expect(keys(parseLossReasons('预算不足 budget "competitor cheaper"'))).toEqual(['budget', 'competitor_cheaper']);
  });

  it('中文 quotes keep words together; 、 and ， separate', () => {
    expect(keys(parseLossReasons('“competitor cheaper”、预算不足，决策链长'))).toEqual([
      'competitor_cheaper',
      'budget',
      'long_decision_chain',
    ]);
    expect(keys(parseLossReasons('「need vanished」；budget;决策链长'))).toEqual(['need_vanished', 'budget', 'long_decision_chain']);
  });

  it('ASCII commas and semicolons separate too, with or without spaces', () => {
    expect(keys(parseLossReasons('budget,决策链长 ; 需求消失'))).toEqual(['budget', 'long_decision_chain', 'need_vanished']);
  });

  it('without quotes, two words are two reasons', () => {
    expect(keys(parseLossReasons('price war'))).toEqual(['price', 'war']);
    expect(keys(parseLossReasons('"price war"'))).toEqual(['price_war']);
  });

  it('an unknown quoted reason keeps its words as the label', () => {
    const [reason] = parseLossReasons('“Price War”');
    expect(reason).toEqual({ key: 'price_war', label: 'Price War' });
  });

  it('the same reason said three ways counts once', () => {
    const reasons = parseLossReasons('budget ＢＵＤＧＥＴ 预算不足');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]?.key).toBe('budget');
  });

  it('full-width commas and spaces from a Chinese input method separate', () => {
    expect(keys(parseLossReasons('预算不足，竞品低价　需求消失'))).toEqual(['budget', 'competitor_cheaper', 'need_vanished']);
  });

  it('nothing, or only separators and empty quotes, is no reasons', () => {
    expect(parseLossReasons('')).toEqual([]);
    expect(parseLossReasons('  ,, 、 ；')).toEqual([]);
    expect(parseLossReasons('"" “”')).toEqual([]);
  });
});
