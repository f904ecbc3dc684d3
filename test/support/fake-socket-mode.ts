import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeSlack } from '../../src/playground/fake-slack.js';

/**
 * Slack's Socket Mode end: the fake Web API hands out this server's URL from
 * apps.connections.open; it greets the app with `hello` and delivers envelopes,
 * resolving with the payload the app acknowledges them with.
 */
export class FakeSocketMode {
  readonly #server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  readonly #acks = new Map<string, (payload: Record<string, unknown> | undefined) => void>();
  #socket?: WebSocket;
  readonly connected: Promise<void>;

  constructor(slack: FakeSlack) {
    let markConnected: () => void;
    this.connected = new Promise((resolve) => (markConnected = resolve));
    this.#server.on('connection', (socket) => {
      this.#socket = socket;
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (message.envelope_id) this.#acks.get(message.envelope_id)?.(message.payload);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0LEADOPS' } }));
      markConnected();
    });
    slack.answerNext('apps.connections.open', () => ({ ok: true, url: this.url }));
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}/link`;
  }

  async ready(): Promise<this> {
    if (!this.#server.address()) await once(this.#server, 'listening');
    return this;
  }

  /** Delivers a slash command as Slack does over the socket; resolves with the app's ack payload. */
  deliver(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const envelopeId = randomUUID();
    const acked = new Promise<Record<string, unknown> | undefined>((resolve) => this.#acks.set(envelopeId, resolve));
    this.#socket!.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }));
    return acked;
  }

  async close(): Promise<void> {
    for (const client of this.#server.clients) client.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
