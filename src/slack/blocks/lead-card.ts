import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { formatMoney } from '../../digests/format.js';
import { isOpenStage, nextOpenStage, type Stage } from '../../domain/stages.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import type { LeadWithHistory } from '../../store/leads.js';
import { ACTION } from '../ids.js';
import { escapeInline, escapeText, lossReasonLabel, mentionUser, slackDate, stageLabel } from '../text.js';
import { LIMITS, truncate } from './limits.js';
import type { SlackMessage } from './message.js';

/** What a card's buttons carry: the lead and the stage the person saw. */
export interface CardActionValue {
  number: string;
  stage: Stage;
}

export function encodeCardAction(value: CardActionValue): string {
  return JSON.stringify({ n: value.number, s: value.stage });
}

const TIMELINE_ENTRIES = 12;

function field(label: string, value: string) {
  return { type: 'mrkdwn' as const, text: truncate(`*${label}*\n${value}`, LIMITS.sectionField) };
}

function timelineLines(lead: LeadWithHistory, locale: Locale, timeZone: string): string[] {
  const t = messagesFor(locale).card;
  const entries = [
    ...lead.stageChanges.map((change) => ({
      at: change.changedAt,
      order: 0,
      text: change.fromStage
        ? t.moved(stageLabel(change.fromStage, locale), stageLabel(change.toStage, locale), mentionUser(change.changedById))
        : t.created(mentionUser(change.changedById)),
      note: change.note,
    })),
    ...lead.ownerChanges
      .filter((change) => change.fromOwnerId !== null)
      .map((change) => ({
        at: change.changedAt,
        order: 1,
        text: t.reassigned(mentionUser(change.fromOwnerId!), mentionUser(change.toOwnerId), mentionUser(change.changedById)),
        note: null,
      })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  const shown = entries.slice(-TIMELINE_ENTRIES);
  const lines = shown.map(
    (entry) => `• ${slackDate(entry.at, timeZone)} ${entry.text}${entry.note ? ` — _${escapeInline(truncate(entry.note, 200))}_` : ''}`,
  );
  if (entries.length > shown.length) lines.unshift(messagesFor(locale).andMore(entries.length - shown.length));
  return lines;
}

export function cardActions(lead: { number: string; stage: Stage }, locale: Locale): ActionsBlock | undefined {
  if (!isOpenStage(lead.stage)) return undefined;
  const t = messagesFor(locale).card;
  const value = encodeCardAction({ number: lead.number, stage: lead.stage });
  const next = nextOpenStage(lead.stage);
  const elements: Button[] = [];
  if (next) {
    elements.push({ type: 'button', action_id: ACTION.advance, text: { type: 'plain_text', text: t.advance(stageLabel(next, locale)) }, style: 'primary', value });
  } else {
    elements.push({ type: 'button', action_id: ACTION.openWin, text: { type: 'plain_text', text: t.markWon }, style: 'primary', value });
  }
  elements.push({ type: 'button', action_id: ACTION.openLose, text: { type: 'plain_text', text: t.markLost }, style: 'danger', value });
  return { type: 'actions', block_id: `lead_actions_${lead.number}`, elements };
}

/** The lead card of `/lead show`: fields, stage, owner, timeline and the next actions. */
export function leadCardMessage(lead: LeadWithHistory, locale: Locale, timeZone: string, currency: string): SlackMessage {
  const t = messagesFor(locale).card;
  const name = escapeInline(lead.name);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`*${lead.number}* · ${name}`, LIMITS.sectionText) } },
  ];
  const fields = [
    field(t.stage, stageLabel(lead.stage, locale)),
    field(t.owner, mentionUser(lead.ownerId)),
    field(t.acquiredAt, slackDate(lead.acquiredAt, timeZone)),
  ];
  if (lead.sourceChannel) fields.push(field(t.source, escapeInline(lead.sourceChannel)));
  if (lead.campaign) fields.push(field(t.campaign, escapeInline(lead.campaign)));
  if (lead.contentAsset) fields.push(field(t.contentAsset, escapeInline(lead.contentAsset)));
  if (lead.customerType) fields.push(field(t.customerType, lead.customerType === 'ENTERPRISE' ? t.enterprise : t.individual));
  if (lead.industry) fields.push(field(t.industry, escapeInline(lead.industry)));
  if (lead.dealAmountMinor !== null) fields.push(field(t.dealAmount, formatMoney(lead.dealAmountMinor, currency, locale)));
  if (lead.nextFollowUpAt && isOpenStage(lead.stage)) fields.push(field(t.nextFollowUp, slackDate(lead.nextFollowUpAt, timeZone, 'date')));
  blocks.push({ type: 'section', fields: fields.slice(0, LIMITS.sectionFields) });

  const lossReasons = lead.tags.filter(({ tag }) => tag.kind === 'LOSS_REASON').map(({ tag }) => escapeInline(lossReasonLabel(tag, locale)));
  if (lossReasons.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${t.lossReasons}*\n${lossReasons.join(', ')}`, LIMITS.sectionText) } });
  }
  if (lead.notes) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${t.notes}*\n${escapeInline(lead.notes)}`, LIMITS.sectionText) } });
  }
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${t.timeline}*\n${timelineLines(lead, locale, timeZone).join('\n')}`, LIMITS.sectionText) } });
  const actions = cardActions(lead, locale);
  if (actions) blocks.push(actions);
  return { text: `${lead.number} · ${escapeText(lead.name)} — ${stageLabel(lead.stage, locale)}`, blocks };
}
