import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
}

export const FAKE_TEAM = { id: 'T0LEADOPS', domain: 'leadops-test', name: 'Leadops Test' };
export const FAKE_BOT = { userId: 'U0BOT', botId: 'B0BOT', appId: 'A0LEADOPS' };

type Answer = Record<string, unknown> | ((args: Record<string, unknown>) => Record<string, unknown>);

/**
 * A Slack Web API on loopback that answers like Slack does and records every call, so
 * tests can assert on exactly what the bot sent. The bot's WebClient points at `apiUrl`;
 * response_url replies and file uploads come here too.
 */
export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly uploads: RecordedUpload[] = [];
  readonly #overrides = new Map<string, Answer[]>();
  readonly #waiters = new Set<() => void>();
  /** Messages posted per channel, newest first, as conversations.history returns them. */
  readonly #history = new Map<string, Array<Record<string, unknown>>>();
  #server?: Server;
  #sequence = 0;
  #baseUrl = '';

  get apiUrl(): string {
    return `${this.#baseUrl}/api/`;
  }

  responseUrl(id = `r${++this.#sequence}`): string {
    return `${this.#baseUrl}/response/${id}`;
  }

  async start(): Promise<this> {
    this.#server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    this.#server.listen(0, '127.0.0.1');
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
    this.#history.set(channel, [message, ...(this.#history.get(channel) ?? [])]);
  }

  clear(): void {
    this.#history.clear();
    this.calls.length = 0;
    this.responses.length = 0;
    this.uploads.length = 0;
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

  #notify(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', this.#baseUrl);
    const [, kind, id = ''] = url.pathname.split('/');

    if (kind === 'response') {
      this.responses.push({ id, body: JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown> });
      this.#notify();
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }
    if (kind === 'upload') {
      this.uploads.push({ fileId: id, bytes: await uploadedBytes(raw, request.headers['content-type']), contentType: request.headers['content-type'] });
      this.#notify();
      return void response.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
    }
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

  #answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.#sequence).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: `https://${FAKE_TEAM.domain}.slack.com/`, team: FAKE_TEAM.name, user: 'leadops', team_id: FAKE_TEAM.id, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, is_enterprise_install: false };
      case 'chat.postMessage': {
        const message = { type: 'message', text: args.text, user: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, ts, ...(args.metadata ? { metadata: args.metadata } : {}) };
        this.#history.set(String(args.channel), [message, ...(this.#history.get(String(args.channel)) ?? [])]);
        return { ok: true, channel: args.channel, ts, message };
      }
      case 'conversations.history':
        return { ok: true, messages: (this.#history.get(String(args.channel)) ?? []).filter((message) => Number(message.ts) >= Number(args.oldest ?? 0)), has_more: false };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish':
        return { ok: true, view: { id: `V${this.#sequence}`, ...(args.view as object) } };
      case 'users.info':
        return { ok: true, user: { id: args.user, team_id: FAKE_TEAM.id, name: String(args.user).toLowerCase(), real_name: `User ${args.user}`, tz: 'Asia/Shanghai', locale: 'zh-CN', is_bot: false } };
      case 'conversations.info':
        return { ok: true, channel: { id: args.channel, name: 'sales', is_channel: true, is_member: true } };
      case 'conversations.join':
        return { ok: true, channel: { id: args.channel, is_member: true } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users ?? args.user ?? 'X').replace(/^U/, '')}` } };
      case 'files.getUploadURLExternal': {
        const fileId = `F${++this.#sequence}`;
        return { ok: true, upload_url: `${this.#baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (args.files as Array<{ id: string; title?: string }> | undefined) ?? [];
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
