import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { MAX_CAMPAIGN_LENGTH } from '../../domain/costs.js';
import type { Period } from '../../domain/periods.js';
import { monthLabel } from '../../digests/format.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import { ACTION, FIELD, VIEW } from '../ids.js';
import { LIMITS, truncate } from './limits.js';
import { textMessage, type SlackMessage } from './message.js';

/** `/lead cost` alone: the form for one cost entry (a channel or a campaign, an amount, a month). */

/** The months the form offers, newest first: the current one and the eleven before it (a year of spend to catch up on). */
export const COST_MONTHS_OFFERED = 12;

function option(value: string, text: string): PlainTextOption {
  return { value, text: { type: 'plain_text', text: truncate(text, LIMITS.optionText) } };
}

export function costModal(
  locale: Locale,
  context: { channelId?: string; currency: string; timeZone: string },
  channels: Array<{ key: string; label: string }>,
  months: Array<{ value: string; month: Pick<Period, 'start'> }>,
): ModalView {
  const t = messagesFor(locale);
  const c = t.costs;
  const monthOptions = months.map((month) => option(month.value, monthLabel(month.month.start, context.timeZone, locale)));
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'plain_text', text: c.intro(context.currency) } },
    {
      type: 'input',
      block_id: FIELD.costChannel,
      optional: true,
      label: { type: 'plain_text', text: c.channelLabel },
      hint: { type: 'plain_text', text: c.channelHint },
      // Slack offers at most 100 options.
      element: { type: 'static_select', action_id: FIELD.costChannel, options: channels.slice(0, 100).map((channel) => option(channel.key, channel.label)) },
    },
    {
      type: 'input',
      block_id: FIELD.costCampaign,
      optional: true,
      label: { type: 'plain_text', text: c.campaignLabel },
      element: { type: 'plain_text_input', action_id: FIELD.costCampaign, max_length: MAX_CAMPAIGN_LENGTH, placeholder: { type: 'plain_text', text: c.campaignPlaceholder } },
    },
    {
      type: 'input',
      block_id: FIELD.costAmount,
      label: { type: 'plain_text', text: c.amountLabel },
      element: { type: 'plain_text_input', action_id: FIELD.costAmount, max_length: 40, placeholder: { type: 'plain_text', text: c.amountPlaceholder } },
    },
    {
      type: 'input',
      block_id: FIELD.costMonth,
      label: { type: 'plain_text', text: c.monthLabel },
      element: { type: 'static_select', action_id: FIELD.costMonth, options: monthOptions, initial_option: monthOptions[0]! },
    },
  ];
  return {
    type: 'modal',
    callback_id: VIEW.cost,
    title: { type: 'plain_text', text: truncate(c.modalTitle, LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: c.submit },
    close: { type: 'plain_text', text: t.modal.cancel },
    private_metadata: JSON.stringify({ channelId: context.channelId }),
    blocks,
  };
}

/** "¥5,000 recorded for 抖音, November 2026; 抖音's November total ¥12,000." */
export function costRecordedMessage(
  locale: Locale,
  recorded: { entryId: number; targetLabel: string; amount: string; total: string; monthStart: Date; timeZone: string },
): SlackMessage {
  const c = messagesFor(locale).costs;
  const text = c.recorded(recorded.amount, recorded.targetLabel, monthLabel(recorded.monthStart, recorded.timeZone, locale), monthLabel(recorded.monthStart, recorded.timeZone, locale, false), recorded.total);
  return {
    text,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text },
        // A typo in an amount is fixed by taking the entry back and recording it again.
        accessory: { type: 'button', action_id: ACTION.removeCost, text: { type: 'plain_text', text: c.remove }, value: String(recorded.entryId) },
      },
    ],
  };
}

/** After the entry was taken back. */
export function costRemovedMessage(locale: Locale, removed: { targetLabel: string; amount: string; monthStart: Date; timeZone: string }): SlackMessage {
  return textMessage(messagesFor(locale).costs.removed(removed.amount, removed.targetLabel, monthLabel(removed.monthStart, removed.timeZone, locale)));
}
