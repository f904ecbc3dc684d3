import type { DigestName } from '../config.js';
import type { DigestScheduler } from '../jobs/scheduler.js';
import { messagesFor } from '../i18n/messages.js';
import type { SlackDriver } from './driver.js';
import { dmChannelOf, type FakeSlack, type HeldFile } from './fake-slack.js';
import { ALIGNMENT_CHANNEL, MANAGERS_CHANNEL, PERSONAS, SALES_CHANNEL, type Persona } from './people.js';

/**
 * What a visitor does on the page, turned into what Slack would send the bot — a
 * signed slash command, a block_actions payload, a view_submission — and what Slack
 * does with the bot's answer. No command is implemented here: the bot answers all.
 */
export class PlaygroundSession {
  readonly personas = PERSONAS;
  /** The errors of each modal's last refused submission, shown beside its fields. */
  readonly fieldErrors = new Map<string, Record<string, string>>();

  constructor(
    private readonly deps: {
      slack: FakeSlack;
      driver: SlackDriver;
      scheduler: DigestScheduler;
      timeZone: string;
      /** Replaces the demo team's data with a fresh one. */
      reseed(): Promise<void>;
      /** Forgets that the digests of this period were posted, so "Run now" posts again. */
      forgetDigestRuns(digest: DigestName): Promise<void>;
    },
  ) {}

  get timeZone(): string {
    return this.deps.timeZone;
  }

  get digests(): Array<{ name: DigestName; label: string }> {
    const t = messagesFor('en').playground;
    return [
      { name: 'weekly-funnel', label: t.digestWeekly },
      { name: 'overdue', label: t.digestOverdue },
      { name: 'goals', label: t.digestGoals },
      { name: 'morning', label: t.digestMorning },
      { name: 'bottlenecks', label: t.digestBottlenecks },
    ];
  }

  person(id: string): Persona | undefined {
    return this.personas.find((persona) => persona.id === id);
  }

  channelsFor(userId: string): Array<{ id: string; name: string; kind: 'channel' | 'dm' }> {
    return [
      { ...SALES_CHANNEL, kind: 'channel' },
      { ...MANAGERS_CHANNEL, kind: 'channel' },
      { ...ALIGNMENT_CHANNEL, kind: 'channel' },
      { id: dmChannelOf(userId), name: 'leadops', kind: 'dm' },
    ];
  }

