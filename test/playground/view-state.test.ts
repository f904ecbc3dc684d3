import { describe, expect, it } from 'vitest';
import { renderView } from '../../src/playground/page/block-kit.js';
import { controlAction, elementOptions, formStateValues, stateValue, stateValues, viewInputs, type FormInput } from '../../src/playground/page/view-state.js';
import { localDateTimeValue, unixSecondsOfLocal } from '../../src/playground/page/zoned-time.js';
import { testContext } from './context.js';
import { tagsWith } from './html.js';

const input = (elementType: string, values: string[], options?: FormInput['options']): FormInput => ({ blockId: 'b', actionId: 'a', elementType, values, ...(options ? { options } : {}) });
const value = (elementType: string, values: string[], options?: FormInput['options']) => stateValue(input(elementType, values, options), 'Asia/Shanghai');

describe('stateValue: each element type as Slack sends it', () => {
  it('text inputs: the text, or null when empty', () => {
    for (const type of ['plain_text_input', 'email_text_input', 'url_text_input', 'number_input']) {
      expect(value(type, ['42'])).toEqual({ type, value: '42' });
      expect(value(type, [''])).toEqual({ type, value: null });
      expect(value(type, [])).toEqual({ type, value: null });
    }
  });

  it('single choices: the whole option as the view defined it, or null', () => {
    const options = [{ value: 'ENTERPRISE', text: 'Enterprise' }, { value: 'x', text: { type: 'mrkdwn' as const, text: '*X*' }, description: 'the x' }];
    expect(value('static_select', ['ENTERPRISE'], options)).toEqual({ type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Enterprise' }, value: 'ENTERPRISE' } });
    expect(value('radio_buttons', ['x'], options)).toEqual({ type: 'radio_buttons', selected_option: { text: { type: 'mrkdwn', text: '*X*' }, value: 'x', description: { type: 'plain_text', text: 'the x' } } });
    expect(value('external_select', ['unknown'])).toEqual({ type: 'external_select', selected_option: { text: { type: 'plain_text', text: 'unknown' }, value: 'unknown' } });
    expect(value('static_select', [''])).toEqual({ type: 'static_select', selected_option: null });
  });

  it('multiple choices: the options in order, or []', () => {
    const options = [{ value: 'price', text: 'Price' }, { value: 'timing', text: 'Timing' }];
    expect(value('multi_static_select', ['timing', 'price'], options)).toEqual({
      type: 'multi_static_select',
      selected_options: [{ text: { type: 'plain_text', text: 'Timing' }, value: 'timing' }, { text: { type: 'plain_text', text: 'Price' }, value: 'price' }],
    });
    expect(value('checkboxes', [])).toEqual({ type: 'checkboxes', selected_options: [] });
    expect(value('multi_external_select', [''])).toEqual({ type: 'multi_external_select', selected_options: [] });
  });

  it('people and conversations: ids, or null / []', () => {
    expect(value('users_select', ['U1'])).toEqual({ type: 'users_select', selected_user: 'U1' });
    expect(value('users_select', [''])).toEqual({ type: 'users_select', selected_user: null });
    expect(value('multi_users_select', ['U1', 'U2'])).toEqual({ type: 'multi_users_select', selected_users: ['U1', 'U2'] });
    expect(value('conversations_select', [])).toEqual({ type: 'conversations_select', selected_conversation: null });
    expect(value('multi_conversations_select', ['C1'])).toEqual({ type: 'multi_conversations_select', selected_conversations: ['C1'] });
    expect(value('channels_select', ['C1'])).toEqual({ type: 'channels_select', selected_channel: 'C1' });
    expect(value('multi_channels_select', [])).toEqual({ type: 'multi_channels_select', selected_channels: [] });
  });

  it('dates and times: the day, the time, the instant in unix seconds, or null', () => {
    expect(value('datepicker', ['2023-11-15'])).toEqual({ type: 'datepicker', selected_date: '2023-11-15' });
    expect(value('datepicker', [''])).toEqual({ type: 'datepicker', selected_date: null });
    expect(value('timepicker', ['09:30'])).toEqual({ type: 'timepicker', selected_time: '09:30' });
    expect(value('datetimepicker', ['2023-11-15T06:13'])).toEqual({ type: 'datetimepicker', selected_date_time: 1_699_999_980 });
    expect(value('datetimepicker', [''])).toEqual({ type: 'datetimepicker', selected_date_time: null });
    expect(value('datetimepicker', ['not a time'])).toEqual({ type: 'datetimepicker', selected_date_time: null });
  });

  it('rich text input: the text as a rich text value', () => {
    expect(value('rich_text_input', ['hi'])).toEqual({ type: 'rich_text_input', rich_text_value: { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'hi' }] }] } });
  });
});

