import type { DigestDraft } from '../../digests/drafts.js';
import { messagesFor } from '../../i18n/messages.js';
import { nativeChartNames, type DigestRenderOptions, type NativeCharts } from './digest-charts.js';
import { funnelDigestMessage, funnelNativeCharts } from './funnel-digest.js';
import { goalsDigestMessage } from './goals-digest.js';
import { contextLine, type SlackMessage } from './message.js';
import { overdueDigestMessage, overdueNativeCharts } from './overdue-digest.js';
import { morningMessage } from './follow-ups-due.js';
import { actionProgressMessage, actionReminderMessage } from './action-items.js';
import { channelReportMessage } from './channel-report.js';
import { findingMessage, findingNoteMessage } from './finding.js';

/** A digest's message as Slack shows it: with its charts as `render` says, and, if it went out late, a note saying when it was due. */
export function digestMessage(draft: DigestDraft, render: DigestRenderOptions, late?: { dueAt: Date }): SlackMessage {
  const message = messageOf(draft, render);
  if (!late) return message;
  const due = late.dueAt;
  const note = messagesFor(draft.model.locale).digest.lateNote(`<!date^${Math.floor(due.getTime() / 1000)}^{date_short_pretty} {time}|${due.toISOString()}>`);
  return { ...message, blocks: [...message.blocks, contextLine(note)] };
}

function messageOf(draft: DigestDraft, render: DigestRenderOptions): SlackMessage {
  switch (draft.kind) {
    case 'funnel':
      return funnelDigestMessage(draft.model, render);
    case 'overdue':
      return overdueDigestMessage(draft.model, render);
    case 'morning':
      return morningMessage(draft.model);
    case 'action-due':
      return actionReminderMessage(draft.model);
    case 'goals':
      return goalsDigestMessage(draft.model, render);
    case 'channels':
      return channelReportMessage(draft.model, render);
    case 'finding':
      return findingMessage(draft.model, render);
    case 'finding-note':
      return findingNoteMessage(draft.model);
    case 'action-progress':
      return actionProgressMessage(draft.model);
  }
}

function nativeChartsOf(draft: DigestDraft): NativeCharts {
  if (draft.kind === 'funnel') return funnelNativeCharts(draft.model);
  if (draft.kind === 'overdue') return overdueNativeCharts(draft.model);
  return {};
}

/** The charts of a draft that go out as native blocks: none unless the workspace opted in (chartBlocks picks the same). */
export function nativeDraftCharts(draft: DigestDraft): Set<string> {
  return draft.nativeCharts ? nativeChartNames(draft.charts, nativeChartsOf(draft)) : new Set();
}
