import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { DateTime } from 'luxon';
import { majorUnits } from '../../domain/amount.js';
import { FIELD_LIMITS } from '../../domain/fields.js';
import type { LeadEditDraft } from '../../domain/lead-fields.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import type { LeadRow } from '../../store/leads.js';
import { FIELD, VIEW } from '../ids.js';
import type { InputState } from '../listeners/views/view-state.js';
import { LIMITS, truncate } from './limits.js';
import { NEW_LEAD_BLOCKS } from './modals.js';

/** What the edit form shows in each input: the lead's values as text, or what the person typed. */
export type EditFormValues = { [K in keyof LeadEditDraft]?: string };

/** Carried through the edit form: where to answer, which lead, and the version it showed. */
export interface EditContext {
  channelId?: string;
  number: string;
  version: number;
}

/** Every input of the form: its block, its label key, its limit and how big it is. */
const INPUTS = [
  { key: 'name', block: FIELD.name, max: FIELD_LIMITS.leadName, required: true },
  { key: 'sourceChannel', block: FIELD.sourceChannel, max: FIELD_LIMITS.sourceChannel },
  { key: 'campaign', block: FIELD.campaign, max: FIELD_LIMITS.campaign },
  { key: 'contentAsset', block: FIELD.contentAsset, max: FIELD_LIMITS.contentAsset },
  { key: 'industry', block: FIELD.industry, max: FIELD_LIMITS.industry },
  { key: 'contactEmail', block: FIELD.contactEmail, max: FIELD_LIMITS.contactEmail },
  { key: 'contactPhone', block: FIELD.contactPhone, max: FIELD_LIMITS.contactPhone },
  { key: 'dealAmount', block: FIELD.dealAmount, max: 20 },
  { key: 'acquisitionCost', block: FIELD.acquisitionCost, max: 20 },
  { key: 'budget', block: FIELD.budget, max: FIELD_LIMITS.budget },
  { key: 'authority', block: FIELD.authority, max: FIELD_LIMITS.authority },
  { key: 'need', block: FIELD.need, max: FIELD_LIMITS.need },
  { key: 'timeline', block: FIELD.timeline, max: FIELD_LIMITS.timeline },
  { key: 'notes', block: FIELD.notes, max: FIELD_LIMITS.leadNotes, multiline: true },
] as const satisfies ReadonlyArray<{ key: keyof LeadEditDraft; block: string; max: number; required?: boolean; multiline?: boolean }>;

/** Where each field of the edit form sits, for errors shown beside it. */
export const EDIT_LEAD_BLOCKS = {
  ...NEW_LEAD_BLOCKS,
  dealAmount: FIELD.dealAmount,
  acquisitionCost: FIELD.acquisitionCost,
  budget: FIELD.budget,
  authority: FIELD.authority,
  need: FIELD.need,
  timeline: FIELD.timeline,
} as const;

export function editValuesOf(lead: LeadRow, timeZone: string): EditFormValues {
  const day = (date: Date | null) => (date ? DateTime.fromJSDate(date, { zone: timeZone }).toISODate() ?? undefined : undefined);
  const money = (minor: bigint | null) => (minor === null ? undefined : majorUnits(minor));
  return {
    name: lead.name,
    sourceChannel: lead.sourceChannel ?? undefined,
    campaign: lead.campaign ?? undefined,
    contentAsset: lead.contentAsset ?? undefined,
    customerType: lead.customerType ?? undefined,
    industry: lead.industry ?? undefined,
    contactEmail: lead.contactEmail ?? undefined,
    contactPhone: lead.contactPhone ?? undefined,
    dealAmount: money(lead.dealAmountMinor),
    acquisitionCost: money(lead.acquisitionCostMinor),
    notes: lead.notes ?? undefined,
    budget: lead.budget ?? undefined,
    authority: lead.authority ?? undefined,
    need: lead.need ?? undefined,
    timeline: lead.timeline ?? undefined,
    nextFollowUpDay: day(lead.nextFollowUpAt),
  };
}

/** The submitted form: what was typed (to show again) and the draft the use case checks. */
export function readEditForm(input: (id: string) => InputState | undefined): { values: EditFormValues; draft: LeadEditDraft } {
  const values: EditFormValues = {};
  for (const { key, block } of INPUTS) values[key] = input(block)?.value ?? undefined;
  values.customerType = input(FIELD.customerType)?.selected_option?.value ?? undefined;
  values.nextFollowUpDay = input(FIELD.nextFollowUp)?.selected_date ?? undefined;
  const draft: LeadEditDraft = {};
  for (const key of Object.keys(values) as Array<keyof LeadEditDraft>) draft[key] = values[key] ?? null;
  for (const { key } of INPUTS) if (!(key in draft)) draft[key] = null;
  draft.customerType ??= null;
  draft.nextFollowUpDay ??= null;
  return { values, draft };
}

export function editLeadModal(options: { locale: Locale; values: EditFormValues; context: EditContext; notice?: string }): ModalView {
  const t = messagesFor(options.locale);
  const labels = t.journal.editLabels;
  const option = (value: string, text: string): PlainTextOption => ({ value, text: { type: 'plain_text', text } });
  const customerTypes = [option('ENTERPRISE', t.card.enterprise), option('INDIVIDUAL', t.card.individual)];
  const blocks: KnownBlock[] = [];
  if (options.notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(options.notice, LIMITS.sectionText) } });
  for (const input of INPUTS) {
    const initial = options.values[input.key];
    blocks.push({
      type: 'input',
      block_id: input.block,
      optional: !('required' in input && input.required),
      label: { type: 'plain_text', text: labels[input.key] },
      element: {
        type: 'plain_text_input',
        action_id: input.block,
        multiline: 'multiline' in input && input.multiline,
        max_length: input.max,
        ...(initial ? { initial_value: initial } : {}),
      },
    });
    if (input.key === 'contentAsset') {
      const picked = customerTypes.find((choice) => choice.value === options.values.customerType);
      blocks.push({
        type: 'input',
        block_id: FIELD.customerType,
        optional: true,
        label: { type: 'plain_text', text: labels.customerType },
        element: { type: 'static_select', action_id: FIELD.customerType, options: customerTypes, ...(picked ? { initial_option: picked } : {}) },
      });
    }
  }
  blocks.push({
    type: 'input',
    block_id: FIELD.nextFollowUp,
    optional: true,
    label: { type: 'plain_text', text: labels.nextFollowUpDay },
    element: { type: 'datepicker', action_id: FIELD.nextFollowUp, ...(options.values.nextFollowUpDay ? { initial_date: options.values.nextFollowUpDay } : {}) },
  });
  return {
    type: 'modal',
    callback_id: VIEW.editLead,
    title: { type: 'plain_text', text: truncate(t.journal.editTitle(options.context.number), LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: t.modal.submit },
    close: { type: 'plain_text', text: t.modal.cancel },
    private_metadata: JSON.stringify(options.context),
    blocks,
  };
}
