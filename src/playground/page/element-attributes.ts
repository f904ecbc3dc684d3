import type { RenderContext } from './context.js';
import { attr } from './escape.js';
import { generatedId } from './ids.js';
import { asString, type JsonObject } from './json.js';

/** Where an element is rendered: its block, its position there, and whether it sits in an input block. */
export interface ElementPlace {
  blockId: string;
  /** Its position among the block's elements; seeds an action_id Slack would have generated. */
  index: number;
  context: RenderContext;
  input?: InputPlace;
}

export interface InputPlace {
  /** `dispatch_action`: the control also sends block_actions, not only its value on submit. */
  dispatch: boolean;
  required: boolean;
  /** The id the input block's <label> points at. */
  controlId: string;
  invalid: boolean;
}

/** Elements whose value Slack reports in `state.values` wherever they sit. */
export const STATEFUL_TYPES = new Set([
  'static_select', 'external_select', 'users_select', 'conversations_select', 'channels_select',
  'multi_static_select', 'multi_external_select', 'multi_users_select', 'multi_conversations_select', 'multi_channels_select',
  'datepicker', 'timepicker', 'datetimepicker', 'checkboxes', 'radio_buttons',
  'plain_text_input', 'number_input', 'email_text_input', 'url_text_input', 'rich_text_input', 'file_input',
]);

/** The block_id Slack would show for the block at this position: its own, or a derived one. */
export function blockIdOf(block: JsonObject, index: number): string {
  return asString(block.block_id) || generatedId(`${index}/${String(block.type)}`);
}

export function actionIdOf(element: JsonObject, place: Pick<ElementPlace, 'blockId' | 'index'>): string {
  return asString(element.action_id) || generatedId(`${place.blockId}/${place.index}/${String(element.type)}`);
}

/** `name` of a form control: how a submitted form is read back into state.values (view-state.ts). */
export function controlName(blockId: string, actionId: string): string {
  return `${blockId}/${actionId}`;
}

export interface ControlExtras {
  /** Put `name` on this element (not on a group whose inputs carry it). */
  named?: boolean;
  /** A button's or overflow option's `value`. */
  value?: string;
  url?: string;
}

/**
 * The data attributes of the contract a page builds Slack payloads from:
 * - anything that sends block_actions: data-action-type, data-action-id, data-block-id,
 *   and data-value / data-url / data-confirm where the element has them;
 * - anything whose value lands in state.values: name, data-block-id, data-action-id,
 *   data-element-type (and data-dispatch-action on input blocks that dispatch).
 */
export function controlAttributes(element: JsonObject, place: ElementPlace, extras: ControlExtras = {}): string {
  const type = String(element.type);
  const actionId = actionIdOf(element, place);
  const interactive = place.input ? place.input.dispatch : true;
  const stateful = place.input !== undefined || STATEFUL_TYPES.has(type);
  let html = attr('data-block-id', place.blockId) + attr('data-action-id', actionId);
  if (interactive) {
    html += attr('data-action-type', type) + attr('data-value', extras.value) + attr('data-url', extras.url);
    if (element.confirm) html += attr('data-confirm', JSON.stringify(element.confirm));
  }
  if (stateful) html += attr('data-element-type', type);
  if (stateful && extras.named) html += attr('name', controlName(place.blockId, actionId));
  if (place.input?.dispatch) html += attr('data-dispatch-action', 'true');
  if (place.input) html += attr('id', place.input.controlId) + attr('aria-invalid', place.input.invalid ? 'true' : undefined);
  // Slack refuses to submit a modal with a required field empty; the browser does the same here.
  if (place.input?.required && extras.named) html += ' required';
  if (element.focus_on_load === true) html += ' autofocus';
  return html;
}
