import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPResponseAck, type App, type Receiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { boltLogger } from '../logger.js';
import { MalformedRequest, readEnvelope } from './envelope.js';
import { checkSignature } from './signature.js';

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';

/** Slack's largest payloads (a full modal's state) are tens of kilobytes. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface HttpReceiverOptions {
  signingSecret: string;
  port: number;
  host: string;
  logger: Logger;
  /** The clock request timestamps are checked against; tests move it. */
  nowMs?: () => number;
}

class RequestRefused extends Error {
  constructor(readonly status: number, readonly reason: string) {
    super(reason);
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT_BYTES) throw new RequestRefused(413, `body of ${declared} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT_BYTES) throw new RequestRefused(413, `body over ${BODY_LIMIT_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Commands come as form fields, interactions as a form field `payload` holding JSON, events as JSON. */
function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  try {
    if (type === 'application/json') return JSON.parse(raw.toString('utf8')) as unknown;
    if (type === 'application/x-www-form-urlencoded') {
      const form = new URLSearchParams(raw.toString('utf8'));
      const payload = form.get('payload');
      return payload !== null ? (JSON.parse(payload) as unknown) : Object.fromEntries(form);
    }
  } catch {
    throw new RequestRefused(400, 'body is not valid JSON');
  }
  throw new RequestRefused(400, `content-type ${type ?? 'missing'}`);
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Slack's HTTP endpoint. It does what Bolt's HTTPReceiver does — verify, parse, hand the
 * body to the app with an ack bound to the response — but refuses, with a status and
 * without reaching the app, every request that is not one Slack could have sent: a
 * timestamp off by more than five minutes either way, a malformed body, a body whose
 * shape the listeners would trip over. Nothing a request carries can end the process.
 */
export class SlackHttpReceiver implements Receiver {
  #app?: App;
  #server?: Server;
  readonly #nowMs: () => number;

  constructor(private readonly options: HttpReceiverOptions) {
    this.#nowMs = options.nowMs ?? Date.now;
  }

  init(app: App): void {
    this.#app = app;
  }

  async start(): Promise<Server> {
    const server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        this.options.logger.error({ err: error, path: request.url }, 'request failed');
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    server.on('clientError', (_error, socket) => socket.destroy());
    server.listen(this.options.port, this.options.host);
    await once(server, 'listening');
    this.#server = server;
    return server;
  }

  get port(): number | undefined {
    return (this.#server?.address() as AddressInfo | null)?.port;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === HEALTH_PATH && request.method === 'GET') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    if (path !== EVENTS_PATH) return void response.writeHead(404).end();
    if (request.method !== 'POST') return void response.writeHead(405, { allow: 'POST' }).end();
    try {
      await this.#dispatch(request, response);
    } catch (error) {
      if (!(error instanceof RequestRefused)) throw error;
      this.options.logger.warn({ status: error.status, reason: error.reason }, 'refused a request');
      if (!response.headersSent) response.writeHead(error.status).end();
    }
  }

  async #dispatch(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const problem = checkSignature({
      secret: this.options.signingSecret,
      timestamp: header(request, 'x-slack-request-timestamp'),
      signature: header(request, 'x-slack-signature'),
      body: raw,
      nowMs: this.#nowMs(),
    });
    if (problem) throw new RequestRefused(401, `signature ${problem}`);
    const body = parseBody(raw, header(request, 'content-type'));
    let envelope;
    try {
      envelope = readEnvelope(body);
    } catch (error) {
      if (error instanceof MalformedRequest) throw new RequestRefused(400, error.reason);
      throw error;
    }
    if (envelope.kind === 'ssl_check' || envelope.kind === 'ignored') return void response.writeHead(200).end();
    if (envelope.kind === 'url_verification') {
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: envelope.challenge }));
    }
    const ack = new HTTPResponseAck({ logger: boltLogger(this.options.logger), processBeforeResponse: false, httpRequest: request, httpRequestBody: body as Record<string, unknown>, httpResponse: response });
    const retryNum = Number(header(request, 'x-slack-retry-num'));
    try {
      await this.#app?.processEvent({
        body: body as Record<string, unknown>,
        ack: ack.bind(),
        retryNum: Number.isInteger(retryNum) ? retryNum : undefined,
        retryReason: header(request, 'x-slack-retry-reason'),
      });
    } catch (error) {
      this.options.logger.error({ err: error }, 'the app failed on a request');
      if (!response.headersSent) response.writeHead(500).end();
      ack.ack();
    }
  }
}
