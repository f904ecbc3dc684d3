import type {
  AllMiddlewareArgs,
  BlockAction,
  ButtonAction,
  OverflowAction,
  MessageShortcut,
  RespondFn,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackShortcutMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { Context } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Caller } from '../app/caller.js';
import { InvalidFields, type FieldName } from '../domain/fields.js';
import { roleOf } from '../domain/roles.js';
import { profileFromSlack } from './profiles.js';
import { localeOf } from '../domain/locale.js';
import { messagesFor, type Locale, type Messages } from '../i18n/messages.js';
import { memberProfiles, type MemberProfile } from '../store/members.js';
import type { WorkspaceSettings } from '../store/workspaces.js';
import type { SlackMessage } from './blocks/message.js';
import { errorMessage, modalErrors } from './errors.js';
import { requestNotes } from './request-guard.js';
import type { AppServices } from './services.js';

/**
 * Who acted, where, and in which team: the use cases' caller, and what a Slack handler
 * needs besides to answer (their language, the channel, the Web API).
 */
export interface Actor extends Caller {
  channelId?: string;
  locale: Locale;
  t: Messages;
  client: WebClient;
}

/**
 * What a command or button leads to; the wrappers speak Slack's protocol for it. A
 * `later` outcome is for work that takes seconds (charts): the person sees `placeholder`
 * at once, and it is replaced by the result.
 */
export type Outcome =
  | { kind: 'reply'; message: SlackMessage }
  | { kind: 'modal'; view: ModalView }
  | { kind: 'later'; placeholder: SlackMessage; result: () => Promise<SlackMessage> }
  /** Nothing to say: the action's result is already where the person looks (a republished Home). */
  | { kind: 'none' };

export const reply = (message: SlackMessage): Outcome => ({ kind: 'reply', message });
export const modal = (view: ModalView): Outcome => ({ kind: 'modal', view });
export const later = (placeholder: SlackMessage, result: () => Promise<SlackMessage>): Outcome => ({ kind: 'later', placeholder, result });

/**
 * Slack gives 3 s to acknowledge. A reply that is ready well within that goes back in
 * the acknowledgement itself (one round trip, nothing to lose); one that is not is
 * sent through response_url after an empty acknowledgement.
 */
const INLINE_REPLY_BUDGET_MS = 2000;

/**
 * The first time someone uses the bot, Slack is asked their language (users.info); this
 * long at most, so that the reply still comes in time. It is kept for a day after.
 */
const PROFILE_LOOKUP_BUDGET_MS = 700;

/**
 * What we know of the person: their role (recorded here) and their own Slack language,
 * where it is one of ours. One read of the member row; Slack is asked only about a
 * person not asked about for a day, within a budget. When Slack is slow the stored row stands.
 */
async function personOf(services: AppServices, workspace: WorkspaceSettings, userId: string, client: WebClient): Promise<MemberProfile | undefined> {
  const lookup = memberProfiles(services.db, workspace.id, [userId], services.now(), (id) => profileFromSlack(client, id)).catch((error: unknown) => {
    services.logger.warn({ err: error, user: userId }, 'could not learn about a person');
    return undefined;
  });
  const found = await within(lookup, PROFILE_LOOKUP_BUDGET_MS);
  if (found.done && found.value) return found.value.get(userId);
  return (await memberProfiles(services.db, workspace.id, [userId], services.now())).get(userId);
}

export async function actorFor(services: AppServices, teamId: string | undefined, userId: string, channelId: string | undefined, client: WebClient): Promise<Actor> {
  if (!teamId) throw new Error('request without a team id');
  const workspace = await services.workspaces.get(teamId);
  const person = await personOf(services, workspace, userId, client);
  const locale = localeOf(person?.locale) ?? workspace.locale;
  const role = roleOf(userId, person, services.teamAdmins);
  return { userId, channelId, workspace, role, now: services.now(), via: services.via, locale, t: messagesFor(locale), client };
}

/** A failure in words for the person; an unexpected one is logged, and marks the request failed so a re-send may try again. */
function describeFailure(services: AppServices, context: Context, error: unknown, locale: Locale, where: string): SlackMessage {
  const { message, expected } = errorMessage(error, locale);
  requestNotes(context).outcome = expected ? 'declined' : 'failed';
  if (!expected) services.logger.error({ err: error, where }, 'listener failed');
  return message;
}

type Timed<T> = { done: true; value: T } | { done: false };

export function within<T>(promise: Promise<T>, ms: number): Promise<Timed<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Timed<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  return Promise.race([promise.then((value) => ({ done: true as const, value })), timeout]).finally(() => clearTimeout(timer));
}

