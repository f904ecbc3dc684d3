import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { FLAG_MARGIN_RANGE } from '../../domain/bottlenecks.js';
import { SCORE_RANGE } from '../../domain/scoring.js';
import { MAX_FOLLOW_UP_DAYS } from '../../domain/follow-ups.js';
import { LOCALES } from '../../domain/locale.js';
import { CADENCE_FIELDS, MIN_SETTING_DAYS, type TeamSettings } from '../../domain/settings.js';
import { OPEN_STAGES, type OpenStage } from '../../domain/stages.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import { FIELD, VIEW } from '../ids.js';
import { escapeText, stageLabel } from '../text.js';
import { LIMITS, truncate } from './limits.js';
import type { SlackMessage } from './message.js';

/** `/lead config`: the modal with the team's settings, and the summary after a save. */

/** The block of each stage's cadence input, named as the domain names its field. */
export const CADENCE_BLOCKS: Readonly<Record<OpenStage, string>> = {
  ACQUIRED: FIELD.cadenceAcquired,
  CONTACTED: FIELD.cadenceContacted,
  DISCOVERY: FIELD.cadenceDiscovery,
  PROPOSAL: FIELD.cadenceProposal,
  NEGOTIATION: FIELD.cadenceNegotiation,
};

/** Where each setting's input sits, for errors shown beside it. */
export const SETTINGS_BLOCKS: Record<string, string> = {
  teamTimeZone: FIELD.settingsTimeZone,
  teamLocale: FIELD.settingsLocale,
  currency: FIELD.settingsCurrency,
  ...Object.fromEntries(OPEN_STAGES.map((stage) => [CADENCE_FIELDS[stage], CADENCE_BLOCKS[stage]])),
  zombieAfterDays: FIELD.zombieAfterDays,
  untouchedAfterDays: FIELD.untouchedAfterDays,
  poolAfterDays: FIELD.poolAfterDays,
  digestChannel: FIELD.digestChannel,
  alignmentChannel: FIELD.alignmentChannel,
  flagMargin: FIELD.flagMargin,
  mqlThreshold: FIELD.mqlThreshold,
};

function input(blockId: string, label: string, element: Record<string, unknown>, options: { optional?: boolean; hint?: string } = {}): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: options.optional ?? false,
    label: { type: 'plain_text', text: label },
    ...(options.hint ? { hint: { type: 'plain_text', text: options.hint } } : {}),
    element: { action_id: blockId, ...element },
  } as KnownBlock;
}

/** Slack's client refuses numbers outside these; the domain checks them again for a forged submission. */
function daysInput(blockId: string, label: string, days: number | null, options: { optional?: boolean; hint?: string } = {}): KnownBlock {
  return input(
    blockId,
    label,
    { type: 'number_input', is_decimal_allowed: false, min_value: String(MIN_SETTING_DAYS), max_value: String(MAX_FOLLOW_UP_DAYS), ...(days !== null ? { initial_value: String(days) } : {}) },
    options,
  );
}

/**
 * A channel picker that can be emptied again: a single channels_select offers no way to
 * clear it once picked, so this is a multi-select of at most one.
 */
function channelInput(blockId: string, label: string, channelId: string | null, hint: string): KnownBlock {
  return input(blockId, label, { type: 'multi_channels_select', max_selected_items: 1, ...(channelId ? { initial_channels: [channelId] } : {}) }, { optional: true, hint });
}

