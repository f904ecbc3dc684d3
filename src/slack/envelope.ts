import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * What a request from Slack must look like before any listener sees it. A signed body
 * can still be malformed (a replayed secret, a buggy proxy, a fuzzer): Bolt reads such
 * a body as if it were well formed and throws deep inside, so the shapes the listeners
 * rely on are checked here once, for HTTP and Socket Mode alike, and anything else is
 * refused without touching the app.
 */

const teamId = z.string().regex(/^[TE][A-Z0-9]{2,}$/);
const userId = z.string().regex(/^[UW][A-Z0-9]{2,}$/);
const enterpriseId = z.string().regex(/^E[A-Z0-9]{2,}$/);
const nonEmpty = z.string().min(1).max(255);

const commandBody = z.object({
  command: z.string().regex(/^\/\S+$/),
  team_id: teamId,
  enterprise_id: z.union([enterpriseId, z.literal('')]).nullish(),
  user_id: userId,
  channel_id: nonEmpty.optional(),
  text: z.string().max(12_000).optional(),
  trigger_id: nonEmpty,
  response_url: z.url().optional(),
});

const interactionUser = z.object({ id: userId, team_id: teamId.optional() });
const interactionTeam = z.object({ id: teamId, enterprise_id: enterpriseId.nullish() }).nullish();
const interactionEnterprise = z.object({ id: enterpriseId }).nullish();

const blockActionsBody = z.object({
  type: z.literal('block_actions'),
  user: interactionUser,
  team: interactionTeam,
  enterprise: interactionEnterprise,
  trigger_id: nonEmpty,
  actions: z.array(z.object({ action_id: nonEmpty, type: nonEmpty })).min(1).max(25),
  view: z.object({ id: nonEmpty, private_metadata: z.string().max(3000).optional(), state: z.object({ values: z.record(z.string(), z.unknown()) }).optional() }).optional(),
});

/** A message shortcut: the message it was used on comes whole, its text up to Slack's 40,000 characters. */
const messageActionBody = z.object({
  type: z.literal('message_action'),
  callback_id: nonEmpty,
  user: interactionUser,
  team: interactionTeam,
  enterprise: interactionEnterprise,
  trigger_id: nonEmpty,
  channel: z.object({ id: nonEmpty }),
  message: z.object({ ts: nonEmpty, text: z.string().max(40_000).optional() }),
  response_url: z.url().optional(),
});

const viewBody = z.object({
  type: z.enum(['view_submission', 'view_closed']),
  user: interactionUser,
  team: interactionTeam,
  enterprise: interactionEnterprise,
  view: z.object({
    id: nonEmpty,
    callback_id: z.string().max(255),
    hash: z.string().max(255).optional(),
    private_metadata: z.string().max(3000).optional(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ type: z.string() }).loose())) }),
  }),
});

const eventBody = z.object({
  type: z.literal('event_callback'),
  team_id: teamId,
  enterprise_id: enterpriseId.nullish(),
  event_id: nonEmpty,
  event: z.object({ type: nonEmpty, user: z.string().optional() }).loose(),
});

const urlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string().max(200) });

/** Who sent a request: the team (and Enterprise Grid org) Slack says it comes from. */
export interface RequestOrigin {
  teamId: string;
  enterpriseId?: string;
}

export type Envelope =
  | { kind: 'ssl_check' }
  | { kind: 'url_verification'; challenge: string }
  /** Events Slack may send that nothing here listens to (app_rate_limited, global shortcuts …): acknowledged, not dispatched. */
  | { kind: 'ignored'; type: string }
  | { kind: 'command'; origin: RequestOrigin; userId: string; listener: string; receiptKey: string }
  | { kind: 'interaction'; origin: RequestOrigin; userId: string; listener: string; receiptKey?: string }
  | { kind: 'event'; origin: RequestOrigin; userId?: string; listener: string };

