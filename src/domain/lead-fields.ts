import { minorUnits, parseAmount } from './amount.js';
import { InvalidAmount } from './errors.js';
import { FieldCheck, MAX_LOSS_REASONS, type FieldName } from './fields.js';
import type { LeadPatch } from './journal.js';
import { PHONE_DIGITS } from './lead-keys.js';
import { normalizeSourceChannel } from './tags.js';
import { teamDayFromIso } from './team-time.js';
import type { NormalizedTag } from './tags.js';

export const CUSTOMER_TYPES = ['ENTERPRISE', 'INDIVIDUAL'] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** A lead as it is stored when added: every field already within its limits. */
export interface NewLead {
  name: string;
  sourceChannel?: string;
  campaign?: string;
  contentAsset?: string;
  customerType?: CustomerType;
  industry?: string;
  contactEmail?: string;
  contactPhone?: string;
  ownerId: string;
  acquiredAt: Date;
  nextFollowUpAt?: Date;
  notes?: string;
}

/** A new lead as a form, a command or a sheet row gives it: text as typed, nothing checked. */
export interface NewLeadDraft {
  name?: string | null;
  sourceChannel?: string | null;
  campaign?: string | null;
  contentAsset?: string | null;
  customerType?: string | null;
  industry?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  ownerId?: string | null;
  acquiredAt?: Date;
  /** `YYYY-MM-DD`, a day in the team's zone. */
  nextFollowUpDay?: string | null;
  notes?: string | null;
}

/** One @, something before it, a dot in what follows: what a person can mistype is caught, not every RFC 5322 corner. */
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>.]+$/u;
/** Digits and what people write between them: +86 138-0013-8000, (010) 6552 1234 ext. 8. */
const PHONE = /^\+?[\d\s\-().]+(?:\s*(?:ext\.?|x|转)\s*\d+)?$/iu;

function contactEmail(check: FieldCheck, value: string | null | undefined): string | undefined {
  const email = check.text('contactEmail', value?.normalize('NFKC'));
  if (email === undefined) return undefined;
  if (EMAIL.test(email)) return email;
  check.problem({ field: 'contactEmail', kind: 'invalid' });
  return undefined;
}

function contactPhone(check: FieldCheck, value: string | null | undefined): string | undefined {
  const phone = check.text('contactPhone', value?.normalize('NFKC'));
  if (phone === undefined) return undefined;
  const digits = phone.replace(/\D/g, '').length;
  if (PHONE.test(phone) && digits >= PHONE_DIGITS.min && digits <= PHONE_DIGITS.max) return phone;
  check.problem({ field: 'contactPhone', kind: 'invalid' });
  return undefined;
}

/** A clock a minute ahead of ours is still "now", not the future. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Checks a new lead field by field and returns it ready to store, or throws
 * InvalidFields naming every field that is refused.
 */
export function checkNewLead(draft: NewLeadDraft, context: { now: Date; timeZone: string; callerId: string }): NewLead {
  const check = new FieldCheck();
  const name = check.text('leadName', draft.name, { required: true });
  const lead = {
    sourceChannel: check.text('sourceChannel', draft.sourceChannel),
    campaign: check.text('campaign', draft.campaign),
    contentAsset: check.text('contentAsset', draft.contentAsset),
    customerType: check.choice('customerType', draft.customerType, CUSTOMER_TYPES),
    industry: check.text('industry', draft.industry),
    contactEmail: contactEmail(check, draft.contactEmail),
    contactPhone: contactPhone(check, draft.contactPhone),
    ownerId: check.userId('owner', draft.ownerId) ?? context.callerId,
    acquiredAt: draft.acquiredAt ?? context.now,
    notes: check.text('leadNotes', draft.notes),
  };
  if (Number.isNaN(lead.acquiredAt.getTime())) check.problem({ field: 'acquiredAt', kind: 'invalid' });
  else if (lead.acquiredAt.getTime() > context.now.getTime() + CLOCK_SKEW_MS) check.problem({ field: 'acquiredAt', kind: 'in_future' });
  const nextFollowUpAt = check.dayFromToday('nextFollowUp', draft.nextFollowUpDay, context);
  check.done();
  return { ...lead, name: name!, nextFollowUpAt };
}

