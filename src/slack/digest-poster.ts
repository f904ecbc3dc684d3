import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { DigestPost, DigestPoster, PostOutcome } from '../jobs/digest-poster.js';
import { ChannelPacer } from './pacer.js';
import { profileFromSlack } from './profiles.js';
import { postDigest, type RunMetadata } from './publish.js';

/** Slack errors no retry can fix: the scheduler gives up on them at once. */
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'account_inactive', 'missing_scope', 'token_revoked', 'user_not_found']);

function slackErrorOf(error: unknown): { code?: string; retryAfterMs?: number } {
  const data = (error as { data?: { error?: string } }).data;
  const retryAfter = (error as { retryAfter?: number }).retryAfter;
  return { code: data?.error ?? (error as { code?: string }).code, retryAfterMs: retryAfter ? retryAfter * 1000 : undefined };
}

/** The scheduler's way to Slack, over the Web API client of each workspace. */
export function slackDigestPoster(options: { clientFor(workspaceId: string): Promise<WebClient>; logger: Logger; pacer?: ChannelPacer }): DigestPoster {
  const pacer = options.pacer ?? new ChannelPacer();
  return {
    async profileOf(workspaceId, userId) {
      return profileFromSlack(await options.clientFor(workspaceId), userId);
    },
    async post(workspaceId, delivery): Promise<PostOutcome> {
      try {
        const client = await options.clientFor(workspaceId);
        const channel = await channelOf(client, delivery.to);
        const metadata: RunMetadata = { event_type: 'leadops_digest', event_payload: { run: delivery.run } };
        if (delivery.postedSince) {
          const existing = await findPosted(client, channel, delivery.run, delivery.postedSince);
          if (existing) return { ok: true, channelId: channel, messageTs: existing, foundPosted: true, plain: false };
        }
        await pacer.wait(channel);
        const posted = await postDigest(client, channel, delivery.draft, options.logger.child({ run: delivery.run }), { metadata, late: delivery.late, threadTs: delivery.threadTs });
        return { ok: true, channelId: channel, messageTs: posted.ts, foundPosted: false, plain: posted.fallback };
      } catch (error) {
        const { code, retryAfterMs } = slackErrorOf(error);
        return { ok: false, reason: code ?? (error instanceof Error ? error.message : String(error)), permanent: PERMANENT.has(code ?? ''), retryAfterMs };
      }
    },
  };
}

/** The bot joins a public channel before posting there; a DM is opened first. */
async function channelOf(client: WebClient, to: DigestPost['to']): Promise<string> {
  if ('user' in to) {
    const opened = await client.conversations.open({ users: to.user });
    return opened.channel!.id!;
  }
  try {
    await client.conversations.join({ channel: to.channel });
  } catch (error) {
    // Private channels cannot be joined; posting tells whether the bot was invited.
    if (slackErrorOf(error).code !== 'method_not_supported_for_channel_type') throw error;
  }
  return to.channel;
}

/** A run taken over after a crash looks for its own message first (by metadata) before posting again. */
async function findPosted(client: WebClient, channel: string, run: string, since: Date): Promise<string | undefined> {
  try {
    const history = await client.conversations.history({
      channel,
      oldest: String(Math.floor(since.getTime() / 1000) - 60),
      include_all_metadata: true,
      limit: 100,
    });
    return history.messages?.find((message) => (message.metadata as { event_payload?: { run?: string } } | undefined)?.event_payload?.run === run)?.ts;
  } catch {
    return undefined;
  }
}
