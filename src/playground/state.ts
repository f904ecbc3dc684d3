/**
 * What the playground's page is told of Slack, shared by the server (Node) and the page
 * (a browser): plain data, no imports, so either side can type it.
 */

/** A person of the workspace, as users.info tells of them. */
export interface SlackPerson {
  id: string;
  name: string;
  realName: string;
  /** Slack's locale, e.g. en-US or zh-CN. */
  locale: string;
  timeZone: string;
  title?: string;
  /** As users.list tells it to a bot with users:read.email. */
  email?: string;
}

/** Who a visitor can be: the role is what they would be in the team. */
export interface Persona extends SlackPerson {
  role: 'rep' | 'manager' | 'admin';
}

/** A message as a channel (or a DM) shows it. */
export interface ChannelMessage {
  ts: string;
  channel: string;
  /** Who posted it: the bot's user id, or a person's. */
  user: string;
  text: string;
  blocks?: unknown[];
  /** Shown to this person only ("Only visible to you"). */
  ephemeralTo?: string;
  files?: Array<{ id: string; title?: string; name?: string }>;
  metadata?: unknown;
  edited?: boolean;
  /** A reply in the thread of the message with this ts. */
  threadTs?: string;
}

export interface PlaygroundState {
  me: string;
  personas: readonly Persona[];
  people: Array<{ id: string; name: string }>;
  channels: Array<{ id: string; name: string; kind: 'channel' | 'dm' }>;
  messages: Record<string, ChannelMessage[]>;
  /** The top modal of the person's stack, with the field errors of its last submission. */
  modal?: { id: string; hash: string; view: Record<string, unknown>; errors?: Record<string, string>; depth: number };
  home?: Record<string, unknown>;
  digests: Array<{ name: string; label: string }>;
  timeZone: string;
}