/** What closing a lead carries besides the stage: loss reasons (each short, not too many) and a note. */
export function checkCloseDetails(input: { reasons?: readonly NormalizedTag[]; note?: string | null }): { reasons: NormalizedTag[]; note?: string } {
  const check = new FieldCheck();
  const reasons = [...(input.reasons ?? [])];
  for (const reason of reasons) check.text('lossReason', reason.label);
  check.count('lossReason', reasons.length, MAX_LOSS_REASONS);
  const note = check.text('changeNote', input.note);
  check.done();
  return { reasons, note };
}

/** The edit form as submitted: every field of the sheet a person may correct, as typed; empty clears it. */
export interface LeadEditDraft {
  name?: string | null;
  sourceChannel?: string | null;
  campaign?: string | null;
  contentAsset?: string | null;
  customerType?: string | null;
  industry?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  dealAmount?: string | null;
  acquisitionCost?: string | null;
  notes?: string | null;
  budget?: string | null;
  authority?: string | null;
  need?: string | null;
  timeline?: string | null;
  /** `YYYY-MM-DD`, a day in the team's zone. */
  nextFollowUpDay?: string | null;
}

/**
 * Checks an edit and returns the values to write: only the fields the draft carries,
 * each within its limit (an amount as parseAmount reads it), or throws InvalidFields.
 */
export function checkLeadEdit(draft: LeadEditDraft, context: { now: Date; timeZone: string }): LeadPatch {
  const check = new FieldCheck();
  const patch: LeadPatch = {};
  const has = (key: keyof LeadEditDraft) => key in draft;
  const money = (field: FieldName, text: string | null | undefined): bigint | null => {
    if (!text?.trim()) return null;
    try {
      return minorUnits(parseAmount(text));
    } catch (error) {
      if (!(error instanceof InvalidAmount)) throw error;
      check.problem({ field, kind: 'invalid' });
      return null;
    }
  };
  if (has('name')) patch.name = check.text('leadName', draft.name, { required: true });
  if (has('sourceChannel')) {
    patch.sourceChannel = check.text('sourceChannel', draft.sourceChannel) ?? null;
    patch.sourceChannelKey = patch.sourceChannel ? normalizeSourceChannel(patch.sourceChannel)?.key ?? null : null;
  }
  if (has('campaign')) patch.campaign = check.text('campaign', draft.campaign) ?? null;
  if (has('contentAsset')) patch.contentAsset = check.text('contentAsset', draft.contentAsset) ?? null;
  if (has('customerType')) patch.customerType = check.choice('customerType', draft.customerType, CUSTOMER_TYPES) ?? null;
  if (has('industry')) patch.industry = check.text('industry', draft.industry) ?? null;
  if (has('contactEmail')) patch.contactEmail = contactEmail(check, draft.contactEmail) ?? null;
  if (has('contactPhone')) patch.contactPhone = contactPhone(check, draft.contactPhone) ?? null;
  if (has('dealAmount')) patch.dealAmountMinor = money('dealAmount', draft.dealAmount);
  if (has('acquisitionCost')) patch.acquisitionCostMinor = money('acquisitionCost', draft.acquisitionCost);
  if (has('notes')) patch.notes = check.text('leadNotes', draft.notes) ?? null;
  for (const field of ['budget', 'authority', 'need', 'timeline'] as const) if (has(field)) patch[field] = check.text(field, draft[field]) ?? null;
  if (has('nextFollowUpDay')) {
    patch.nextFollowUpAt = null;
    if (draft.nextFollowUpDay) {
      const day = teamDayFromIso(draft.nextFollowUpDay, context.timeZone);
      if (!day) check.problem({ field: 'nextFollowUp', kind: 'invalid' });
      else patch.nextFollowUpAt = day;
    }
  }
  check.done();
  return patch;
}
