import { createHmac, randomUUID } from 'node:crypto';
import { FAKE_BOT, triggerFor, type FakeSlack } from './fake-slack.js';

export interface DriverReply {
  status: number;
  text: string;
  /** The acknowledgement's body when it was JSON (an inline reply, modal errors). */
  json?: Record<string, unknown>;
}

export interface Person {
  id: string;
  name?: string;
}

export const CHANNEL = { id: 'C0SALES', name: 'sales' };

/** Signs like Slack: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}"). */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * Sends correctly signed requests to the running app over HTTP, shaped as Slack sends
 * them: slash commands and interactions form-encoded, events as JSON. The tests drive
 * the bot with it, and so does the playground: one way of being Slack.
 */
export class SlackDriver {
  constructor(
    private readonly eventsUrl: string,
    private readonly signingSecret: string,
    private readonly slack: FakeSlack,
  ) {}

  async post(body: string, contentType: string, options: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {}): Promise<DriverReply> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const response = await fetch(this.eventsUrl, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': options.signature ?? signature(this.signingSecret, timestamp, body),
        ...options.headers,
      },
      body,
    });
    const text = await response.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  }

  commandBody(text: string, options: { user?: Person; channel?: { id: string; name: string }; responseUrl?: string; team?: string } = {}): string {
    const user = options.user ?? { id: 'U0MEI', name: 'mei' };
    const channel = options.channel ?? CHANNEL;
    return new URLSearchParams({
      token: 'verification-token-unused',
      team_id: options.team ?? this.slack.team.id,
      team_domain: this.slack.team.domain,
      channel_id: channel.id,
      channel_name: channel.name,
      user_id: user.id,
      user_name: user.name ?? user.id.toLowerCase(),
      command: '/lead',
      text,
      api_app_id: FAKE_BOT.appId,
      is_enterprise_install: 'false',
      response_url: options.responseUrl ?? this.slack.responseUrl(),
      trigger_id: triggerFor(user.id),
    }).toString();
  }

  /** `/lead <text>` as a person types it; returns the acknowledgement. */
  command(text: string, options: Parameters<SlackDriver['commandBody']>[1] = {}): Promise<DriverReply> {
    return this.post(this.commandBody(text, options), 'application/x-www-form-urlencoded');
  }

  /** An interaction's body as Slack posts it: one form field, `payload`, holding JSON. */
  interactionBody(payload: Record<string, unknown>): string {
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }

  private interaction(payload: Record<string, unknown>): Promise<DriverReply> {
    return this.post(this.interactionBody(payload), 'application/x-www-form-urlencoded');
  }

  /** A click on a button of a message the bot sent (ephemeral, as our cards are). */
  clickButton(button: { action_id: string; value?: string; block_id?: string }, options: { user?: Person; responseUrl?: string } = {}): Promise<DriverReply> {
    return this.blockAction({
      user: options.user ?? { id: 'U0MEI', name: 'mei' },
      responseUrl: options.responseUrl ?? this.slack.responseUrl(),
      message: { channel: CHANNEL, ts: '1700000000.000100', ephemeral: true },
      action: { type: 'button', action_id: button.action_id, block_id: button.block_id ?? 'block', text: { type: 'plain_text', text: 'button', emoji: true }, value: button.value },
    });
  }

  /** Any interaction with an element of a message or of a modal, as Slack sends it. */
  blockAction(options: {
    user: Person;
    action: Record<string, unknown>;
    responseUrl?: string;
    message?: { channel: { id: string; name: string }; ts: string; ephemeral: boolean };
    view?: Record<string, unknown>;
  }): Promise<DriverReply> {
    const { user, message, view } = options;
    return this.interaction({
      type: 'block_actions',
      user: { id: user.id, username: user.name ?? user.id.toLowerCase(), name: user.name ?? user.id.toLowerCase(), team_id: this.slack.team.id },
      api_app_id: FAKE_BOT.appId,
      token: 'verification-token-unused',
      container: message
        ? { type: 'message', message_ts: message.ts, channel_id: message.channel.id, is_ephemeral: message.ephemeral }
        : { type: 'view', view_id: view?.id },
      trigger_id: triggerFor(user.id),
      team: { id: this.slack.team.id, domain: this.slack.team.domain },
      enterprise: null,
      is_enterprise_install: false,
      ...(message ? { channel: message.channel } : {}),
      ...(view ? { view } : {}),
      ...(options.responseUrl ? { response_url: options.responseUrl } : {}),
      actions: [{ block_id: 'block', ...options.action, action_ts: `${Date.now() / 1000}` }],
    });
  }

  /**
   * A message shortcut (the "⋯" menu of a message) used on `message`, as Slack sends it.
   * The body is returned too, so a test can send the very same request again.
   */
  messageActionBody(options: {
    message: { ts: string; text: string; user?: string };
    user?: Person;
    channel?: { id: string; name: string };
    callbackId?: string;
    responseUrl?: string;
  }): string {
    const user = options.user ?? { id: 'U0MEI', name: 'mei' };
    const channel = options.channel ?? CHANNEL;
    return this.interactionBody({
      type: 'message_action',
      token: 'verification-token-unused',
      action_ts: `${Date.now() / 1000}`,
      team: { id: this.slack.team.id, domain: this.slack.team.domain },
      user: { id: user.id, username: user.name ?? user.id.toLowerCase(), name: user.name ?? user.id.toLowerCase(), team_id: this.slack.team.id },
      channel,
      is_enterprise_install: false,
      enterprise: null,
      callback_id: options.callbackId ?? 'lead_from_message',
      trigger_id: triggerFor(user.id),
      response_url: options.responseUrl ?? this.slack.responseUrl(),
      message_ts: options.message.ts,
      message: { type: 'message', user: options.message.user ?? user.id, ts: options.message.ts, text: options.message.text },
    });
  }

  messageAction(options: Parameters<SlackDriver['messageActionBody']>[0]): Promise<DriverReply> {
    return this.post(this.messageActionBody(options), 'application/x-www-form-urlencoded');
  }

  /**
   * Submits a modal the bot opened, with `values` as Slack puts them in
   * view.state.values: { [blockId]: { [actionId]: { type, value | selected_… } } }.
   */
  submitView(view: Record<string, unknown>, values: Record<string, Record<string, Record<string, unknown>>>, options: { user?: Person } = {}): Promise<DriverReply> {
    return this.interaction(this.viewSubmissionPayload(view, values, options));
  }

  /** A view_submission payload; each opened modal has its own id in Slack, so each call gets one unless `view.id` is given. */
  viewSubmissionPayload(view: Record<string, unknown>, values: Record<string, Record<string, Record<string, unknown>>>, options: { user?: Person } = {}): Record<string, unknown> {
    const user = options.user ?? { id: 'U0MEI', name: 'mei' };
    const id = `V${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    return {
      type: 'view_submission',
      team: { id: this.slack.team.id, domain: this.slack.team.domain },
      user: { id: user.id, username: user.name ?? user.id.toLowerCase(), name: user.name ?? user.id.toLowerCase(), team_id: this.slack.team.id },
      api_app_id: FAKE_BOT.appId,
      token: 'verification-token-unused',
      trigger_id: triggerFor(user.id),
      view: {
        id,
        team_id: this.slack.team.id,
        app_id: FAKE_BOT.appId,
        bot_id: FAKE_BOT.botId,
        hash: '1700000000.abcdef',
        root_view_id: id,
        previous_view_id: null,
        ...view,
        state: { values },
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
  }

  event(event: Record<string, unknown>): Promise<DriverReply> {
    return this.post(
      JSON.stringify({
        token: 'verification-token-unused',
        team_id: this.slack.team.id,
        api_app_id: FAKE_BOT.appId,
        event: { event_ts: `${Date.now() / 1000}`, ...event },
        type: 'event_callback',
        event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ enterprise_id: null, team_id: this.slack.team.id, user_id: FAKE_BOT.userId, is_bot: true, is_enterprise_install: false }],
      }),
      'application/json',
    );
  }
}
