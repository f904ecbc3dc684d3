import type { DigestDraft } from '../digests/drafts.js';
import type { MemberProfile } from '../store/members.js';

/**
 * Slack as the scheduler knows it: posting one delivery of a run, and asking who a person
 * is. src/slack/digest-poster.ts is the one that talks to the Web API; the scheduler
 * keeps the ledger, the retries and the timing.
 */
export interface DigestPoster {
  post(workspaceId: string, delivery: DigestPost): Promise<PostOutcome>;
  /** What Slack says of a person, for the names on a digest's charts. */
  profileOf(workspaceId: string, userId: string): Promise<MemberProfile | undefined>;
}

export interface DigestPost {
  /** The managers' channel, or a rep by DM. */
  to: { channel: string } | { user: string };
  draft: DigestDraft;
  /** A reply in this message's thread (a bottleneck flag's later weeks). */
  threadTs?: string;
  /** The run's id ("T123/weekly-funnel/2026-11-16..2026-11-22"), stamped on its message. */
  run: string;
  /** The run may have posted already (a retry, a take-over): look for its message since then first. */
  postedSince?: Date;
  /** The run is late: its message says when it was due. */
  late?: { dueAt: Date };
}

export type PostOutcome = PostedOutcome | PostFailure;

export interface PostedOutcome {
  ok: true;
  channelId: string;
  messageTs: string;
  /** The run's message was there already: nothing new was posted. */
  foundPosted: boolean;
  /** Slack refused the newer blocks; the plain version went out. */
  plain: boolean;
}

export interface PostFailure {
  ok: false;
  /** Slack's error code, or what else went wrong: it goes to the ledger. */
  reason: string;
  /** No retry can fix it (a channel that is gone, a revoked token). */
  permanent: boolean;
  /** How long Slack asked us to wait, when it did. */
  retryAfterMs?: number;
}