  #channel(id: string): { id: string; name: string } {
    const known = [SALES_CHANNEL, MANAGERS_CHANNEL, ALIGNMENT_CHANNEL].find((channel) => channel.id === id);
    if (known) return known;
    if (/^D[A-Z0-9]+$/.test(id)) return { id, name: 'directmessage' };
    throw new Error(`no channel ${id}`);
  }

  /** `/lead …` typed in a channel: Slack shows the acknowledgement as an ephemeral reply, and whatever comes to the response_url. */
  async command(person: Persona, channelId: string, text: string): Promise<{ status: number }> {
    const channel = this.#channel(channelId);
    const [command, ...rest] = text.trim().split(/\s+/);
    if (command !== '/lead') {
      this.deps.slack.postAsPerson(channel.id, person.id, text);
      return { status: 200 };
    }
    const responseId = `r-${person.id}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
    const responseUrl = this.deps.slack.responseUrl(responseId, { channel: channel.id, user: person.id });
    const reply = await this.deps.driver.command(rest.join(' '), { user: { id: person.id, name: person.name }, channel, responseUrl });
    if (reply.json) this.deps.slack.deliverResponse(responseId, reply.json);
    return { status: reply.status };
  }

  /** A click or a pick on a message's element, or on a modal's (then `viewId` names it). */
  async action(person: Persona, body: Record<string, unknown>): Promise<{ status: number }> {
    const action = body.action as Record<string, unknown> | undefined;
    if (!action || typeof action.action_id !== 'string') throw new Error('action missing');
    if (typeof body.viewId === 'string') {
      const held = this.deps.slack.views.get(body.viewId);
      if (!held) throw new Error(`no view ${body.viewId}`);
      const view = { ...held.view, id: held.id, hash: held.hash, state: { values: body.values ?? {} } };
      return { status: (await this.deps.driver.blockAction({ user: person, action, view })).status };
    }
    if (body.home === true) {
      const held = this.deps.slack.homes.get(person.id);
      if (!held) throw new Error(`no Home published for ${person.id}`);
      return { status: (await this.deps.driver.blockAction({ user: person, action, view: { ...held.view, id: held.id, hash: held.hash } })).status };
    }
    const channel = this.#channel(String(body.channel));
    const ts = String(body.messageTs);
    const message = this.deps.slack.messages.get(channel.id)?.find((candidate) => candidate.ts === ts);
    if (!message) throw new Error(`no message ${ts}`);
    const responseId = `a-${person.id}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
    const responseUrl = this.deps.slack.responseUrl(responseId, { channel: channel.id, user: person.id, messageTs: ts });
    const reply = await this.deps.driver.blockAction({ user: person, action, responseUrl, message: { channel, ts, ephemeral: Boolean(message.ephemeralTo) } });
    return { status: reply.status };
  }

  /**
   * A message shortcut picked from a message's "⋯" menu: Slack sends the message whole,
   * and a response_url for anything the bot says instead of opening a modal.
   */
  async messageShortcut(person: Persona, channelId: string, messageTs: string, callbackId: string): Promise<{ status: number }> {
    const channel = this.#channel(channelId);
    const message = this.deps.slack.messages.get(channel.id)?.find((candidate) => candidate.ts === messageTs);
    if (!message) throw new Error(`no message ${messageTs}`);
    const responseId = `s-${person.id}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
    const responseUrl = this.deps.slack.responseUrl(responseId, { channel: channel.id, user: person.id });
    const reply = await this.deps.driver.messageAction({
      user: { id: person.id, name: person.name },
      channel,
      callbackId,
      responseUrl,
      message: { ts: message.ts, text: message.text, user: message.user },
    });
    return { status: reply.status };
  }

  /** A file picked in a modal's file input, uploaded to Slack as the person's. */
  addFile(person: Persona, name: string, bytes: Buffer): HeldFile {
    return this.deps.slack.addFile({ name, bytes, user: person.id });
  }

  /** The modal's Submit: Slack sends the state of its inputs, and does what the answer says. */
  async submit(person: Persona, viewId: string, values: unknown): Promise<{ status: number; errors?: Record<string, string> }> {
    const held = this.deps.slack.views.get(viewId);
    if (!held || held.user !== person.id) throw new Error(`no view ${viewId} for ${person.id}`);
    const state = (values ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    // Slack describes each file of a file input whole; the page knows only the ids it was given, and only the person's own count.
    for (const block of Object.values(state)) {
      for (const input of Object.values(block)) {
        if (input.type !== 'file_input' || !Array.isArray(input.files)) continue;
        input.files = (input.files as Array<{ id?: unknown }>).flatMap((file) => {
          const found = this.deps.slack.files.get(String(file.id));
          return found && found.user === person.id ? [this.deps.slack.fileObject(found)] : [];
        });
      }
    }
    const reply = await this.deps.driver.submitView({ ...held.view, id: held.id, hash: held.hash }, state, { user: person });
    const answer = reply.json;
    if (answer?.response_action === 'errors') {
      this.fieldErrors.set(viewId, answer.errors as Record<string, string>);
    } else {
      this.fieldErrors.delete(viewId);
    }
    this.deps.slack.applyViewAnswer(person.id, viewId, answer);
    return { status: reply.status, errors: answer?.response_action === 'errors' ? (answer.errors as Record<string, string>) : undefined };
  }

  close(person: Persona, viewId: string): void {
    this.fieldErrors.delete(viewId);
    this.deps.slack.closeModal(person.id, viewId);
  }

  /** Opening the app's Home tab: Slack sends app_home_opened, and the bot publishes the view. */
  async openHome(person: Persona): Promise<{ status: number }> {
    const reply = await this.deps.driver.event({ type: 'app_home_opened', user: person.id, channel: dmChannelOf(person.id), tab: 'home' });
    return { status: reply.status };
  }

  /** "Run now": the scheduled digest, posted as the scheduler posts it. */
  async runDigest(name: string): Promise<{ posted: boolean }> {
    const digest = this.digests.find((candidate) => candidate.name === name);
    if (!digest) throw new Error(`no digest ${name}`);
    await this.deps.forgetDigestRuns(digest.name);
    const entry = (await this.deps.scheduler.schedules()).find((schedule) => schedule.job.name === digest.name);
    if (!entry) return { posted: false };
    await this.deps.scheduler.run(entry, new Date());
    return { posted: true };
  }

  async reset(): Promise<{ ok: true }> {
    await this.deps.reseed();
    this.fieldErrors.clear();
    this.deps.slack.clear();
    return { ok: true };
  }
}
