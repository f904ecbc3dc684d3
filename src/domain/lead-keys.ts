/**
 * How leads are matched: the keys that say two leads are the same company or the same
 * contact (DOMAIN.md "warn on duplicates"), and the tokens `/lead find` searches. The
 * store writes these columns on every lead write from the lead's own values, so they
 * are an index of the values, never a fact of their own (the journal does not record
 * them, and an undo or edit cannot leave them behind).
 */

/**
 * Legal forms that say nothing about which company it is, as the last word(s) of a
 * name. Latin ones are whole words (so "Tag" keeps its "ag"); Chinese ones are read off
 * the end of the squashed name, longest first. 某科技股份有限公司 → 某科技.
 */
const LATIN_LEGAL_WORDS = new Set([
  'co', 'company', 'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'llc', 'llp', 'lp', 'plc',
  'gmbh', 'ag', 'kg', 'sa', 'sas', 'sarl', 'srl', 'spa', 'bv', 'nv', 'pte', 'pty', 'kk', 'oy', 'ab', 'as', 'group',
]);
const CJK_LEGAL_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '股份公司', '集团公司', '集团', '公司', '株式会社'].sort((a, b) => b.length - a.length);

/** Han, kana and hangul: scripts written without spaces, searched by pairs of characters. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** A run of letters or digits of one kind: CJK characters, or anything else alphanumeric. */
const RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;

/** Full and half width the same (ＡＢＣ → ABC), case folded. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function runsOf(text: string): string[] {
  return fold(text).match(RUNS) ?? [];
}

/**
 * The company a name stands for: case, width, spaces and punctuation ignored, legal
 * forms dropped, so `某科技` and `某科技有限公司`, `follow up ltd.` and `Follow Up Ltd`
 * share a key. Undefined when nothing is left to compare (a name of only punctuation).
 */
export function companyNameKey(name: string): string | undefined {
  const words = runsOf(name);
  const all = words.join('');
  while (words.length > 1 && LATIN_LEGAL_WORDS.has(words.at(-1)!)) words.pop();
  let key = words.join('');
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const suffix of CJK_LEGAL_SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length);
        stripped = true;
      }
    }
  }
  // "Group Ltd" is still a name: where only legal words were written, they are the name.
  return key || all || undefined;
}

/** An email as people mean it: trimmed, width and case folded. */
export function emailKey(email: string): string | undefined {
  const key = fold(email).replace(/\s+/g, '');
  return key || undefined;
}

/**
 * A phone number as digits only, with China's country code dropped so that
 * `+86 138-0013-8000`, `0086 13800138000` and `13800138000` are one number. Other
 * country codes stay: `+1 415…` and `415…` may be different people.
 */
export function phoneKey(phone: string): string | undefined {
  // An extension is not part of the number a customer is reached on: 010 6552 1234 转 8.
  const folded = fold(phone).trim().replace(/\s*(?:ext\.?|x|转).*$/u, '');
  let digits = folded.replace(/\D/g, '');
  if (folded.startsWith('+86')) digits = digits.slice(2);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('861')) digits = digits.slice(2);
  return digits.length > 0 ? digits : undefined;
}

/** The fewest digits a phone number has, and the most (ITU: 15, plus room for an extension). */
export const PHONE_DIGITS = { min: 5, max: 20 } as const;

/** What a lead is found by and matched on, as stored beside its values. */
export interface LeadKeys {
  nameKey: string | null;
  emailKey: string | null;
  phoneKey: string | null;
  /** Pre-tokenized text for the full-text index: words, CJK character pairs, digits. */
  searchText: string | null;
}

export interface KeyedValues {
  name: string;
  campaign?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
}

/**
 * Pairs of neighbouring characters of a CJK run: a 2-character query (科技, common in
 * Chinese) is then one token, and a longer one a phrase of pairs. A run of one stays one.
 */
function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  return chars.slice(1).map((char, index) => chars[index]! + char);
}

/**
 * An email as one token, its punctuation dropped (li.wei@acme.com → liweiacmecom): the
 * full-text index splits on @ and dots, and an email typed whole would otherwise be an
 * AND of words as common as `com`, which reads half the index (bench/find.ts).
 */
function emailToken(email: string): string {
  return fold(email).replace(/[^\p{L}\p{N}]/gu, '');
}

/** The searchable tokens of a text, in order: words and digit runs as they are, CJK runs as pairs. */
function tokensOf(text: string): string[] {
  return runsOf(text).flatMap((run) => (CJK.test(run) ? bigrams(run) : [run]));
}

/**
 * The keys of a lead's values. The search text holds the name, campaign, email and
 * phone (as its key's digits); the number has its own unique index, searched by prefix.
 */
export function leadKeys(values: KeyedValues): LeadKeys {
  const email = values.contactEmail ? emailKey(values.contactEmail) : undefined;
  const phone = values.contactPhone ? phoneKey(values.contactPhone) : undefined;
  const parts = [values.name, values.campaign ?? '', email ?? '', phone ?? ''].map((part) => tokensOf(part).join(' ')).filter(Boolean);
  if (email && emailToken(email)) parts.push(emailToken(email));
  return {
    nameKey: companyNameKey(values.name) ?? null,
    emailKey: email ?? null,
    phoneKey: phone ?? null,
    searchText: parts.length > 0 ? parts.join(' ') : null,
  };
}

/**
 * A `/lead find` query as the index reads it: each group must appear, in order within a
 * group (a phrase of CJK pairs, or one word); the last token of a Latin or digit group
 * may be the start of a word, so that `acm` finds Acme.
 */
export interface SearchQuery {
  groups: Array<{ tokens: string[]; prefix: boolean }>;
  /** The whole query as digits, when it is digits only: a lead number's start, or a phone. */
  digits?: string;
  nameKey?: string;
  emailKey?: string;
  phoneKey?: string;
}

/** More words than this in one query is a paragraph, not a search. */
export const MAX_QUERY_GROUPS = 8;

export function searchQuery(text: string): SearchQuery {
  const runs = runsOf(text).slice(0, MAX_QUERY_GROUPS);
  const squashedEmail = text.includes('@') ? emailToken(text) : '';
  // Part of an email or all of it (li.wei@acm): its one token, by prefix.
  const groups = squashedEmail ? [{ tokens: [squashedEmail], prefix: true }] : runs.map((run) => {
    if (!CJK.test(run)) return { tokens: [run], prefix: true };
    const pairs = bigrams(run);
    // One character: any pair that starts with it.
    return { tokens: pairs, prefix: [...run].length === 1 };
  });
  const squashed = fold(text).replace(/[\s\-()+.]/g, '');
  const looksLikeEmail = /^[^\s@]+@[^\s@]+$/.test(fold(text).trim());
  const phone = phoneKey(text);
  return {
    groups,
    ...(/^\d+$/.test(squashed) ? { digits: squashed } : {}),
    ...(companyNameKey(text) ? { nameKey: companyNameKey(text) } : {}),
    ...(looksLikeEmail ? { emailKey: emailKey(text) } : {}),
    ...(phone && phone.length >= PHONE_DIGITS.min && /^[\d\s\-()+.]+$/.test(fold(text).trim()) ? { phoneKey: phone } : {}),
  };
}
