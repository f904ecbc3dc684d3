import { actionIdOf, blockIdOf, controlName, STATEFUL_TYPES } from './element-attributes.js';
import { asArray, asObject, asObjects, asString, type JsonObject } from './json.js';
import { unixSecondsOfLocal } from './zoned-time.js';

/**
 * Reading a submitted modal back into Slack's `view.state.values`.
 *
 * The page collects each control's values from the form by its `name` (`block_id/action_id`,
 * as renderView() writes it), and the options to echo back from the view JSON it rendered:
 *
 *     const form = new FormData(formElement);
 *     const values = formStateValues(view, (name) => form.getAll(name).map(String), timeZone);
 *
 * or, control by control, `stateValues(viewInputs(view).map((input) => ({ ...input, values })), timeZone)`.
 */

export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
  verbatim?: boolean;
}

/** An option as Slack reports a chosen one: as the view defined it. */
export interface SlackOption {
  text: TextObject;
  value: string;
  description?: TextObject;
  url?: string;
}

export interface FormInput {
  blockId: string;
  actionId: string;
  /** The element's `type` (the control's data-element-type). */
  elementType: string;
  /**
   * What the control holds, as a form gives it: the text of a text input; the chosen option
   * values, user ids or conversation ids; yyyy-MM-dd, HH:mm, or yyyy-MM-ddTHH:mm (a
   * datetimepicker's wall clock in the reader's zone). Empty: [] or [''].
   */
  values: string[];
  /** The element's options (elementOptions()), so chosen ones go back whole; a bare text counts as plain_text. */
  options?: Array<{ value: string; text: string | TextObject; description?: string | TextObject; url?: string }>;
}

export interface ViewStateValue {
  type: string;
  value?: string | null;
  selected_option?: SlackOption | null;
  selected_options?: SlackOption[];
  selected_user?: string | null;
  selected_users?: string[];
  selected_conversation?: string | null;
  selected_conversations?: string[];
  selected_channel?: string | null;
  selected_channels?: string[];
  selected_date?: string | null;
  selected_time?: string | null;
  selected_date_time?: number | null;
  rich_text_value?: { type: 'rich_text'; elements: unknown[] };
  /** A file input's files: the page sends their ids; the playground's server fills in the rest, as Slack describes a file. */
  files?: Array<{ id: string }>;
}

export type ViewStateValues = Record<string, Record<string, ViewStateValue>>;

function asTextObject(text: string | TextObject): TextObject {
  return typeof text === 'string' ? { type: 'plain_text', text } : text;
}

function slackOption(value: string, options: FormInput['options']): SlackOption {
  const known = options?.find((option) => option.value === value);
  if (!known) return { text: { type: 'plain_text', text: value }, value };
  return {
    text: asTextObject(known.text),
    value,
    ...(known.description !== undefined ? { description: asTextObject(known.description) } : {}),
    ...(known.url !== undefined ? { url: known.url } : {}),
  };
}

function filled(values: string[]): string[] {
  return values.filter((value) => value !== '');
}

function firstOrNull(values: string[]): string | null {
  return filled(values)[0] ?? null;
}

function richTextValue(text: string | null): ViewStateValue['rich_text_value'] {
  if (text === null) return { type: 'rich_text', elements: [] };
  return { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] };
}

