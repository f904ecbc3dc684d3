import { formatMoney } from '../../digests/format.js';
import { DERIVED_FIELDS, fieldsOf, type ActivityEntry, type LeadField, type LeadPatch } from '../../domain/journal.js';
import type { Stage } from '../../domain/stages.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import { escapeInline, lossReasonLabel, mentionUser, slackDate, stageLabel } from '../text.js';
import { truncate } from './limits.js';

/** The journal in plain words, for the card's timeline and for replies about a change. */

export interface JournalContext {
  locale: Locale;
  timeZone: string;
  currency: string;
}

/** Longer values are cut in a timeline line; the card shows the field in full. */
const SHOWN_VALUE_LENGTH = 60;

/** A note is cut in a timeline line too; the card's follow-ups and `leadops activity` show it whole. */
const NOTE_LENGTH = 200;

function shownValue(field: LeadField, patch: LeadPatch, context: JournalContext): string {
  const t = messagesFor(context.locale);
  const value = patch[field];
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return t.journal.none;
  if (field === 'stage') return stageLabel(value as Stage, context.locale);
  if (field === 'ownerId') return mentionUser(value as string);
  if (field === 'customerType') return value === 'ENTERPRISE' ? t.card.enterprise : t.card.individual;
  if (field === 'lossReasons') return (value as Array<{ key: string; label: string }>).map((tag) => escapeInline(lossReasonLabel(tag, context.locale))).join(', ');
  if (typeof value === 'bigint') return formatMoney(value, context.currency, context.locale);
  if (value instanceof Date) return slackDate(value, context.timeZone, 'date');
  return escapeInline(truncate(String(value), SHOWN_VALUE_LENGTH));
}

/** The fields a person would name: a derived key is part of its source, a stage's timestamps part of the move. */
function namedFields(patch: LeadPatch): LeadField[] {
  return fieldsOf(patch).filter((field) => !DERIVED_FIELDS.has(field));
}

export function fieldList(fields: readonly LeadField[], locale: Locale): string {
  const names = messagesFor(locale).journal.fields;
  return fields.map((field) => names[field]).join(locale === 'zh' ? '、' : ', ');
}

/** What an entry did, without who or when: "Contacted → Proposal", "industry 教育 → 医疗". */
export function describeEntry(entry: ActivityEntry, locale: Locale, context: Omit<JournalContext, 'locale'> = { timeZone: 'UTC', currency: 'CNY' }): string {
  const full = { ...context, locale };
  const t = messagesFor(locale).journal;
  const stageChange = entry.before.stage !== undefined && entry.after.stage !== undefined;
  if (stageChange) return t.stageChange(shownValue('stage', entry.before, full), shownValue('stage', entry.after, full));
  const fields = namedFields(entry.after);
  if (fields.length === 1) {
    const field = fields[0]!;
    return t.fieldChange(t.fields[field], shownValue(field, entry.before, full), shownValue(field, entry.after, full));
  }
  return fieldList(fields, locale);
}

/** One timeline line: who did what, when, and the note they left. */
export function entryLine(entry: ActivityEntry, context: JournalContext): string {
  const t = messagesFor(context.locale).journal;
  const by = mentionUser(entry.byId);
  const what = (() => {
    switch (entry.kind) {
      case 'created':
        return t.lineCreated(by);
      case 'stage':
        if (entry.after.stage === 'WON') return t.lineWon(by, entry.after.dealAmountMinor ? shownValue('dealAmountMinor', entry.after, context) : '');
        // History from before the journal has no reasons in its entry: then none are named.
        if (entry.after.stage === 'LOST') return t.lineLost(by, entry.after.lossReasons?.length ? shownValue('lossReasons', entry.after, context) : '');
        return t.lineMoved(by, shownValue('stage', entry.before, context), shownValue('stage', entry.after, context));
      case 'owner':
        return t.lineReassigned(by, shownValue('ownerId', entry.before, context), shownValue('ownerId', entry.after, context));
      case 'reopen':
        return t.lineReopened(by, shownValue('stage', entry.before, context), shownValue('stage', entry.after, context));
      case 'revert':
        return t.lineUndid(by, describeEntry(entry, context.locale, context));
      case 'note':
        return t.lineNoted(by, `_${escapeInline(truncate(entry.note ?? '', NOTE_LENGTH))}_`);
      case 'signal': {
        const signals = messagesFor(context.locale).scoring.signals;
        const kind = entry.note ?? '';
        return t.lineSignal(by, kind in signals ? signals[kind as keyof typeof signals] : escapeInline(kind));
      }
      case 'pool':
        if (!entry.after.pooledAt) return t.lineClaimed(by);
        return entry.via === 'system' ? t.lineReturnedToPool : t.lineReleased(by);
      default: {
        const fields = namedFields(entry.after);
        if (fields.length === 1) return t.lineChanged(by, t.fields[fields[0]!], shownValue(fields[0]!, entry.before, context), shownValue(fields[0]!, entry.after, context));
        return t.lineChangedMany(by, fieldList(fields, context.locale));
      }
    }
  })();
  // A signal's note is its kind, already named in the line.
  const note = entry.note && entry.kind !== 'note' && entry.kind !== 'signal' ? ` — _${escapeInline(truncate(entry.note, NOTE_LENGTH))}_` : '';
  return `• ${what}${note} · ${slackDate(entry.at, context.timeZone, 'ago')}`;
}

/** "<@U1> changed industry; <@U2> moved the stage", for a form that was overtaken. */
export function changeSummary(changes: ReadonlyArray<{ byId: string; fields: string[] }>, locale: Locale): string {
  const t = messagesFor(locale).journal;
  if (changes.length === 0) return t.someoneChanged;
  return changes.map((change) => t.whoChanged(mentionUser(change.byId), fieldList(change.fields as LeadField[], locale))).join(locale === 'zh' ? '；' : '; ');
}
