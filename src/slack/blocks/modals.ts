import type { Button, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { FIELD_LIMITS, type FieldName } from '../../domain/fields.js';
import type { Stage } from '../../domain/stages.js';
import { FOLLOW_UP_OUTCOMES } from '../../domain/follow-ups.js';
import { ACTION_OUTCOMES } from '../../domain/action-items.js';
import { KNOWN_LOSS_REASONS } from '../../domain/tags.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import { ACTION, FIELD, VIEW } from '../ids.js';
import { escapeInline, lossReasonLabel } from '../text.js';
import { LIMITS, truncate } from './limits.js';

/** Carried through a modal so its submission knows where to answer and what the person saw. */
export interface ModalContext {
  channelId?: string;
  number?: string;
  stage?: Stage;
  /** The new-lead form: the leads it warned this may duplicate; submitting again with the same ones creates it anyway. */
  warned?: string[];
}

function frame(callbackId: string, title: string, locale: Locale, blocks: KnownBlock[], context: ModalContext, submit?: string): ModalView {
  const t = messagesFor(locale).modal;
  return {
    type: 'modal',
    callback_id: callbackId,
    title: { type: 'plain_text', text: truncate(title, LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: submit ?? t.submit },
    close: { type: 'plain_text', text: t.cancel },
    private_metadata: JSON.stringify(context),
    blocks,
  };
}

function textInput(
  blockId: string,
  label: string,
  options: { optional?: boolean; placeholder?: string; hint?: string; multiline?: boolean; initial?: string; maxLength?: number } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: options.optional ?? true,
    label: { type: 'plain_text', text: label },
    ...(options.hint ? { hint: { type: 'plain_text', text: options.hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: blockId,
      multiline: options.multiline ?? false,
      max_length: options.maxLength ?? 200,
      ...(options.placeholder ? { placeholder: { type: 'plain_text', text: options.placeholder } } : {}),
      ...(options.initial ? { initial_value: options.initial } : {}),
    },
  };
}

/** Where each field of the new-lead form sits, for errors shown beside it. */
export const NEW_LEAD_BLOCKS: Partial<Record<FieldName, string>> = {
  leadName: FIELD.name,
  sourceChannel: FIELD.sourceChannel,
  campaign: FIELD.campaign,
  contentAsset: FIELD.contentAsset,
  customerType: FIELD.customerType,
  industry: FIELD.industry,
  contactEmail: FIELD.contactEmail,
  contactPhone: FIELD.contactPhone,
  owner: FIELD.owner,
  acquiredAt: FIELD.acquiredAt,
  nextFollowUp: FIELD.nextFollowUp,
  leadNotes: FIELD.notes,
};


/** What the new-lead form shows in its inputs: empty, a prefilled name, or what the person typed before a warning. */
export interface NewLeadFormValues {
  name?: string;
  sourceChannel?: string;
  campaign?: string;
  contentAsset?: string;
  customerType?: string;
  industry?: string;
  contactEmail?: string;
  contactPhone?: string;
  ownerId?: string;
  /** Unix seconds, as the date-time picker gives it. */
  acquiredAt?: number;
  /** YYYY-MM-DD. */
  nextFollowUpDay?: string;
  notes?: string;
}

/** A lead the new one may duplicate, as the warning names it (text already escaped). */
export interface DuplicateWarningLine {
  number: string;
  line: string;
  /** The owner to ask; none where the lead is the caller's own. */
  askOwner?: boolean;
}

/** The warning on top of the form and one "Ask the owner" button a lead. */
function duplicateWarning(lines: DuplicateWarningLine[], locale: Locale): KnownBlock[] {
  const t = messagesFor(locale).duplicates;
  const blocks: KnownBlock[] = [{ type: 'section', block_id: 'duplicate_warning', text: { type: 'mrkdwn', text: truncate(t.warning(lines.map((line) => line.line).join('\n')), LIMITS.sectionText) } }];
  const asks: Button[] = lines
    .filter((line) => line.askOwner)
    .map((line) => ({ type: 'button', action_id: `${ACTION.askOwner}_${line.number}`, text: { type: 'plain_text', text: truncate(t.askOwner(line.number), LIMITS.buttonText) }, value: JSON.stringify({ n: line.number }) }));
  if (asks.length > 0) blocks.push({ type: 'actions', block_id: 'duplicate_actions', elements: asks });
  return blocks;
}

export function newLeadModal(options: {
  locale: Locale;
  callerId: string;
  prefillName?: string;
  context: ModalContext;
  now: Date;
  values?: NewLeadFormValues;
  duplicates?: DuplicateWarningLine[];
}): ModalView {
  const t = messagesFor(options.locale);
  const m = t.modal;
  const values: NewLeadFormValues = options.values ?? { name: options.prefillName };
  const option = (value: string, text: string): PlainTextOption => ({ value, text: { type: 'plain_text', text } });
  const customerTypes = [option('ENTERPRISE', t.card.enterprise), option('INDIVIDUAL', t.card.individual)];
  const customerType = customerTypes.find((choice) => choice.value === values.customerType);
  const warned = options.duplicates && options.duplicates.length > 0;
  const blocks: KnownBlock[] = [
    ...(warned ? duplicateWarning(options.duplicates!, options.locale) : []),
    textInput(FIELD.name, m.name, { optional: false, placeholder: m.namePlaceholder, initial: values.name, maxLength: FIELD_LIMITS.leadName }),
    textInput(FIELD.contactEmail, m.contactEmail, { placeholder: m.contactEmailPlaceholder, initial: values.contactEmail, maxLength: FIELD_LIMITS.contactEmail }),
    textInput(FIELD.contactPhone, m.contactPhone, { placeholder: m.contactPhonePlaceholder, initial: values.contactPhone, maxLength: FIELD_LIMITS.contactPhone }),
    textInput(FIELD.sourceChannel, m.sourceChannel, { hint: m.sourceChannelHint, initial: values.sourceChannel, maxLength: FIELD_LIMITS.sourceChannel }),
    textInput(FIELD.campaign, m.campaign, { placeholder: m.campaignPlaceholder, initial: values.campaign, maxLength: FIELD_LIMITS.campaign }),
    textInput(FIELD.contentAsset, m.contentAsset, { placeholder: m.contentAssetPlaceholder, initial: values.contentAsset, maxLength: FIELD_LIMITS.contentAsset }),
    {
      type: 'input',
      block_id: FIELD.customerType,
      optional: true,
      label: { type: 'plain_text', text: m.customerType },
      element: { type: 'static_select', action_id: FIELD.customerType, options: customerTypes, ...(customerType ? { initial_option: customerType } : {}) },
    },
    textInput(FIELD.industry, m.industry, { initial: values.industry, maxLength: FIELD_LIMITS.industry }),
    {
      type: 'input',
      block_id: FIELD.owner,
      label: { type: 'plain_text', text: m.owner },
      element: { type: 'users_select', action_id: FIELD.owner, initial_user: values.ownerId ?? options.callerId },
    },
    {
      type: 'input',
      block_id: FIELD.acquiredAt,
      optional: true,
      label: { type: 'plain_text', text: m.acquiredAt },
      hint: { type: 'plain_text', text: m.acquiredAtHint },
      element: { type: 'datetimepicker', action_id: FIELD.acquiredAt, initial_date_time: values.acquiredAt ?? Math.floor(options.now.getTime() / 1000) },
    },
    {
      type: 'input',
      block_id: FIELD.nextFollowUp,
      optional: true,
      label: { type: 'plain_text', text: m.nextFollowUp },
      element: { type: 'datepicker', action_id: FIELD.nextFollowUp, ...(values.nextFollowUpDay ? { initial_date: values.nextFollowUpDay } : {}) },
    },
    textInput(FIELD.notes, m.notes, { multiline: true, initial: values.notes, maxLength: FIELD_LIMITS.leadNotes }),
  ];
  return frame(VIEW.newLead, m.newTitle, options.locale, blocks, options.context, warned ? t.duplicates.createAnyway : undefined);
}

export function loseLeadModal(options: {
  locale: Locale;
  lead: { number: string; name: string; stage: Stage };
  usedReasons: Array<{ key: string; label: string }>;
  context: ModalContext;
}): ModalView {
  const m = messagesFor(options.locale).modal;
  const reasons = new Map<string, string>();
  for (const known of KNOWN_LOSS_REASONS) reasons.set(known.key, known[options.locale]);
  for (const used of options.usedReasons) if (!reasons.has(used.key)) reasons.set(used.key, lossReasonLabel(used, options.locale));
  const choices: PlainTextOption[] = [...reasons.entries()].slice(0, 100).map(([key, label]) => ({
    value: key.slice(0, 150),
    text: { type: 'plain_text', text: truncate(label, LIMITS.optionText) },
  }));
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: m.loseIntro(options.lead.number, escapeInline(options.lead.name)) } },
    {
      type: 'input',
      block_id: FIELD.knownReasons,
      optional: true,
      label: { type: 'plain_text', text: m.knownReasons },
      element: { type: 'multi_static_select', action_id: FIELD.knownReasons, options: choices },
    },
    textInput(FIELD.newReason, m.newReason, { hint: m.newReasonHint, maxLength: FIELD_LIMITS.lossReason * 3 }),
    textInput(FIELD.note, m.note, { multiline: true, maxLength: FIELD_LIMITS.changeNote }),
  ];
  return frame(VIEW.loseLead, m.loseTitle, options.locale, blocks, options.context);
}