export class MalformedRequest extends Error {
  constructor(readonly reason: string) {
    super(`malformed Slack request: ${reason}`);
  }
}

function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid';
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new MalformedRequest(firstProblem(result.error));
  return result.data;
}

const orEmpty = (id: string | null | undefined) => (id ? id : undefined);

function interactionOrigin(body: { user: { team_id?: string }; team?: { id: string; enterprise_id?: string | null } | null; enterprise?: { id: string } | null }): RequestOrigin {
  const team = body.team?.id ?? body.user.team_id;
  if (!team) throw new MalformedRequest('team: neither team.id nor user.team_id');
  return { teamId: team, enterpriseId: orEmpty(body.enterprise?.id ?? body.team?.enterprise_id) };
}

/** A fingerprint of what the person entered, so a re-sent submission is known as the same one. */
function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

/**
 * Reads a parsed body (the form fields of a command, an interaction's `payload`, an
 * event's JSON) into what the app needs to route, gate and de-duplicate it.
 */
export function readEnvelope(body: unknown): Envelope {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new MalformedRequest('body: not an object');
  const record = body as Record<string, unknown>;
  if (record.ssl_check === '1') return { kind: 'ssl_check' };
  if ('command' in record) {
    const command = parse(commandBody, body);
    const origin = { teamId: command.team_id, enterpriseId: orEmpty(command.enterprise_id) };
    const word = command.text?.trim().split(/\s+/)[0] ?? '';
    return {
      kind: 'command',
      origin,
      userId: command.user_id,
      listener: `${command.command} ${word}`.trim(),
      // Slack issues a new trigger id for every invocation: the same one again is a re-send.
      receiptKey: `command:${origin.teamId}:${command.trigger_id}`,
    };
  }
  switch (record.type) {
    case 'url_verification':
      return { kind: 'url_verification', challenge: parse(urlVerification, body).challenge };
    case 'block_actions': {
      const action = parse(blockActionsBody, body);
      const origin = interactionOrigin(action);
      return {
        kind: 'interaction',
        origin,
        userId: action.user.id,
        listener: `block_actions ${action.actions.map((each) => each.action_id).join(',')}`,
        receiptKey: `action:${origin.teamId}:${action.trigger_id}`,
      };
    }
    case 'message_action': {
      const shortcut = parse(messageActionBody, body);
      const origin = interactionOrigin(shortcut);
      return {
        kind: 'interaction',
        origin,
        userId: shortcut.user.id,
        listener: `message_action ${shortcut.callback_id}`,
        // A re-sent shortcut carries the same trigger id: it must not open a second form.
        receiptKey: `shortcut:${origin.teamId}:${shortcut.trigger_id}`,
      };
    }
    case 'view_submission':
    case 'view_closed': {
      const view = parse(viewBody, body);
      const origin = interactionOrigin(view);
      return {
        kind: 'interaction',
        origin,
        userId: view.user.id,
        listener: `${view.type} ${view.view.callback_id}`,
        // The same modal may be submitted again with corrected values after field errors, or
        // with the same values once the app has updated it (a duplicate warning's "Create
        // anyway"): Slack gives an updated view a new hash, so only the same values on the
        // same version of the view are a re-send.
        receiptKey: view.type === 'view_submission' ? `view:${origin.teamId}:${view.view.id}:${view.view.hash ?? ''}:${fingerprint(view.view.state.values)}` : undefined,
      };
    }
    case 'event_callback': {
      const event = parse(eventBody, body);
      return { kind: 'event', origin: { teamId: event.team_id, enterpriseId: orEmpty(event.enterprise_id) }, userId: event.event.user, listener: `event ${event.event.type}` };
    }
    case 'app_rate_limited':
    case 'shortcut':
    case 'block_suggestion':
      return { kind: 'ignored', type: record.type };
    default:
      throw new MalformedRequest(`type: ${typeof record.type === 'string' ? `unknown type ${record.type.slice(0, 40)}` : 'missing'}`);
  }
}
