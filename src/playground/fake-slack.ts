import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChannelMessage, SlackPerson } from './state.js';

export type { ChannelMessage, SlackPerson };

/**
 * Slack, as far as the bot can tell: a Web API on loopback that answers like Slack does,
 * keeps what Slack would keep (the messages of each channel, ephemeral ones per person,
 * modals, each person's App Home, uploaded files) and records every call. The tests
 * assert on the calls; the playground shows the state. One fake for both, so what the
 * playground shows is what the tests prove.
 */

/** One call the bot made to Slack, as Slack would have received it. */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  at: number;
}

/** A POST to a response_url we handed out. */
export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
}

export interface RecordedUpload {
  fileId: string;
  bytes: Buffer;
  contentType?: string;
  /** As files.getUploadURLExternal named it. */
  filename?: string;
}

/** A file a person shared with the bot (a modal's file input), as files.info describes it. */
export interface HeldFile {
  id: string;
  name: string;
  filetype: string;
  user: string;
  bytes: Buffer;
}

/** A GET of a file's url_private: the token it came with, and whether Slack served the file for it. */
export interface RecordedDownload {
  fileId: string;
  token?: string;
  served: boolean;
}

/** A modal or Home tab as Slack holds it. */
export interface HeldView {
  id: string;
  hash: string;
  user: string;
  view: Record<string, unknown>;
}

/** Where replies to a response_url land: the conversation and person it was handed out for, and the message it may replace. */
export interface ResponseTarget {
  channel: string;
  user: string;
  messageTs?: string;
}

export type SlackChange =
  | { kind: 'cleared' }
  | { kind: 'message'; channel: string }
  | { kind: 'views'; user: string }
  | { kind: 'home'; user: string };

export const FAKE_TEAM = { id: 'T0LEADOPS', domain: 'leadops-test', name: 'Leadops Test' };
export const FAKE_BOT = { userId: 'U0BOT', botId: 'B0BOT', appId: 'A0LEADOPS' };

type Answer = Record<string, unknown> | ((args: Record<string, unknown>) => Record<string, unknown>);

/** A DM with the app has one channel per person; Slack's ids for them start with D. */
export function dmChannelOf(userId: string): string {
  return `D${userId.replace(/^[UW]/, '')}`;
}

/** The person a trigger id was issued to: our drivers issue `<time>.<user>.<random>`, as a stand-in for Slack's opaque ids. */
export function triggerFor(userId: string): string {
  return `${Date.now()}.${userId}.${Math.random().toString(36).slice(2, 10)}`;
}