export function winLeadModal(options: { locale: Locale; lead: { number: string; name: string }; context: ModalContext }): ModalView {
  const m = messagesFor(options.locale).modal;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: m.winIntro(options.lead.number, escapeInline(options.lead.name)) } },
    textInput(FIELD.amount, m.amount, { placeholder: m.amountPlaceholder, maxLength: 20 }),
    textInput(FIELD.note, m.note, { multiline: true, maxLength: FIELD_LIMITS.changeNote }),
  ];
  return frame(VIEW.winLead, m.winTitle, options.locale, blocks, options.context);
}

/** Where each field of the follow-up form sits, for errors shown beside it. */
export const FOLLOW_UP_BLOCKS: Partial<Record<FieldName, string>> = {
  followUpNote: FIELD.followUpNote,
  followUpOutcome: FIELD.followUpOutcome,
  nextFollowUp: FIELD.nextFollowUp,
};

/** "Log follow-up": what happened, how it went, and the next day, proposed by the stage's cadence. */
export function followUpModal(options: {
  locale: Locale;
  lead: { number: string; name: string };
  /** YYYY-MM-DD of the day the cadence proposes; none on a closed lead. */
  proposedDay?: string;
  cadenceDays?: number;
  context: ModalContext;
}): ModalView {
  const t = messagesFor(options.locale).followUp;
  const outcomes: PlainTextOption[] = FOLLOW_UP_OUTCOMES.map((outcome) => ({ value: outcome, text: { type: 'plain_text', text: t.outcomes[outcome] } }));
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(t.modalIntro(options.lead.number, escapeInline(options.lead.name)), LIMITS.sectionText) } },
    textInput(FIELD.followUpNote, t.note, { optional: false, multiline: true, placeholder: t.notePlaceholder, maxLength: FIELD_LIMITS.followUpNote }),
    {
      type: 'input',
      block_id: FIELD.followUpOutcome,
      optional: true,
      label: { type: 'plain_text', text: t.outcome },
      element: { type: 'radio_buttons', action_id: FIELD.followUpOutcome, options: outcomes },
    },
  ];
  if (options.proposedDay) {
    blocks.push({
      type: 'input',
      block_id: FIELD.nextFollowUp,
      optional: true,
      label: { type: 'plain_text', text: t.next },
      ...(options.cadenceDays ? { hint: { type: 'plain_text', text: t.nextHint(options.cadenceDays) } } : {}),
      element: { type: 'datepicker', action_id: FIELD.nextFollowUp, initial_date: options.proposedDay },
    });
  }
  return frame(VIEW.logFollowUp, t.modalTitle, options.locale, blocks, options.context);
}