export function settingsModal(locale: Locale, settings: TeamSettings, context: { channelId?: string }): ModalView {
  const t = messagesFor(locale);
  const s = t.settings;
  const localeOptions: PlainTextOption[] = LOCALES.map((value) => ({ value, text: { type: 'plain_text', text: s.localeNames[value] } }));
  const blocks: KnownBlock[] = [
    input(FIELD.settingsTimeZone, s.timeZone, { type: 'plain_text_input', max_length: 64, initial_value: settings.timeZone }, { hint: s.timeZoneHint }),
    input(FIELD.settingsLocale, s.locale, { type: 'static_select', options: localeOptions, initial_option: localeOptions.find((option) => option.value === settings.locale) }, { hint: s.localeHint }),
    input(FIELD.settingsCurrency, s.currency, { type: 'plain_text_input', max_length: 3, min_length: 3, initial_value: settings.currency }, { hint: s.currencyHint }),
    { type: 'divider' },
    { type: 'section', text: { type: 'mrkdwn', text: s.cadenceTitle } },
    ...OPEN_STAGES.map((stage) => daysInput(CADENCE_BLOCKS[stage], s.cadence(stageLabel(stage, locale)), settings.cadenceDays[stage])),
    daysInput(FIELD.zombieAfterDays, s.zombie, settings.zombieAfterDays),
    daysInput(FIELD.untouchedAfterDays, s.untouched, settings.untouchedAfterDays),
    daysInput(FIELD.poolAfterDays, s.pool, settings.poolAfterDays, { optional: true, hint: s.poolHint }),
    { type: 'divider' },
    channelInput(FIELD.digestChannel, s.digestChannel, settings.digestChannelId, s.digestChannelHint),
    channelInput(FIELD.alignmentChannel, s.alignmentChannel, settings.alignmentChannelId, s.alignmentChannelHint),
    input(
      FIELD.flagMargin,
      s.flagMargin,
      { type: 'number_input', is_decimal_allowed: false, min_value: String(FLAG_MARGIN_RANGE.min), max_value: String(FLAG_MARGIN_RANGE.max), initial_value: String(settings.flagMarginPoints) },
      { hint: s.flagMarginHint },
    ),
    input(
      FIELD.mqlThreshold,
      s.mql,
      { type: 'number_input', is_decimal_allowed: false, min_value: String(SCORE_RANGE.min), max_value: String(SCORE_RANGE.max), initial_value: String(settings.mqlThreshold) },
      { hint: s.mqlHint },
    ),
  ];
  return {
    type: 'modal',
    callback_id: VIEW.settings,
    title: { type: 'plain_text', text: truncate(s.modalTitle, LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: s.save },
    close: { type: 'plain_text', text: t.modal.cancel },
    private_metadata: JSON.stringify({ channelId: context.channelId }),
    blocks,
  };
}

/** Each line of the summary: a label and the setting's value in words. */
function summaryLines(locale: Locale, settings: TeamSettings): Array<[string, string]> {
  const s = messagesFor(locale).settings;
  const channel = (id: string | null, none: string) => (id ? `<#${id}>` : none);
  return [
    [s.labels.timeZone, escapeText(settings.timeZone)],
    [s.labels.locale, s.localeNames[settings.locale]],
    [s.labels.currency, escapeText(settings.currency)],
    [s.labels.cadence, OPEN_STAGES.map((stage) => s.cadenceValue(stageLabel(stage, locale), settings.cadenceDays[stage])).join(' · ')],
    [s.labels.zombie, s.days(settings.zombieAfterDays)],
    [s.labels.untouched, s.days(settings.untouchedAfterDays)],
    [s.labels.pool, settings.poolAfterDays === null ? s.poolOff : s.poolAfter(s.days(settings.poolAfterDays))],
    [s.labels.digestChannel, channel(settings.digestChannelId, s.digestDefault)],
    [s.labels.alignmentChannel, channel(settings.alignmentChannelId, s.notSet)],
    [s.labels.flagMargin, s.points(settings.flagMarginPoints)],
    [s.labels.mql, s.mqlFrom(settings.mqlThreshold)],
  ];
}

/** After a save: how many settings changed, then every setting, the changed ones with what they were. */
export function settingsSummary(locale: Locale, saved: { before: TeamSettings; after: TeamSettings; changedCount: number }): SlackMessage {
  const s = messagesFor(locale).settings;
  const headline = saved.changedCount > 0 ? s.saved(saved.changedCount) : s.unchanged;
  const was = summaryLines(locale, saved.before);
  const lines = summaryLines(locale, saved.after).map(([label, value], index) => (value === was[index]![1] ? s.line(label, value) : s.changedLine(label, value, was[index]![1])));
  return {
    text: headline,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: headline } },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), LIMITS.sectionText) } },
    ],
  };
}