/** One control's entry of state.values, shaped as Slack sends that element type (null / [] when empty). */
export function stateValue(input: FormInput, timeZone: string): ViewStateValue {
  const type = input.elementType;
  const one = firstOrNull(input.values);
  const many = filled(input.values);
  switch (type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: one === null ? null : slackOption(one, input.options) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: many.map((value) => slackOption(value, input.options)) };
    case 'users_select':
      return { type, selected_user: one };
    case 'multi_users_select':
      return { type, selected_users: many };
    case 'conversations_select':
      return { type, selected_conversation: one };
    case 'multi_conversations_select':
      return { type, selected_conversations: many };
    case 'channels_select':
      return { type, selected_channel: one };
    case 'multi_channels_select':
      return { type, selected_channels: many };
    case 'datepicker':
      return { type, selected_date: one };
    case 'timepicker':
      return { type, selected_time: one };
    case 'datetimepicker':
      return { type, selected_date_time: one === null ? null : (unixSecondsOfLocal(one, timeZone) ?? null) };
    case 'rich_text_input':
      return { type, rich_text_value: richTextValue(one) };
    case 'file_input':
      // The form's values are the ids the page got for the chosen files when it handed them over.
      return { type, files: many.map((id) => ({ id })) };
    default:
      // plain_text_input, number_input (a string, as Slack sends it), email_text_input, url_text_input.
      return { type, value: one };
  }
}

/** `view.state.values` of the controls, by block_id and action_id. */
export function stateValues(inputs: FormInput[], timeZone: string): ViewStateValues {
  const state: ViewStateValues = {};
  for (const input of inputs) (state[input.blockId] ??= {})[input.actionId] = stateValue(input, timeZone);
  return state;
}

/** The `actions[0]` of a block_actions payload for a control that changed. */
export function controlAction(input: FormInput, timeZone: string, actionTs: string): Record<string, unknown> {
  return { ...stateValue(input, timeZone), action_id: input.actionId, block_id: input.blockId, action_ts: actionTs };
}

/** Every option an element offers (option groups flattened; an external select's initial ones). */
export function elementOptions(element: unknown): NonNullable<FormInput['options']> {
  const object = asObject(element) ?? {};
  const initial = [object.initial_option, ...asArray(object.initial_options)];
  const all = [...asArray(object.options), ...asObjects(object.option_groups).flatMap((group) => asArray(group.options)), ...initial];
  const seen = new Set<string>();
  return asObjects(all).flatMap((option) => {
    const value = asString(option.value);
    const text = asObject(option.text);
    if (value === undefined || seen.has(value) || !text) return [];
    seen.add(value);
    return [{ value, text: text as unknown as TextObject, ...(option.description ? { description: option.description as TextObject } : {}), ...(asString(option.url) ? { url: asString(option.url)! } : {}) }];
  });
}

export interface ViewInput {
  blockId: string;
  actionId: string;
  elementType: string;
  /** The form control name renderView() gave it. */
  name: string;
  options?: FormInput['options'];
}

function viewInput(element: JsonObject, blockId: string, index: number): ViewInput[] {
  const elementType = String(element.type);
  if (!STATEFUL_TYPES.has(elementType)) return [];
  const actionId = actionIdOf(element, { blockId, index });
  const options = elementOptions(element);
  return [{ blockId, actionId, elementType, name: controlName(blockId, actionId), ...(options.length > 0 ? { options } : {}) }];
}

/**
 * The controls of a view whose values Slack reports: input blocks' elements, and the
 * selects, pickers and choices of actions blocks and section accessories; with the ids
 * the renderer derived where the JSON has none.
 */
export function viewInputs(view: unknown): ViewInput[] {
  return asArray(asObject(view)?.blocks).flatMap((value, index) => {
    const block = asObject(value);
    if (!block) return [];
    const blockId = blockIdOf(block, index);
    if (block.type === 'input') return asObject(block.element) ? viewInput(asObject(block.element)!, blockId, 0) : [];
    if (block.type === 'actions') return asArray(block.elements).flatMap((element, elementIndex) => (asObject(element) ? viewInput(asObject(element)!, blockId, elementIndex) : []));
    if (block.type === 'section' && asObject(block.accessory)) return viewInput(asObject(block.accessory)!, blockId, 0);
    return [];
  });
}

/** state.values of a submitted view: `read(name)` gives the form's values of a control name (FormData.getAll). */
export function formStateValues(view: unknown, read: (name: string) => string[], timeZone: string): ViewStateValues {
  return stateValues(viewInputs(view).map((input) => ({ ...input, values: read(input.name) })), timeZone);
}
