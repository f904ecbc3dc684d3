/** What rendering needs to know of the workspace around the blocks: names, files, time. */
export interface RenderContext {
  /** The display name of a user id (for `<@U123>`, user elements and users_select). */
  userName(id: string): string;
  channelName(id: string): string;
  /** Where the page serves a Slack file (image blocks with `slack_file: { id }`); undefined when it has none. */
  fileUrl(id: string): string | undefined;
  /** The people users_select offers. */
  users: Array<{ id: string; name: string }>;
  /** IANA zone the reader sees dates in, as Slack shows each reader their own. */
  timeZone: string;
  locale: 'en' | 'zh';
  now(): Date;
}

export const INTL_LOCALE: Record<RenderContext['locale'], string> = { en: 'en-US', zh: 'zh-CN' };
