/** The languages leadops speaks; src/i18n/messages.ts has every string in each. */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A language as one of ours, if it is one: a stored or configured locale ("zh"), or a
 * person's Slack language (users.info's locale, e.g. zh-CN).
 */
export function localeOf(language: string | undefined): Locale | undefined {
  const base = language?.toLowerCase().split(/[-_]/)[0];
  return LOCALES.find((locale) => locale === base);
}
