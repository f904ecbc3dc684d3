import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { formatMoney } from '../../digests/format.js';
import { DEFAULT_SCORING_RULES, tierOf, type ScoringRules } from '../../domain/scoring.js';
import { isOpenStage, nextOpenStage, type Stage } from '../../domain/stages.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import type { LeadJournal } from '../../store/journal.js';
import type { LeadCard } from '../../store/leads.js';
import { entryLine, type JournalContext } from './journal-lines.js';
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

function field(label: string, value: string) {
  return { type: 'mrkdwn' as const, text: truncate(`*${label}*\n${value}`, LIMITS.sectionField) };
}

/** The latest entries of the journal, oldest of them first, as the card's timeline. */
function timelineLines(journal: LeadJournal, context: JournalContext): string[] {
  const lines = [...journal.entries].reverse().map((entry) => entryLine(entry, context));
  if (journal.total > journal.entries.length) lines.unshift(messagesFor(context.locale).andMore(journal.total - journal.entries.length));
  return lines;
}

export function cardActions(lead: { number: string; stage: Stage; pooledAt?: Date | null }, locale: Locale): ActionsBlock {
  const t = messagesFor(locale).card;
  const value = encodeCardAction({ number: lead.number, stage: lead.stage });
  // A lead in the team pool is nobody's: the first thing to do with it is to claim it.
  if (lead.pooledAt && isOpenStage(lead.stage)) {
    return { type: 'actions', block_id: `lead_actions_${lead.number}`, elements: [claimButton(lead, locale), followUpButton(lead, locale)] };
  }
  const edit: Button = { type: 'button', action_id: ACTION.openEdit, text: { type: 'plain_text', text: t.edit }, value };
  const followUp = followUpButton(lead, locale);
  if (!isOpenStage(lead.stage)) {
    return { type: 'actions', block_id: `lead_actions_${lead.number}`, elements: [{ type: 'button', action_id: ACTION.reopen, text: { type: 'plain_text', text: t.reopen }, value }, followUp, edit] };
  }
  const next = nextOpenStage(lead.stage);
  const elements: Button[] = [];
  if (next) {
    elements.push({ type: 'button', action_id: ACTION.advance, text: { type: 'plain_text', text: t.advance(stageLabel(next, locale)) }, style: 'primary', value });
  } else {
    elements.push({ type: 'button', action_id: ACTION.openWin, text: { type: 'plain_text', text: t.markWon }, style: 'primary', value });
  }
  elements.push(followUp, { type: 'button', action_id: ACTION.openLose, text: { type: 'plain_text', text: t.markLost }, style: 'danger', value }, edit);
  return { type: 'actions', block_id: `lead_actions_${lead.number}`, elements };
}

export function claimButton(lead: { number: string; stage: Stage }, locale: Locale): Button {
  return { type: 'button', action_id: ACTION.claim, text: { type: 'plain_text', text: messagesFor(locale).pool.claim }, style: 'primary', value: encodeCardAction({ number: lead.number, stage: lead.stage }) };
}

export function followUpButton(lead: { number: string; stage: Stage }, locale: Locale): Button {
  const value = encodeCardAction({ number: lead.number, stage: lead.stage });
  return { type: 'button', action_id: ACTION.openFollowUp, text: { type: 'plain_text', text: messagesFor(locale).card.logFollowUp }, value };
}

/** The latest follow-ups, newest first, each with who, how it went and when. */
function followUpLines(card: LeadCard, locale: Locale, timeZone: string): string {
  const t = messagesFor(locale).followUp;
  return card.followUps
    .map((followUp) => t.noteLine(mentionUser(followUp.byId), followUp.outcome ? t.outcomes[followUp.outcome] : '', `>${escapeInline(truncate(followUp.note, FOLLOW_UP_NOTE_SHOWN))}`.replace(/\n/g, '\n>'), slackDate(followUp.contactedAt, timeZone, 'ago')))
    .join('\n');
}

