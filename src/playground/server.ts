import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { FakeSlack, HeldView } from './fake-slack.js';
import type { ChannelMessage, PlaygroundState } from './state.js';
import type { PlaygroundSession } from './session.js';
import type { PageAssets } from './assets.js';

/**
 * The page's server: serves the page, tells it what Slack shows (a snapshot per
 * person, pushed over server-sent events whenever something changes), and turns what
 * the visitor does on the page into what Slack would send the bot. Loopback only, and
 * nothing without the token printed at start-up.
 */

interface ServerDeps {
  token: string;
  host: string;
  port: number;
  slack: FakeSlack;
  session: PlaygroundSession;
  assets: PageAssets;
  logger: Logger;
}

class BadRequest extends Error {}

/**
 * A file chosen in a modal's file input, as the page hands it over: larger than the bot
 * takes (20 MB), so that the bot's own refusal is what the person sees, and still bounded.
 */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

async function readBytes(request: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > max) throw new BadRequest('file too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new BadRequest('body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('not an object');
    return body as Record<string, unknown>;
  } catch (error) {
    if (error instanceof BadRequest) throw error;
    throw new BadRequest('not JSON');
  }
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4000) throw new BadRequest(`${name} missing`);
  return value;
}

export class PlaygroundServer {
  #server?: Server;
  readonly #listeners = new Set<{ user: string; response: ServerResponse }>();
  #unsubscribe?: () => void;
  #pending?: NodeJS.Timeout;

  constructor(private readonly deps: ServerDeps) {}

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        const status = error instanceof BadRequest ? 400 : 500;
        if (status === 500) this.deps.logger.error({ err: error, path: request.url }, 'playground request failed');
        if (!response.headersSent) response.writeHead(status, { 'content-type': 'text/plain' }).end(error instanceof Error ? error.message : 'failed');
      });
    });
    server.listen(this.deps.port, this.deps.host);
    await once(server, 'listening');
    this.#server = server;
    // Many changes come at once (a digest uploads, posts, updates): one snapshot for them all.
    this.#unsubscribe = this.deps.slack.onChange(() => {
      if (this.#pending) return;
      this.#pending = setTimeout(() => {
        this.#pending = undefined;
        this.#broadcast();
      }, 5);
    });
    return this;
  }

  get port(): number {
    return (this.#server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    if (this.#pending) clearTimeout(this.#pending);
    for (const listener of this.#listeners) listener.response.end();
    this.#listeners.clear();
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** What a person sees of Slack now. */
  stateFor(user: string): PlaygroundState {
    const { slack, session } = this.deps;
    const channels = session.channelsFor(user);
    const messages: Record<string, ChannelMessage[]> = {};
    for (const channel of channels) messages[channel.id] = slack.messagesSeenBy(channel.id, user).slice(-200);
    const top: HeldView | undefined = slack.topModal(user);
    const home = slack.homes.get(user);
    return {
      me: user,
      personas: session.personas,
      people: [...slack.people.values()].map((person) => ({ id: person.id, name: person.realName })),
      channels,
      messages,
      modal: top ? { id: top.id, hash: top.hash, view: top.view, errors: session.fieldErrors.get(top.id), depth: slack.modalStacks.get(user)?.length ?? 1 } : undefined,
      home: home?.view,
      digests: session.digests,
      timeZone: session.timeZone,
    };
  }

  #broadcast(): void {
    for (const listener of this.#listeners) this.#send(listener.response, this.stateFor(listener.user));
  }

  #send(response: ServerResponse, state: PlaygroundState): void {
    response.write(`data: ${JSON.stringify(state)}\n\n`);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const { assets, session } = this.deps;
    // The fonts and the page's own assets carry nothing of the team's: the token guards the rest.
    if (request.method === 'GET' && url.pathname.startsWith('/assets/')) return assets.serve(url.pathname.slice('/assets/'.length), response);
    if (request.method === 'GET' && url.pathname === '/favicon.ico') return void response.writeHead(204).end();
    if (!sameToken(url.searchParams.get('t') ?? header(request, 'x-playground-token') ?? null, this.deps.token)) {
      return void response.writeHead(403, { 'content-type': 'text/plain' }).end('This playground needs the link printed when it started (…/?t=…).');
    }
    if (request.method === 'GET') {
      if (url.pathname === '/') return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(assets.page(this.deps.token));
      if (url.pathname === '/events') {
        // A person the page remembers from another run may not exist here: start as the first.
        const asked = url.searchParams.get('user') ?? '';
        return this.#subscribe(session.person(asked) ? asked : session.personas[0]!.id, response);
      }
      if (url.pathname.startsWith('/files/')) return this.#file(url.pathname.slice('/files/'.length), response);
      return void response.writeHead(404).end();
    }
    if (request.method !== 'POST') return void response.writeHead(405).end();
    if (url.pathname === '/api/file') {
      const person = session.person(url.searchParams.get('user') ?? '');
      if (!person) throw new BadRequest('unknown person');
      const held = session.addFile(person, url.searchParams.get('name') ?? 'file', await readBytes(request, MAX_FILE_BYTES));
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: held.id }));
    }
    const body = await readJson(request);
    const user = session.person(text(body.user, 'user'));
    if (!user) throw new BadRequest('unknown person');
    let result: unknown;
    switch (url.pathname) {
      case '/api/command':
        result = await session.command(user, text(body.channel, 'channel'), text(body.text, 'text'));
        break;
      case '/api/action':
        result = await session.action(user, body);
        break;
      case '/api/shortcut':
        result = await session.messageShortcut(user, text(body.channel, 'channel'), text(body.messageTs, 'messageTs'), text(body.callbackId, 'callbackId'));
        break;
      case '/api/submit':
        result = await session.submit(user, text(body.viewId, 'viewId'), body.values);
        break;
      case '/api/close':
        session.close(user, text(body.viewId, 'viewId'));
        break;
      case '/api/home':
        result = await session.openHome(user);
        break;
      case '/api/digest':
        result = await session.runDigest(text(body.digest, 'digest'));
        break;
      case '/api/reset':
        result = await session.reset();
        break;
      default:
        return void response.writeHead(404).end();
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result ?? { ok: true }));
  }

  #subscribe(user: string, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    const listener = { user, response };
    this.#listeners.add(listener);
    response.on('close', () => this.#listeners.delete(listener));
    this.#send(response, this.stateFor(user));
  }

  #file(id: string, response: ServerResponse): void {
    const file = this.deps.slack.uploadedFile(id);
    if (!file) return void response.writeHead(404).end();
    // The charts are PNGs; anything else the bot sends (an import's problem rows) is a download.
    const png = file.bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const headers: Record<string, string> = png
      ? { 'content-type': 'image/png' }
      : { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename ?? `${id}.csv`)}` };
    response.writeHead(200, { ...headers, 'cache-control': 'private, max-age=3600' }).end(file.bytes);
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