/** Where each field of the action-item forms sits, for errors shown beside it. */
export const ACTION_ITEM_BLOCKS: Partial<Record<FieldName, string>> = {
  actionTitle: FIELD.actionTitle,
  actionConclusion: FIELD.actionConclusion,
  actionOwner: FIELD.actionOwner,
  actionDue: FIELD.actionDue,
  actionMetric: FIELD.actionMetric,
  actionTarget: FIELD.actionTarget,
  actionResult: FIELD.actionResult,
  actionOutcome: FIELD.actionOutcome,
};

/** A new action item: the conclusion, the action, who and by when, and the metric with its target. */
/** The metrics the bot measures, by name (src/app/action-items.ts actionMetricChoices), and the one picked already when made from a flag. */
export interface MetricOptions {
  stages: Array<{ key: string; from: string; to: string }>;
  channels: Array<{ key: string; label: string }>;
  lossReasons: Array<{ key: string; label: string }>;
}

/** The form's "not measured" choice: Slack's select cannot be emptied once picked. */
export const UNMEASURED_METRIC = 'none';

function metricSelect(locale: Locale, metrics: MetricOptions, initialKey?: string): KnownBlock {
  const t = messagesFor(locale).actions;
  const f = messagesFor(locale).fieldNames;
  const option = (value: string, text: string): PlainTextOption => ({ value, text: { type: 'plain_text', text: truncate(text, LIMITS.optionText) } });
  const groups = [
    { label: t.metricGroups.dropoff, options: metrics.stages.map((stage) => option(stage.key, t.metricNames.dropoff(stage.from, stage.to))) },
    { label: t.metricGroups.channel, options: metrics.channels.map((channel) => option(channel.key, t.metricNames.channel(channel.label))) },
    { label: t.metricGroups.loss, options: metrics.lossReasons.map((reason) => option(reason.key, t.metricNames.loss(reason.label))) },
  ].filter((group) => group.options.length > 0);
  const none = { label: t.metricNone, options: [option(UNMEASURED_METRIC, t.metricNone)] };
  const option_groups = [...groups, none].map((group) => ({ label: { type: 'plain_text' as const, text: truncate(group.label, LIMITS.optionText) }, options: group.options }));
  const initial = option_groups.flatMap((group) => group.options).find((candidate) => candidate.value === initialKey);
  return {
    type: 'input',
    block_id: FIELD.actionMetric,
    optional: true,
    label: { type: 'plain_text', text: f.actionMetric },
    hint: { type: 'plain_text', text: t.metricHint },
    element: { type: 'static_select', action_id: FIELD.actionMetric, option_groups, ...(initial ? { initial_option: initial } : {}) },
  };
}