describe('stateValues and controlAction', () => {
  it('groups by block_id then action_id', () => {
    expect(
      stateValues(
        [
          { blockId: 'goal', actionId: 'metric', elementType: 'static_select', values: ['NEW_LEADS'], options: [{ value: 'NEW_LEADS', text: 'New leads' }] },
          { blockId: 'goal', actionId: 'target', elementType: 'plain_text_input', values: ['40'] },
          { blockId: 'owner', actionId: 'owner', elementType: 'users_select', values: [] },
        ],
        'UTC',
      ),
    ).toEqual({
      goal: { metric: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'New leads' }, value: 'NEW_LEADS' } }, target: { type: 'plain_text_input', value: '40' } },
      owner: { owner: { type: 'users_select', selected_user: null } },
    });
  });

  it('builds the action of a block_actions payload for a changed control', () => {
    expect(controlAction(input('datepicker', ['2023-11-20']), 'UTC', '1700000000.000100')).toEqual({ type: 'datepicker', selected_date: '2023-11-20', action_id: 'a', block_id: 'b', action_ts: '1700000000.000100' });
  });
});

describe('datetimepicker wall clock and instant', () => {
  it('round-trips in zones with and without daylight saving time', () => {
    for (const zone of ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Adelaide']) {
      for (const seconds of [1_700_000_000, 1_710_054_000, 1_730_620_800, 1_719_792_000]) {
        expect(unixSecondsOfLocal(localDateTimeValue(seconds, zone), zone), `${zone} ${seconds}`).toBe(seconds - (seconds % 60));
      }
    }
    expect(localDateTimeValue(1_700_000_000, 'America/New_York')).toBe('2023-11-14T17:13');
    // The hour after 02:00 on a spring-forward day does not exist; it lands an hour later, as a picker would.
    expect(localDateTimeValue(unixSecondsOfLocal('2024-03-10T02:30', 'America/New_York')!, 'America/New_York')).toBe('2024-03-10T03:30');
    // 01:30 on a fall-back day happens twice; a picker cannot say which, and the first one is taken.
    expect(unixSecondsOfLocal('2024-11-03T01:30', 'America/New_York')).toBe(1_730_611_800);
  });
});

describe('reading a rendered modal back', () => {
  const view = {
    type: 'modal',
    title: { type: 'plain_text', text: 'Form' },
    blocks: [
      { type: 'input', label: { type: 'plain_text', text: 'No ids' }, element: { type: 'plain_text_input' } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Pick' }, accessory: { type: 'static_select', options: [{ text: { type: 'plain_text', text: 'One' }, value: '1' }] } },
      {
        type: 'actions',
        block_id: 'acts',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Not state' }, action_id: 'btn' },
          null,
          { type: 'checkboxes', action_id: 'boxes', options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }] },
        ],
      },
      { type: 'input', block_id: 'grouped', label: { type: 'plain_text', text: 'Grouped' }, element: { type: 'static_select', action_id: 'g', option_groups: [{ label: { type: 'plain_text', text: 'G' }, options: [{ text: { type: 'plain_text', text: 'Gee' }, value: 'gee' }] }] } },
      { type: 'input', block_id: 'ext', label: { type: 'plain_text', text: 'External' }, element: { type: 'external_select', action_id: 'e', initial_option: { text: { type: 'plain_text', text: 'Preset' }, value: 'p' } } },
    ],
  };

  it('finds every stateful control under the name the renderer gave it, generated ids included', () => {
    const html = renderView(view, testContext());
    const renderedNames = [...new Set(tagsWith(html, { name: true }).map((tag) => tag.attrs.name))];
    const inputs = viewInputs(view);
    expect(inputs.map((item) => item.name)).toEqual(renderedNames);
    expect(inputs.map((item) => item.elementType)).toEqual(['plain_text_input', 'static_select', 'checkboxes', 'static_select', 'external_select']);
    expect(inputs[2]).toMatchObject({ blockId: 'acts', actionId: 'boxes' });
  });

  it('reads values through the form reader, with options from groups and an external select\'s initial option', () => {
    const [free, accessory] = viewInputs(view);
    const entered: Record<string, string[]> = { [free!.name]: ['typed'], [accessory!.name]: ['1'], 'acts/boxes': ['a'], 'grouped/g': ['gee'], 'ext/e': ['p'] };
    const state = formStateValues(view, (name) => entered[name] ?? [], 'UTC');
    expect(state[free!.blockId]![free!.actionId]).toEqual({ type: 'plain_text_input', value: 'typed' });
    expect(state[accessory!.blockId]![accessory!.actionId]!.selected_option).toEqual({ text: { type: 'plain_text', text: 'One' }, value: '1' });
    expect(state.acts!.boxes!.selected_options).toEqual([{ text: { type: 'plain_text', text: 'A' }, value: 'a' }]);
    expect(state.grouped!.g!.selected_option).toEqual({ text: { type: 'plain_text', text: 'Gee' }, value: 'gee' });
    expect(state.ext!.e!.selected_option).toEqual({ text: { type: 'plain_text', text: 'Preset' }, value: 'p' });
    expect(elementOptions({ options: [{ value: 'x' }, 'junk', { value: 'y', text: { type: 'plain_text', text: 'Y' } }] })).toEqual([{ value: 'y', text: { type: 'plain_text', text: 'Y' } }]);
  });
});
