import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { GOAL_METRICS, type GoalMetric } from '../../domain/goals.js';
import { messagesFor, type Locale } from '../../i18n/messages.js';
import { FIELD, VIEW } from '../ids.js';
import { LIMITS, truncate } from './limits.js';

export const GOAL_PERIOD_CHOICES = ['this-week', 'this-month', 'this-quarter', 'next-month', 'custom'] as const;
export type GoalPeriodChoice = (typeof GOAL_PERIOD_CHOICES)[number];

/** What the modal shows, and carries in private_metadata (the goal being edited). */
export interface GoalFormValues {
  goalId?: number;
  channelId?: string;
  metric?: GoalMetric;
  target?: string;
  period?: GoalPeriodChoice;
  from?: string;
  to?: string;
  ownerId?: string;
  channelKey?: string;
  /** The baseline line, already worded. */
  baselineText?: string;
}

function option(value: string, text: string): PlainTextOption {
  return { value, text: { type: 'plain_text', text: truncate(text, LIMITS.optionText) } };
}

export function goalModal(locale: Locale, values: GoalFormValues, channels: Array<{ key: string; label: string }>): ModalView {
  const t = messagesFor(locale);
  const g = t.goals;
  const metricOptions = GOAL_METRICS.map((metric) => option(metric, g.metrics[metric]));
  const periodOptions = GOAL_PERIOD_CHOICES.map((choice) => option(choice, g.periods[choice]));
  const channelOptions = channels.slice(0, 100).map((channel) => option(channel.key, channel.label));
  const initial = (options: PlainTextOption[], value?: string) => options.find((candidate) => candidate.value === value);

  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: FIELD.goalMetric,
      dispatch_action: true,
      label: { type: 'plain_text', text: g.metric },
      element: { type: 'static_select', action_id: FIELD.goalMetric, options: metricOptions, ...(initial(metricOptions, values.metric) ? { initial_option: initial(metricOptions, values.metric) } : {}) },
    },
    { type: 'context', block_id: FIELD.goalBaseline, elements: [{ type: 'mrkdwn', text: values.baselineText ?? g.baselineUnknown }] },
    {
      type: 'input',
      block_id: FIELD.goalTarget,
      label: { type: 'plain_text', text: g.target },
      hint: { type: 'plain_text', text: g.targetHint },
      element: { type: 'plain_text_input', action_id: FIELD.goalTarget, max_length: 20, ...(values.target ? { initial_value: values.target } : {}) },
    },
    {
      type: 'input',
      block_id: FIELD.goalPeriod,
      dispatch_action: true,
      label: { type: 'plain_text', text: g.period },
      element: { type: 'static_select', action_id: FIELD.goalPeriod, options: periodOptions, ...(initial(periodOptions, values.period) ? { initial_option: initial(periodOptions, values.period) } : {}) },
    },
    {
      type: 'input',
      block_id: FIELD.goalFrom,
      optional: true,
      label: { type: 'plain_text', text: g.from },
      element: { type: 'datepicker', action_id: FIELD.goalFrom, ...(values.from ? { initial_date: values.from } : {}) },
    },
    {
      type: 'input',
      block_id: FIELD.goalTo,
      optional: true,
      label: { type: 'plain_text', text: g.to },
      element: { type: 'datepicker', action_id: FIELD.goalTo, ...(values.to ? { initial_date: values.to } : {}) },
    },
    {
      type: 'input',
      block_id: FIELD.goalOwner,
      optional: true,
      dispatch_action: true,
      label: { type: 'plain_text', text: g.owner },
      hint: { type: 'plain_text', text: g.scopeHint },
      element: { type: 'users_select', action_id: FIELD.goalOwner, ...(values.ownerId ? { initial_user: values.ownerId } : {}) },
    },
    {
      type: 'input',
      block_id: FIELD.goalChannel,
      optional: true,
      dispatch_action: true,
      label: { type: 'plain_text', text: g.sourceChannel },
      element: { type: 'static_select', action_id: FIELD.goalChannel, options: channelOptions, ...(initial(channelOptions, values.channelKey) ? { initial_option: initial(channelOptions, values.channelKey) } : {}) },
    },
  ];
  return {
    type: 'modal',
    callback_id: VIEW.goal,
    title: { type: 'plain_text', text: truncate(values.goalId ? g.modalEditTitle : g.modalTitle, LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: t.modal.submit },
    close: { type: 'plain_text', text: t.modal.cancel },
    private_metadata: JSON.stringify({ goalId: values.goalId, channelId: values.channelId }),
    blocks,
  };
}