export function actionItemModal(options: {
  locale: Locale;
  callerId: string;
  dueDay: string;
  conclusion?: string;
  metrics: MetricOptions;
  metricKey?: string;
  target?: string;
  context: ModalContext & { threadTs?: string; findingId?: number };
}): ModalView {
  const t = messagesFor(options.locale).actions;
  const f = messagesFor(options.locale).fieldNames;
  const blocks: KnownBlock[] = [
    { type: 'context', elements: [{ type: 'mrkdwn', text: t.intro }] },
    textInput(FIELD.actionConclusion, f.actionConclusion, { multiline: true, placeholder: t.conclusionPlaceholder, maxLength: FIELD_LIMITS.actionConclusion, ...(options.conclusion ? { initial: options.conclusion } : {}) }),
    textInput(FIELD.actionTitle, f.actionTitle, { optional: false, placeholder: t.titlePlaceholder, maxLength: FIELD_LIMITS.actionTitle }),
    {
      type: 'input',
      block_id: FIELD.actionOwner,
      label: { type: 'plain_text', text: f.actionOwner },
      element: { type: 'users_select', action_id: FIELD.actionOwner, initial_user: options.callerId },
    },
    {
      type: 'input',
      block_id: FIELD.actionDue,
      label: { type: 'plain_text', text: f.actionDue },
      element: { type: 'datepicker', action_id: FIELD.actionDue, initial_date: options.dueDay },
    },
    metricSelect(options.locale, options.metrics, options.metricKey),
    textInput(FIELD.actionTarget, f.actionTarget, { hint: t.targetHint, maxLength: 20, ...(options.target ? { initial: options.target } : {}) }),
  ];
  return frame(VIEW.actionItem, t.newTitle, options.locale, blocks, options.context, t.save);
}

/** Closing an item: done or dropped, and what came of it. */
export function closeActionItemModal(options: { locale: Locale; item: { id: number; title: string }; context: ModalContext & { id: number } }): ModalView {
  const t = messagesFor(options.locale).actions;
  const f = messagesFor(options.locale).fieldNames;
  const outcomes: PlainTextOption[] = ACTION_OUTCOMES.map((outcome) => ({ value: outcome, text: { type: 'plain_text', text: t.outcomes[outcome] } }));
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`*#${options.item.id}* ${escapeInline(options.item.title)}`, LIMITS.sectionText) } },
    {
      type: 'input',
      block_id: FIELD.actionOutcome,
      label: { type: 'plain_text', text: f.actionOutcome },
      element: { type: 'radio_buttons', action_id: FIELD.actionOutcome, options: outcomes, initial_option: outcomes[0]! },
    },
    textInput(FIELD.actionResult, f.actionResult, { optional: false, multiline: true, placeholder: t.resultPlaceholder, maxLength: FIELD_LIMITS.actionResult }),
  ];
  return frame(VIEW.closeActionItem, t.closeTitle, options.locale, blocks, options.context, t.close);
}
