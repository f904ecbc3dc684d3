import type { KnownBlock } from '@slack/types';
import { dismissFindingAs } from '../app/findings.js';
import { dismissedFindingBlocks, dismissFindingModal } from './blocks/finding.js';
import { textMessage } from './blocks/message.js';
import { messagesFor } from '../i18n/messages.js';
import { escapeInline, mentionUser } from './text.js';
import { modal, type Actor, type Outcome, type SubmissionOutcome } from './listen.js';
import type { AppServices } from './services.js';

/** The finding's "Not a problem" button: the modal asking why (nothing read first, so the trigger does not expire). */
export function dismissFindingForm(actor: Actor, findingId: number): Outcome {
  return modal(dismissFindingModal(actor.locale, { findingId, channelId: actor.channelId }));
}

/**
 * The reason submitted: kept on the finding, and the finding's message updated in place
 * (its button gone, who dismissed it and why at the bottom) for everyone in the channel.
 */
export async function dismissFindingWithReason(services: AppServices, actor: Actor, findingId: number, reason: string | undefined): Promise<SubmissionOutcome> {
  const finding = await dismissFindingAs(actor, services.db, findingId, reason);
  if (!finding) return { kind: 'done', message: textMessage(actor.t.flags.gone) };
  const dismissal = { locale: actor.workspace.locale, userId: actor.userId, reason: finding.dismissedReason ?? '' };
  // The channel reads the note in the team's language; the one who dismissed it hears back in theirs.
  const noteText = messagesFor(dismissal.locale).flags.dismissed(mentionUser(actor.userId), escapeInline(dismissal.reason));
  if (finding.channelId && finding.threadTs) {
    try {
      const blocks = await postedBlocks(actor, finding.channelId, finding.threadTs);
      if (blocks) {
        const note = dismissedFindingBlocks(blocks, dismissal);
        await actor.client.chat.update({ channel: finding.channelId, ts: finding.threadTs, blocks: note, text: noteText });
      }
    } catch (error) {
      // The dismissal is kept; only the message still shows its button.
      services.logger.warn({ err: error, finding: finding.id }, 'could not update the finding message');
    }
  }
  return { kind: 'done', message: textMessage(actor.t.flags.dismissed(mentionUser(actor.userId), escapeInline(dismissal.reason))) };
}

/** The finding's message as it is in the channel, chart and all: the update keeps it and drops the button. */
async function postedBlocks(actor: Actor, channel: string, ts: string): Promise<KnownBlock[] | undefined> {
  const history = await actor.client.conversations.history({ channel, oldest: ts, latest: ts, inclusive: true, limit: 1 });
  return history.messages?.find((message) => message.ts === ts)?.blocks as KnownBlock[] | undefined;
}
