import type { KnownBlock, ModalView } from '@slack/types';
import { findingCharts, findingTitle, ratesWords, type FindingModel, type FindingNoteModel } from '../../digests/bottleneck-flags.js';
import { FLAG_RULES } from '../../domain/bottlenecks.js';
import { FIELD_LIMITS } from '../../domain/fields.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import { ACTION, FIELD, VIEW } from '../ids.js';
import { escapeInline, escapeText, mentionUser } from '../text.js';
import { chartBlocks, type DigestRenderOptions } from './digest-charts.js';
import { contextLine, headerBlock, mrkdwnSection, type MessageBlock, type SlackMessage } from './message.js';
import { LIMITS, truncate } from './limits.js';

/** A bottleneck flag (src/digests/bottleneck-flags.ts) as its message in the alignment channel, and the replies in its thread. */

/** The block whose button is taken away once someone said the finding is not a problem. */
export const FINDING_ACTIONS_BLOCK = 'finding_actions';

/** "*40% dropped vs 24% usual* — unlikely to be chance." */
function sentence(model: FindingModel): string {
  const t = messagesFor(model.locale).flags;
  const { finding } = model;
  return t.sentence(ratesWords(model.locale, finding.kind, { week: finding.week.rate, baseline: finding.baseline.rate }), t.confidence[finding.strength]);
}

export function findingMessage(model: FindingModel, render: DigestRenderOptions): SlackMessage {
  const t = messagesFor(model.locale).flags;
  const { finding } = model;
  const title = findingTitle({ ...model, from: escapeText(model.from), to: model.to && escapeText(model.to) });
  const counts = t.counts[finding.kind](escapeInline(model.from), finding.week.hits, finding.week.total, finding.baseline.hits, finding.baseline.total, FLAG_RULES.baselineWeeks);
  const blocks: MessageBlock[] = [headerBlock(truncate(findingTitle(model), LIMITS.headerText)), mrkdwnSection(`${sentence(model)}\n${counts}`)];
  if (model.leads.length > 0) blocks.push(mrkdwnSection(t.leads(model.leads.map((number) => `*${number}*`).join(', '))));
  blocks.push(...chartBlocks(findingCharts(model), render));
  const p = finding.pValue < 0.001 ? '< 0.001' : finding.pValue.toFixed(3);
  blocks.push(contextLine(finding.kind === 'owner' ? t.footerOwner(model.week, p) : t.footer(model.week, p, String(model.marginPoints ?? Math.round(FLAG_RULES.margin * 100)))));
  blocks.push({
    type: 'actions',
    block_id: FINDING_ACTIONS_BLOCK,
    elements: [
      { type: 'button', action_id: ACTION.actionFromFinding, style: 'primary', text: { type: 'plain_text', text: messagesFor(model.locale).actions.createFromFlag }, value: String(model.findingId) },
      { type: 'button', action_id: ACTION.dismissFinding, text: { type: 'plain_text', text: t.notAProblem }, value: String(model.findingId) },
    ],
  });
  return { text: `${title}: ${sentence(model).replace(/\*/g, '')}`, blocks };
}

export function findingNoteMessage(model: FindingNoteModel): SlackMessage {
  const t = messagesFor(model.locale).flags;
  const rates = model.rates ? t.usualAgain(ratesWords(model.locale, model.kind, model.rates)) : '';
  const text = model.note === 'still' ? t.stillThere(model.weekNumber, rates) : t.backToNormal(rates);
  return { text: text.trim(), blocks: [mrkdwnSection(text.trim())] };
}

/** The finding's message once dismissed: its button gone, who said it is not a problem and why in its place. */
export function dismissedFindingBlocks(blocks: KnownBlock[], dismissal: { locale: Locale; userId: string; reason: string }): KnownBlock[] {
  const note = messagesFor(dismissal.locale).flags.dismissed(mentionUser(dismissal.userId), escapeInline(dismissal.reason));
  return [...blocks.filter((block) => block.block_id !== FINDING_ACTIONS_BLOCK), contextLine(truncate(note, LIMITS.sectionText))];
}

/** "Not a problem": why, kept with the finding. */
export function dismissFindingModal(locale: Locale, context: { findingId: number; channelId?: string }): ModalView {
  const t = messagesFor(locale).flags;
  return {
    type: 'modal',
    callback_id: VIEW.dismissFinding,
    private_metadata: JSON.stringify(context),
    title: { type: 'plain_text', text: truncate(t.dismissTitle, LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: t.dismissSubmit },
    close: { type: 'plain_text', text: t.cancel },
    blocks: [
      {
        type: 'input',
        block_id: FIELD.dismissReason,
        label: { type: 'plain_text', text: t.dismissReason },
        hint: { type: 'plain_text', text: t.dismissHint },
        element: { type: 'plain_text_input', action_id: FIELD.dismissReason, multiline: true, max_length: FIELD_LIMITS.dismissReason },
      },
    ],
  };
}