export function slashCommand(services: AppServices, handle: (actor: Actor, text: string) => Promise<Outcome>) {
  return async ({ command, ack, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    let locale: Locale = 'en';
    const notes = requestNotes(context);
    const outcome = (async (): Promise<Outcome> => {
      const actor = await actorFor(services, command.team_id, command.user_id, command.channel_id, client);
      locale = actor.locale;
      return handle(actor, command.text ?? '');
    })().catch((error: unknown): Outcome => reply(describeFailure(services, context, error, locale, `/lead ${command.text}`)));

    const early = await within(outcome, INLINE_REPLY_BUDGET_MS);
    if (early.done && early.value.kind === 'reply') {
      notes.answer = { response_type: 'ephemeral', ...early.value.message };
      await ack(notes.answer as SlackMessage);
      return;
    }
    if (early.done && early.value.kind === 'later') {
      const { placeholder, result } = early.value;
      await ack({ response_type: 'ephemeral', ...placeholder });
      const message = await result().catch((error: unknown) => describeFailure(services, context, error, locale, `/lead ${command.text}`));
      notes.answer = { response_type: 'ephemeral', ...message };
      await respond({ response_type: 'ephemeral', replace_original: true, ...message }).catch((error: unknown) =>
        services.logger.error({ err: error }, 'could not deliver a reply'),
      );
      return;
    }
    await ack();
    const result = early.done ? early.value : await outcome;
    if (result.kind === 'reply') notes.answer = { response_type: 'ephemeral', ...result.message };
    await deliver(services, context, result, { respond, client, triggerId: command.trigger_id, locale });
  };
}

async function deliver(
  services: AppServices,
  context: Context,
  outcome: Outcome,
  to: { respond: RespondFn; client: WebClient; triggerId: string; locale: Locale; replaceOriginal?: boolean },
): Promise<void> {
  try {
    if (outcome.kind === 'none') return;
    if (outcome.kind === 'modal') {
      await to.client.views.open({ trigger_id: to.triggerId, view: outcome.view });
    } else if (outcome.kind === 'later') {
      await to.respond({ response_type: 'ephemeral', replace_original: to.replaceOriginal ?? false, ...outcome.placeholder });
      await to.respond({ response_type: 'ephemeral', replace_original: true, ...(await outcome.result()) });
    } else {
      await to.respond({ response_type: 'ephemeral', replace_original: to.replaceOriginal ?? false, ...outcome.message });
    }
  } catch (error) {
    services.logger.error({ err: error }, 'could not deliver a reply');
    if (outcome.kind === 'modal') {
      const message = errorMessage(error, to.locale).message;
      requestNotes(context).answer = { response_type: 'ephemeral', ...message };
      await to.respond({ response_type: 'ephemeral', ...message }).catch(() => {});
    }
  }
}

/**
 * A button (or an overflow menu's choice) on one of our messages or on the App Home.
 * Acknowledged at once. On a message, the card is replaced with the result; the Home
 * has no message to replace, so the result comes as a DM and the Home is refreshed.
 */
export function buttonAction(services: AppServices, handle: (actor: Actor, value: string) => Promise<Outcome>) {
  return async ({ ack, body, action, respond, client, context }: SlackActionMiddlewareArgs<BlockAction<ButtonAction | OverflowAction>> & AllMiddlewareArgs) => {
    await ack();
    let locale: Locale = 'en';
    let outcome: Outcome;
    const fromHome = body.view?.type === 'home';
    try {
      const actor = await actorFor(services, body.team?.id ?? body.user.team_id, body.user.id, body.channel?.id, client);
      locale = actor.locale;
      outcome = await handle(actor, action.type === 'overflow' ? action.selected_option.value : (action.value ?? ''));
    } catch (error) {
      const message = describeFailure(services, context, error, locale, action.action_id);
      // A refusal is news about this card, not a replacement for it.
      if (fromHome) await tellUser(services, client, { userId: body.user.id }, message);
      else await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    }
    if (!fromHome) {
      // An ephemeral answer (a card, /lead due) is the clicker's alone and gives way to the
      // result; a posted message (the morning DM, a digest) stays, and the result comes under it.
      const ephemeral = (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral !== false;
      await deliver(services, context, outcome, { respond, client, triggerId: body.trigger_id, locale, replaceOriginal: ephemeral });
      return;
    }
    if (outcome.kind === 'none') return;
    if (outcome.kind === 'modal') await deliver(services, context, outcome, { respond, client, triggerId: body.trigger_id, locale });
    else if (outcome.kind === 'reply') await tellUser(services, client, { userId: body.user.id }, outcome.message);
    else await tellUser(services, client, { userId: body.user.id }, await outcome.result().catch((error: unknown) => describeFailure(services, context, error, locale, action.action_id)));
  };
}

/** The message a shortcut was used on, as the handler needs it. */
export interface ShortcutMessage {
  channelId: string;
  ts: string;
  /** Slack's markup, as the message was posted. */
  text: string;
}

/**
 * A message shortcut (the message's "⋯" menu). Acknowledged at once; `begin` may start
 * a Web API call before the person is looked up, so both fit in the trigger's 3 seconds,
 * and `handle` turns the message into what to show them, usually a modal.
 */
export function messageShortcut<Started>(
  services: AppServices,
  steps: { begin: (client: WebClient, message: ShortcutMessage) => Started; handle: (actor: Actor, message: ShortcutMessage, started: Started) => Promise<Outcome> },
) {
  return async ({ ack, shortcut, respond, client, context }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    const message: ShortcutMessage = { channelId: shortcut.channel.id, ts: shortcut.message.ts, text: shortcut.message.text ?? '' };
    let locale: Locale = 'en';
    let outcome: Outcome;
    try {
      const started = steps.begin(client, message);
      const actor = await actorFor(services, shortcut.team?.id ?? shortcut.user.team_id, shortcut.user.id, message.channelId, client);
      locale = actor.locale;
      outcome = await steps.handle(actor, message, started);
    } catch (error) {
      outcome = reply(describeFailure(services, context, error, locale, shortcut.callback_id));
    }
    await deliver(services, context, outcome, { respond, client, triggerId: shortcut.trigger_id, locale });
  };
}

/** What a modal's submission leads to: field errors shown in the modal, or a message to the person. */
export type SubmissionOutcome =
  | { kind: 'errors'; errors: Record<string, string> }
  /** The modal again, in place: what was typed is kept and something new is said on top. */
  | { kind: 'update'; view: ModalView }
  | { kind: 'done'; message: SlackMessage }
  /** Work that takes longer than Slack waits for the answer (a file to fetch and import): the modal closes at once, the result follows. */
  | { kind: 'later'; placeholder?: SlackMessage; result: () => Promise<SlackMessage> };

/**
 * A modal's submission. Fields the core refuses (InvalidFields) are shown beside their
 * inputs when `fieldBlocks` says where each one sits; other failures become a message.
 */
export function viewSubmission(
  services: AppServices,
  handle: (actor: Actor, view: ViewSubmitAction['view']) => Promise<SubmissionOutcome>,
  fieldBlocks: Partial<Record<FieldName, string>> = {},
) {
  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    let locale: Locale = 'en';
    let channelId: string | undefined;
    let outcome: SubmissionOutcome;
    const notes = requestNotes(context);
    try {
      channelId = (JSON.parse(view.private_metadata || '{}') as { channelId?: unknown }).channelId as string | undefined;
      if (typeof channelId !== 'string') channelId = undefined;
      const actor = await actorFor(services, body.team?.id ?? body.user.team_id, body.user.id, channelId, client);
      locale = actor.locale;
      try {
        outcome = await handle(actor, view);
      } catch (error) {
        const errors = error instanceof InvalidFields ? modalErrors(error.problems, fieldBlocks, actor.t) : {};
        if (Object.keys(errors).length === 0) throw error;
        outcome = { kind: 'errors', errors };
      }
    } catch (error) {
      outcome = { kind: 'done', message: describeFailure(services, context, error, locale, view.callback_id) };
    }
    if (outcome.kind === 'errors') {
      notes.outcome = 'declined';
      notes.answer = { response_action: 'errors', errors: outcome.errors };
      await ack(notes.answer as { response_action: 'errors'; errors: Record<string, string> });
      return;
    }
    if (outcome.kind === 'update') {
      notes.outcome = 'declined';
      notes.answer = { response_action: 'update', view: outcome.view };
      await ack(notes.answer as { response_action: 'update'; view: ModalView });
      return;
    }
    await ack();
    // Said at once, so the person knows the work is under way while it takes its minutes.
    if (outcome.kind === 'later' && outcome.placeholder) await tellUser(services, client, { userId: body.user.id, channelId }, outcome.placeholder);
    const message =
      outcome.kind === 'later' ? await outcome.result().catch((error: unknown) => describeFailure(services, context, error, locale, view.callback_id)) : outcome.message;
    await tellUser(services, client, { userId: body.user.id, channelId }, message);
  };
}

/**
 * An answer to someone who submitted a modal: ephemeral in the channel they started
 * from, or, where the bot cannot post there, in their DM with the app.
 */
export async function tellUser(services: AppServices, client: WebClient, to: { userId: string; channelId?: string }, message: SlackMessage) {
  if (to.channelId) {
    try {
      await client.chat.postEphemeral({ channel: to.channelId, user: to.userId, ...message });
      return;
    } catch (error) {
      services.logger.info({ err: error, channel: to.channelId }, 'ephemeral reply failed; sending a DM instead');
    }
  }
  try {
    await client.chat.postMessage({ channel: to.userId, ...message });
  } catch (error) {
    // The change is saved; only the news of it is lost. The log keeps what they were not told.
    services.logger.error({ err: error, user: to.userId, untold: message.text }, 'could not tell the user');
  }
}