/**
 * The card shares Slack's ~13k characters a message among its sections; the notes get a
 * slice of it (the journal and `leadops activity` keep them whole).
 */
const FOLLOW_UP_NOTE_SHOWN = 300;
const FOLLOW_UP_SECTION = 1500;

/** "Score 72 · High · MQL" against the team's tiers and threshold; a lead not scored yet says nothing. */
export function scoreLine(score: number | null, locale: Locale, rules: Pick<ScoringRules, 'tiers' | 'mqlThreshold'>): string {
  const t = messagesFor(locale).scoring;
  if (score === null) return '';
  return t.scoreLine(score, t.tiers[tierOf(score, rules)], score >= rules.mqlThreshold);
}

/** "72 High" after a lead's name in a list. */
export function scoreShort(score: number | null, locale: Locale, rules: Pick<ScoringRules, 'tiers'>): string {
  const t = messagesFor(locale).scoring;
  return score === null ? '' : t.short(score, t.tiers[tierOf(score, rules)]);
}

/** The lead card of `/lead show`: fields, stage, owner, timeline and the next actions. */
export function leadCardMessage(card: LeadCard, locale: Locale, timeZone: string, currency: string, scoring: Pick<ScoringRules, 'tiers' | 'mqlThreshold'> = DEFAULT_SCORING_RULES): SlackMessage {
  const { lead } = card;
  const t = messagesFor(locale).card;
  const name = escapeInline(lead.name);
  // The score rides on the title line: the fields section below is already at Slack's ten for a lead well under way.
  const score = scoreLine(lead.score, locale, scoring);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`*${lead.number}* · ${name}${score ? `\n${score}` : ''}`, LIMITS.sectionText) } },
  ];
  const fields = [
    field(t.stage, stageLabel(lead.stage, locale)),
    field(t.owner, lead.pooledAt && isOpenStage(lead.stage) ? t.inPool(slackDate(lead.pooledAt, timeZone, 'date'), mentionUser(lead.ownerId)) : mentionUser(lead.ownerId)),
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
  // A section of its own: the fields above already fill Slack's ten for a lead well under way.
  const contact = [lead.contactEmail, lead.contactPhone].filter((value): value is string => Boolean(value)).map(escapeInline);
  if (contact.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${t.contact}*\n${contact.join(' · ')}`, LIMITS.sectionText) } });

  const lossReasons = lead.tags.filter(({ tag }) => tag.kind === 'LOSS_REASON').map(({ tag }) => escapeInline(lossReasonLabel(tag, locale)));
  if (lossReasons.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${t.lossReasons}*\n${lossReasons.join(', ')}`, LIMITS.sectionText) } });
  }
  const names = messagesFor(locale).journal.fields;
  const qualification = (['budget', 'authority', 'need', 'timeline'] as const).filter((key) => lead[key]).map((key) => `${names[key]}: ${escapeInline(lead[key]!)}`);
  if (lead.acquisitionCostMinor !== null) qualification.push(`${names.acquisitionCostMinor}: ${formatMoney(lead.acquisitionCostMinor, currency, locale)}`);
  if (qualification.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${t.qualification}*\n${qualification.join('\n')}`, LIMITS.sectionText) } });
  }
  if (lead.notes) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${t.notes}*\n${escapeInline(lead.notes)}`, LIMITS.sectionText) } });
  }
  if (card.followUps.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${t.recentNotes}*\n${followUpLines(card, locale, timeZone)}`, FOLLOW_UP_SECTION) } });
  }
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${t.timeline}*\n${timelineLines(card.journal, { locale, timeZone, currency }).join('\n')}`, LIMITS.sectionText) } });
  blocks.push(cardActions(lead, locale));
  return { text: `${lead.number} · ${escapeText(lead.name)} — ${stageLabel(lead.stage, locale)}`, blocks };
}
