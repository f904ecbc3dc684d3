import { performance } from 'node:perf_hooks';
import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import { MESSAGES } from '../i18n/messages.js';
import { MalformedRequest, readEnvelope, type Envelope, type RequestOrigin } from './envelope.js';
import type { AppServices } from './services.js';

/** The Slack team (and Enterprise Grid org) the bot token belongs to, as auth.test says. */
export interface ServedTeam {
  teamId: string;
  enterpriseId?: string;
  /** An org-wide install serves every workspace of its enterprise. */
  orgWide: boolean;
}

/**
 * With one bot token the bot acts for one team: a request from any other (a Slack
 * Connect channel shared with another company, a forged team id) is refused before it
 * creates anything.
 */
export function servesOrigin(served: ServedTeam, origin: RequestOrigin): boolean {
  if (origin.enterpriseId && origin.enterpriseId !== served.enterpriseId) return false;
  if (served.orgWide) return served.enterpriseId !== undefined && origin.enterpriseId === served.enterpriseId;
  return origin.teamId === served.teamId;
}

export type RequestOutcome = 'ok' | 'declined' | 'failed' | 'duplicate' | 'refused_team' | 'malformed';

/** What the listener that handled a request tells the guard about it, through Bolt's context. */
export interface RequestNotes {
  outcome?: RequestOutcome;
  /** What the request was answered with: a re-send gets the same. */
  answer?: unknown;
}

const NOTES_KEY = 'leadopsRequest';

export function requestNotes(context: Context): RequestNotes {
  const existing = context[NOTES_KEY] as RequestNotes | undefined;
  if (existing) return existing;
  const notes: RequestNotes = {};
  context[NOTES_KEY] = notes;
  return notes;
}

type GuardArgs = AnyMiddlewareArgs & { context: Context; next: () => Promise<void> };

function ackOf(args: GuardArgs): ((response?: unknown) => Promise<void>) | undefined {
  return 'ack' in args && typeof args.ack === 'function' ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
}

/** Nobody knows the stranger's language: both. */
const FOREIGN_TEAM_TEXT = `${MESSAGES.en.foreignTeam}\n${MESSAGES.zh.foreignTeam}`;

async function refuseForeignTeam(args: GuardArgs, envelope: Envelope): Promise<void> {
  const ack = ackOf(args);
  if (envelope.kind === 'command') return void (await ack?.({ response_type: 'ephemeral', text: FOREIGN_TEAM_TEXT }));
  await ack?.();
  if (envelope.kind === 'interaction' && 'respond' in args && typeof args.respond === 'function') {
    await args.respond({ response_type: 'ephemeral', replace_original: false, text: FOREIGN_TEAM_TEXT }).catch(() => {});
  }
}

/**
 * The first of Bolt's middleware, for HTTP and Socket Mode alike: refuses requests of
 * other teams, applies each command, click and submission at most once (a re-send is
 * answered with the first answer), and logs one line per request.
 */
export function guardRequests(services: AppServices, served: ServedTeam): Middleware<AnyMiddlewareArgs> {
  return async (middlewareArgs) => {
    const args = middlewareArgs as GuardArgs;
    const started = performance.now();
    const notes = requestNotes(args.context);
    let envelope: Envelope;
    try {
      envelope = readEnvelope(args.body);
    } catch (error) {
      if (!(error instanceof MalformedRequest)) throw error;
      // The HTTP receiver refuses these with a 400; over Socket Mode they arrive here.
      services.logger.warn({ reason: error.reason, outcome: 'malformed' }, 'request');
      await ackOf(args)?.().catch(() => {});
      return;
    }
    if (!('origin' in envelope)) return args.next();
    const line = { listener: envelope.listener, team: envelope.origin.teamId, user: envelope.userId };
    try {
      if (!servesOrigin(served, envelope.origin)) {
        notes.outcome = 'refused_team';
        await refuseForeignTeam(args, envelope);
        return;
      }
      const key = envelope.kind === 'event' ? undefined : envelope.receiptKey;
      if (!key) return await args.next();
      const claim = await services.receipts.claim(key, services.now());
      if (!claim.first) {
        notes.outcome = 'duplicate';
        await ackOf(args)?.(claim.done ? claim.response : undefined);
        return;
      }
      try {
        await args.next();
      } catch (error) {
        notes.outcome = 'failed';
        throw error;
      } finally {
        if (notes.outcome === 'failed') await services.receipts.release(key);
        // Without an answer to keep (a click, an opened modal) a re-send is answered with
        // nothing either way: the claim alone says it was taken, and saves a write.
        else if (notes.answer !== undefined) await services.receipts.finish(key, notes.answer);
      }
    } finally {
      services.logger.info({ ...line, outcome: notes.outcome ?? 'ok', ms: Math.round(performance.now() - started) }, 'request');
    }
  };
}