function userOfTrigger(trigger: unknown): string | undefined {
  const part = typeof trigger === 'string' ? trigger.split('.')[1] : undefined;
  return part && /^[UW][A-Z0-9]+$/.test(part) ? part : undefined;
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly uploads: RecordedUpload[] = [];
  readonly downloads: RecordedDownload[] = [];
  readonly files = new Map<string, HeldFile>();
  /** Messages per channel, oldest first. */
  readonly messages = new Map<string, ChannelMessage[]>();
  readonly views = new Map<string, HeldView>();
  /** Each person's open modals, the top one last. */
  readonly modalStacks = new Map<string, string[]>();
  readonly homes = new Map<string, HeldView>();
  readonly people = new Map<string, SlackPerson>();
  readonly #changes = new EventEmitter();
  readonly #overrides = new Map<string, Answer[]>();
  readonly #waiters = new Set<() => void>();
  readonly #responseTargets = new Map<string, ResponseTarget>();
  readonly #uploadNames = new Map<string, string>();
  readonly #team: { id: string; domain: string; name: string };
  readonly #botToken?: string;
  #server?: Server;
  #sequence = 0;
  #baseUrl = '';

  /** With `botToken`, a file's url_private is served only to that token (as Slack serves it only to a token of the workspace). */
  constructor(options: { team?: { id: string; domain: string; name: string }; people?: SlackPerson[]; botToken?: string } = {}) {
    this.#team = options.team ?? FAKE_TEAM;
    this.#botToken = options.botToken;
    for (const person of options.people ?? []) this.people.set(person.id, person);
  }

  get apiUrl(): string {
    return `${this.#baseUrl}/api/`;
  }

  get baseUrl(): string {
    return this.#baseUrl;
  }

  get team(): { id: string; domain: string; name: string } {
    return this.#team;
  }

  /** A response_url for a command or an interaction; with a target, what is posted to it shows up there. */
  responseUrl(id = `r${++this.#sequence}`, target?: ResponseTarget): string {
    if (target) this.#responseTargets.set(id, { ...target });
    return `${this.#baseUrl}/response/${id}`;
  }

  async start(port = 0): Promise<this> {
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    // The bot's fetch keeps connections open and reuses them. Rendering a chart blocks this
    // one event loop for a second or more, long enough for the client's idle timer and the
    // server's 5 s default to pass each other: the server would close a socket the client
    // is just reusing ("fetch failed"). Real Slack keeps them open long; so does this one.
    this.#server.keepAliveTimeout = 120_000;
    this.#server.listen(port, '127.0.0.1');
    await once(this.#server, 'listening');
    this.#baseUrl = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.#server) return;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server!.close(() => resolve()));
  }

  /** The next calls of `method` get these answers instead of the usual ones (e.g. an error). */
  answerNext(method: string, ...answers: Answer[]): void {
    this.#overrides.set(method, [...(this.#overrides.get(method) ?? []), ...answers]);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Puts a message into a channel's history as if it had been posted earlier. */
  addToHistory(channel: string, message: Record<string, unknown>): void {
    this.#append({ ts: String(message.ts ?? this.#ts()), channel, user: String(message.user ?? FAKE_BOT.userId), text: String(message.text ?? ''), ...message } as ChannelMessage);
  }

  /** Forgets every call and everything held. */
  clear(): void {
    this.messages.clear();
    this.views.clear();
    this.modalStacks.clear();
    this.homes.clear();
    this.#responseTargets.clear();
    this.calls.length = 0;
    this.responses.length = 0;
    this.uploads.length = 0;
    this.downloads.length = 0;
    this.files.clear();
    this.#emit({ kind: 'cleared' });
  }

  onChange(listener: (change: SlackChange) => void): () => void {
    this.#changes.on('change', listener);
    return () => this.#changes.off('change', listener);
  }

  /** Resolves once `found` returns something, or fails after `timeoutMs` with what was seen. */
  async waitFor<T>(found: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = found();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`timed out; Slack saw: ${JSON.stringify(this.calls.map((c) => c.method))}, responses: ${this.responses.length}`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 50));
        this.#waiters.add(wake);
      });
    }
  }

  waitForCall(method: string, matching: (call: RecordedCall) => boolean = () => true, timeoutMs?: number): Promise<RecordedCall> {
    return this.waitFor(() => this.calls.find((call) => call.method === method && matching(call)), timeoutMs);
  }

  waitForResponse(matching: (response: RecordedResponse) => boolean = () => true, timeoutMs?: number): Promise<RecordedResponse> {
    return this.waitFor(() => this.responses.find(matching), timeoutMs);
  }

  /** What a person sees in a channel: its messages, and the ephemeral ones meant for them. */
  messagesSeenBy(channel: string, userId: string): ChannelMessage[] {
    return (this.messages.get(channel) ?? []).filter((message) => !message.ephemeralTo || message.ephemeralTo === userId);
  }

  /** The modal on top of a person's stack, if any. */
  topModal(userId: string): HeldView | undefined {
    const stack = this.modalStacks.get(userId) ?? [];
    const id = stack[stack.length - 1];
    return id ? this.views.get(id) : undefined;
  }

  /**
   * What Slack does with the answer to a view_submission: `errors` leave the modal as
   * it is, `update` replaces it, `push` adds one on top, `clear` closes them all, and
   * no answer closes the submitted one.
   */
  applyViewAnswer(userId: string, viewId: string, answer: Record<string, unknown> | undefined): void {
    const stack = this.modalStacks.get(userId) ?? [];
    const action = answer?.response_action;
    if (action === 'errors') {
      this.#emit({ kind: 'views', user: userId });
      return;
    }
    if (action === 'update' && answer?.view) {
      this.#holdView(viewId, userId, answer.view as Record<string, unknown>);
    } else if (action === 'push' && answer?.view) {
      const id = this.#newViewId();
      this.#holdView(id, userId, answer.view as Record<string, unknown>);
      stack.push(id);
    } else if (action === 'clear') {
      stack.length = 0;
    } else {
      const index = stack.lastIndexOf(viewId);
      if (index >= 0) stack.splice(index, 1);
    }
    this.modalStacks.set(userId, stack);
    this.#emit({ kind: 'views', user: userId });
  }

  /** A person closed their top modal. */
  closeModal(userId: string, viewId: string): void {
    this.applyViewAnswer(userId, viewId, undefined);
  }

  /** A message a person posts themselves (what they typed, as the channel shows it). */
  postAsPerson(channel: string, userId: string, text: string, options: { ephemeral?: boolean } = {}): ChannelMessage {
    return this.#append({ ts: this.#ts(), channel, user: userId, text, ...(options.ephemeral ? { ephemeralTo: userId } : {}) });
  }

  /** A file a person uploads (into a modal's file input): its id, for the view state and files.info. */
  addFile(file: { name: string; bytes: Buffer | Uint8Array; user: string; filetype?: string }): HeldFile {
    const held: HeldFile = { id: `F${String(++this.#sequence).padStart(8, '0')}`, name: file.name, user: file.user, bytes: Buffer.from(file.bytes), filetype: file.filetype ?? (file.name.split('.').pop() ?? '').toLowerCase() };
    this.files.set(held.id, held);
    return held;
  }

  /** A held file as Slack's files.info (and a file input's view state) describe it. */
  fileObject(file: HeldFile): Record<string, unknown> {
    const url = `${this.#baseUrl}/files-pri/${this.#team.id}-${file.id}/${encodeURIComponent(file.name)}`;
    return { id: file.id, name: file.name, title: file.name, filetype: file.filetype, mimetype: file.filetype === 'csv' ? 'text/csv' : 'application/octet-stream', size: file.bytes.length, user: file.user, url_private: url, url_private_download: `${url}?download=1`, is_external: false };
  }

  uploadedFile(fileId: string): RecordedUpload | undefined {
    return this.uploads.find((upload) => upload.fileId === fileId);
  }

  #notify(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  #emit(change: SlackChange): void {
    this.#changes.emit('change', change);
  }

  #ts(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.#sequence).padStart(6, '0')}`;
  }

  #newViewId(): string {
    return `V${String(++this.#sequence).padStart(8, '0')}`;
  }

  #append(message: ChannelMessage): ChannelMessage {
    const list = this.messages.get(message.channel) ?? [];
    list.push(message);
    this.messages.set(message.channel, list);
    this.#emit({ kind: 'message', channel: message.channel });
    return message;
  }

  #holdView(id: string, userId: string, view: Record<string, unknown>): HeldView {
    const held = { id, hash: `${Date.now()}.${++this.#sequence}`, user: userId, view: { ...view, id } };
    this.views.set(id, held);
    return held;
  }

  /** Slack posts to a person's id as to their DM with the app. */
  #channelFor(channel: unknown): string {
    const id = String(channel);
    return /^[UW]/.test(id) ? dmChannelOf(id) : id;
  }

  /**
   * What Slack does with an answer to a response_url, or with a command's
   * acknowledgement (which Slack shows as if posted to the command's response_url).
   */
  deliverResponse(id: string, body: Record<string, unknown>): void {
    this.#applyResponse(id, body);
  }

  #applyResponse(id: string, body: Record<string, unknown>): void {
    const target = this.#responseTargets.get(id);
    if (!target) return;
    const list = this.messages.get(target.channel) ?? [];
    const original = target.messageTs ? list.find((message) => message.ts === target.messageTs) : undefined;
    if (body.delete_original === true && original) {
      list.splice(list.indexOf(original), 1);
      this.#emit({ kind: 'message', channel: target.channel });
      return;
    }
    if (body.replace_original === true && original) {
      Object.assign(original, { text: String(body.text ?? ''), blocks: body.blocks as unknown[] | undefined, edited: true });
      this.#emit({ kind: 'message', channel: target.channel });
      return;
    }
    const posted = this.#append({
      ts: this.#ts(),
      channel: target.channel,
      user: FAKE_BOT.userId,
      text: String(body.text ?? ''),
      blocks: body.blocks as unknown[] | undefined,
      ...(body.response_type === 'in_channel' ? {} : { ephemeralTo: target.user }),
    });
    // Slack replaces the message a response_url posted when the next reply says replace_original.
    target.messageTs = posted.ts;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', this.#baseUrl);
    const [, kind, id = ''] = url.pathname.split('/');

    if (kind === 'response') {
      const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
      this.responses.push({ id, body });
      this.#applyResponse(id, body);
      this.#notify();
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }
    if (kind === 'upload') {
      const filename = this.#uploadNames.get(id);
      this.uploads.push({ fileId: id, bytes: await uploadedBytes(raw, request.headers['content-type']), contentType: request.headers['content-type'], ...(filename ? { filename } : {}) });
      this.#notify();
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
    }
    if (kind === 'files-pri') return this.#download(id, request, response);
    if (kind !== 'api') return void response.writeHead(404).end();

    const method = id;
    const args = parseArguments(raw.toString('utf8'), request.headers['content-type']);
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? (args.token as string | undefined);
    this.calls.push({ method, args, token, at: Date.now() });
    const override = this.#overrides.get(method)?.shift();
    const answer = override ? (typeof override === 'function' ? override(args) : override) : this.#answer(method, args);
    this.#notify();
    // A Slack that hangs: the answer comes only after the bot should have given up.
    if (typeof answer.hangMs === 'number') await new Promise((resolve) => setTimeout(resolve, answer.hangMs as number));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (answer.error === 'ratelimited') headers['retry-after'] = String(answer.retryAfter ?? 1);
    response.writeHead(answer.error === 'ratelimited' ? 429 : 200, headers).end(JSON.stringify(answer));
  }

  /** Slack answers a url_private without the workspace's token with its sign-in page, not an error status. */
  #download(path: string, request: IncomingMessage, response: ServerResponse): void {
    const fileId = path.slice(this.#team.id.length + 1);
    const file = this.files.get(fileId);
    const token = request.headers.authorization?.replace(/^Bearer /, '');
    const served = file !== undefined && token !== undefined && (this.#botToken ? token === this.#botToken : token.startsWith('xoxb-'));
    this.downloads.push({ fileId, token, served });
    this.#notify();
    if (!served) return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length) }).end(file.bytes);
  }

  #answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const ts = this.#ts();
    switch (method) {
      case 'auth.test':
        return { ok: true, url: `https://${this.#team.domain}.slack.com/`, team: this.#team.name, user: 'leadops', team_id: this.#team.id, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, is_enterprise_install: false };
      case 'chat.postMessage': {
        const channel = this.#channelFor(args.channel);
        const message = { type: 'message', text: args.text, user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, ts, ...(args.metadata ? { metadata: args.metadata } : {}) };
        const threadTs = typeof args.thread_ts === 'string' && args.thread_ts ? args.thread_ts : undefined;
        this.#append({ ts, channel, user: FAKE_BOT.userId, text: String(args.text ?? ''), blocks: args.blocks as unknown[] | undefined, metadata: args.metadata, ...(threadTs ? { threadTs } : {}) });
        return { ok: true, channel, ts, message: { ...message, ...(threadTs ? { thread_ts: threadTs } : {}) } };
      }
      case 'chat.getPermalink': {
        const channel = String(args.channel ?? '');
        const messageTs = String(args.message_ts ?? '');
        if (!/^[CDG][A-Z0-9]+$/.test(channel)) return { ok: false, error: 'channel_not_found' };
        if (!/^\d+\.\d+$/.test(messageTs)) return { ok: false, error: 'message_not_found' };
        // Slack's form: the ts without its dot, after a p.
        return { ok: true, channel, permalink: `https://${this.#team.domain}.slack.com/archives/${channel}/p${messageTs.replace('.', '')}` };
      }
      case 'conversations.history':
        return {
          ok: true,
          messages: [...(this.messages.get(String(args.channel)) ?? [])]
            // As Slack's: the channel's own messages, not the replies in their threads.
            .filter((message) => !message.ephemeralTo && !message.threadTs && Number(message.ts) >= Number(args.oldest ?? 0))
            .reverse()
            .map((message) => ({ type: 'message', ...message, bot_id: message.user === FAKE_BOT.userId ? FAKE_BOT.botId : undefined })),
          has_more: false,
        };
      case 'chat.postEphemeral': {
        const channel = this.#channelFor(args.channel);
        this.#append({ ts, channel, user: FAKE_BOT.userId, text: String(args.text ?? ''), blocks: args.blocks as unknown[] | undefined, ephemeralTo: String(args.user) });
        return { ok: true, message_ts: ts };
      }
      case 'chat.update': {
        const channel = this.#channelFor(args.channel);
        const message = this.messages.get(channel)?.find((candidate) => candidate.ts === args.ts);
        if (message) {
          Object.assign(message, { text: String(args.text ?? ''), blocks: args.blocks as unknown[] | undefined, edited: true });
          this.#emit({ kind: 'message', channel });
        }
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      }
      case 'views.open':
      case 'views.push': {
        const user = userOfTrigger(args.trigger_id) ?? 'U0UNKNOWN';
        const held = this.#holdView(this.#newViewId(), user, args.view as Record<string, unknown>);
        const stack = method === 'views.open' ? [] : (this.modalStacks.get(user) ?? []);
        stack.push(held.id);
        this.modalStacks.set(user, stack);
        this.#emit({ kind: 'views', user });
        return { ok: true, view: held.view };
      }
      case 'views.update': {
        const existing = this.views.get(String(args.view_id));
        if (!existing) return { ok: true, view: { id: args.view_id ?? `V${this.#sequence}`, ...(args.view as object) } };
        if (args.hash && args.hash !== existing.hash) return { ok: false, error: 'hash_conflict' };
        const held = this.#holdView(existing.id, existing.user, args.view as Record<string, unknown>);
        this.#emit({ kind: 'views', user: existing.user });
        return { ok: true, view: held.view };
      }
      case 'views.publish': {
        const user = String(args.user_id);
        const held = { id: this.homes.get(user)?.id ?? this.#newViewId(), hash: `${Date.now()}.${this.#sequence}`, user, view: args.view as Record<string, unknown> };
        this.homes.set(user, held);
        this.#emit({ kind: 'home', user });
        return { ok: true, view: { id: held.id, ...held.view } };
      }
      case 'users.info': {
        // Slack tells a person's language only when asked for it.
        const withLocale = args.include_locale === true || args.include_locale === 'true';
        const person = this.people.get(String(args.user));
        if (person) {
          return {
            ok: true,
            user: {
              id: person.id,
              team_id: this.#team.id,
              name: person.name,
              real_name: person.realName,
              tz: person.timeZone,
              ...(withLocale ? { locale: person.locale } : {}),
              is_bot: false,
              profile: { display_name: person.realName, real_name: person.realName, title: person.title },
            },
          };
        }
        return { ok: true, user: { id: args.user, team_id: this.#team.id, name: String(args.user).toLowerCase(), real_name: `User ${args.user}`, tz: 'Asia/Shanghai', is_bot: false } };
      }
      case 'users.list':
        // One page: the fake's workspace is small.
        return {
          ok: true,
          members: [...this.people.values()].map((person) => ({
            id: person.id,
            team_id: this.#team.id,
            name: person.name,
            real_name: person.realName,
            deleted: false,
            is_bot: false,
            profile: { display_name: person.realName, real_name: person.realName, ...(person.email ? { email: person.email } : {}) },
          })),
          response_metadata: { next_cursor: '' },
        };
      case 'conversations.info':
        return { ok: true, channel: { id: args.channel, name: 'sales', is_channel: true, is_member: true } };
      case 'conversations.join':
        return { ok: true, channel: { id: args.channel, is_member: true } };
      case 'conversations.open':
        return { ok: true, channel: { id: dmChannelOf(String(args.users ?? args.user ?? 'UX')) } };
      case 'files.info': {
        const file = this.files.get(String(args.file ?? ''));
        return file ? { ok: true, file: this.fileObject(file) } : { ok: false, error: 'file_not_found' };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${++this.#sequence}`;
        if (typeof args.filename === 'string') this.#uploadNames.set(fileId, args.filename);
        return { ok: true, upload_url: `${this.#baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = ((args.files as Array<{ id: string; title?: string }> | undefined) ?? []).map((file) => ({ ...file, ...(this.#uploadNames.has(file.id) ? { name: this.#uploadNames.get(file.id) } : {}) }));
        // Shared into a channel, the files show as a message of their own there.
        if (args.channel_id) {
          this.#append({ ts, channel: this.#channelFor(args.channel_id), user: FAKE_BOT.userId, text: String(args.initial_comment ?? ''), files });
        }
        return { ok: true, files: files.map((file) => ({ id: file.id, title: file.title, name: file.title })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** The client posts the file to the upload URL as raw bytes or as the one part of a multipart form. */
async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const file = [...form.values()].find((value) => typeof value !== 'string') as Blob | undefined;
  return file ? Buffer.from(await file.arrayBuffer()) : raw;
}

/** The Web API client sends form fields with JSON-encoded objects, or a JSON body. */
function parseArguments(body: string, contentType: string | undefined): Record<string, unknown> {
  if (!body) return {};
  if (contentType?.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
