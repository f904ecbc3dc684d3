import type { RenderContext } from './context.js';
import { actionIdOf, controlAttributes, controlName, type ElementPlace } from './element-attributes.js';
import { attr, escapeHtml, safeHref, safeImageSrc } from './escape.js';
import { asArray, asNumber, asObject, asObjects, asString, type JsonObject } from './json.js';
import { richTextPlain } from './rich-text.js';
import { textObjectHtml, textObjectWords } from './text-object.js';
import { uiText } from './ui-text.js';
import { localDateTimeValue } from './zoned-time.js';

/** Where an image element or block points: its URL, or a Slack file the page serves. */
export function imageSource(element: JsonObject, context: RenderContext): string | undefined {
  const direct = asString(element.image_url);
  if (direct) return safeImageSrc(direct);
  const file = asObject(element.slack_file);
  if (!file) return undefined;
  const url = asString(file.url);
  if (url) return safeImageSrc(url);
  const id = asString(file.id);
  return id ? safeImageSrc(context.fileUrl(id)) : undefined;
}

function placeholderWords(element: JsonObject, fallback: string): string {
  return element.placeholder ? textObjectWords(element.placeholder) : fallback;
}

function buttonHtml(element: JsonObject, place: ElementPlace): string {
  const style = element.style === 'primary' || element.style === 'danger' ? ` sk-button-${element.style}` : '';
  const label = textObjectHtml(element.text, place.context);
  const value = asString(element.value);
  const url = asString(element.url);
  const accessibility = attr('aria-label', asString(element.accessibility_label));
  const href = url ? safeHref(url) : undefined;
  if (href) {
    return `<a class="sk-button${style}"${attr('href', href)} target="_blank" rel="noopener noreferrer"${controlAttributes(element, place, { value, url: href })}${accessibility}>${label}</a>`;
  }
  return `<button type="button" class="sk-button${style}"${controlAttributes(element, place, { value })}${accessibility}>${label}</button>`;
}

function optionTag(option: JsonObject, selected: Set<string>): string {
  const value = asString(option.value) ?? '';
  return `<option${attr('value', value)}${selected.has(value) ? ' selected' : ''}>${escapeHtml(textObjectWords(option.text))}</option>`;
}

/** Options and option groups of a select, the chosen ones marked. */
function optionsHtml(element: JsonObject, selected: Set<string>): string {
  const plain = asObjects(element.options).map((option) => optionTag(option, selected)).join('');
  const groups = asObjects(element.option_groups)
    .map((group) => `<optgroup${attr('label', textObjectWords(group.label))}>${asObjects(group.options).map((option) => optionTag(option, selected)).join('')}</optgroup>`)
    .join('');
  return plain + groups;
}

function selectedOptionValues(element: JsonObject): Set<string> {
  const chosen = element.initial_option ? [asObject(element.initial_option)] : asObjects(element.initial_options);
  return new Set(chosen.flatMap((option) => asString(option?.value) ?? []));
}

function selectHtml(element: JsonObject, place: ElementPlace, optionsMarkup: string, anySelected: boolean, placeholder: string): string {
  const multiple = String(element.type).startsWith('multi_');
  const hint = multiple
    ? attr('data-placeholder', placeholder) + attr('data-max-selected', asNumber(element.max_selected_items))
    : '';
  const empty = multiple || anySelected ? '' : `<option value="" selected hidden>${escapeHtml(placeholder)}</option>`;
  return `<select class="sk-select${multiple ? ' sk-select-multiple' : ''}"${multiple ? ' multiple' : ''}${controlAttributes(element, place, { named: true })}${hint}>${empty}${optionsMarkup}</select>`;
}

function staticSelectHtml(element: JsonObject, place: ElementPlace): string {
  const selected = selectedOptionValues(element);
  const text = uiText(place.context);
  const multiple = String(element.type).startsWith('multi_');
  // An external select's options come from the app on demand; only the initial ones are known here.
  const source = element.type === 'external_select' || element.type === 'multi_external_select'
    ? { options: element.initial_option ? [element.initial_option] : asObjects(element.initial_options) }
    : element;
  return selectHtml(element, place, optionsHtml(source, selected), selected.size > 0, placeholderWords(element, multiple ? text.selectItems : text.selectItem));
}

function stringsOf(values: unknown): string[] {
  return asArray(values).flatMap((value) => asString(value) ?? []);
}

function usersSelectHtml(element: JsonObject, place: ElementPlace): string {
  const { context } = place;
  const initial = element.type === 'multi_users_select' ? stringsOf(element.initial_users) : stringsOf([element.initial_user]);
  const selected = new Set(initial);
  const people = [...context.users];
  for (const id of initial) if (!people.some((person) => person.id === id)) people.push({ id, name: context.userName(id) || id });
  const options = people.map((person) => `<option${attr('value', person.id)}${selected.has(person.id) ? ' selected' : ''}>${escapeHtml(person.name)}</option>`).join('');
  const text = uiText(context);
  return selectHtml(element, place, options, selected.size > 0, placeholderWords(element, element.type === 'multi_users_select' ? text.selectUsers : text.selectUser));
}

/** Conversation pickers list only what the element already names: the playground has no channel directory. */
function conversationsSelectHtml(element: JsonObject, place: ElementPlace): string {
  const { context } = place;
  const ids = stringsOf([element.initial_conversation, element.initial_channel, ...asArray(element.initial_conversations), ...asArray(element.initial_channels)]);
  const options = ids.map((id) => `<option${attr('value', id)} selected>#${escapeHtml(context.channelName(id) || id)}</option>`).join('');
  const text = uiText(context);
  const channels = String(element.type).includes('channels');
  return selectHtml(element, place, options, ids.length > 0, placeholderWords(element, channels ? text.selectChannel : text.selectConversation));
}

function dateInputHtml(element: JsonObject, place: ElementPlace, inputType: 'date' | 'time' | 'datetime-local', value: string | undefined, placeholder: string): string {
  const zone = inputType === 'date' ? '' : attr('data-time-zone', asString(element.timezone) ?? place.context.timeZone);
  return `<input type="${inputType}" class="sk-${String(element.type)}"${attr('value', value)}${attr('placeholder', placeholder || undefined)}${controlAttributes(element, place, { named: true })}${zone}>`;
}

function datePickerHtml(element: JsonObject, place: ElementPlace): string {
  const initial = asString(element.initial_date);
  return dateInputHtml(element, place, 'date', initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? initial : undefined, placeholderWords(element, uiText(place.context).selectDate));
}

function timePickerHtml(element: JsonObject, place: ElementPlace): string {
  const initial = asString(element.initial_time);
  return dateInputHtml(element, place, 'time', initial && /^\d{2}:\d{2}$/.test(initial) ? initial : undefined, placeholderWords(element, uiText(place.context).selectTime));
}

/** The control shows the wall clock of the reader's zone, as Slack's picker does; view-state.ts turns it back into an instant. */
function dateTimePickerHtml(element: JsonObject, place: ElementPlace): string {
  const initial = asNumber(element.initial_date_time);
  return dateInputHtml(element, place, 'datetime-local', initial === undefined ? undefined : localDateTimeValue(initial, place.context.timeZone), '');
}

function overflowHtml(element: JsonObject, place: ElementPlace): string {
  const items = asObjects(element.options)
    .map((option) => {
      const url = asString(option.url);
      const href = url ? safeHref(url) : undefined;
      return `<button type="button" role="menuitem" class="sk-overflow-option"${controlAttributes(element, place, { value: asString(option.value), url: href })}>${escapeHtml(textObjectWords(option.text))}</button>`;
    })
    .join('');
  const more = uiText(place.context).more;
  return `<div class="sk-overflow"><button type="button" class="sk-overflow-toggle" data-overflow-toggle aria-haspopup="menu"${attr('aria-label', more)}${attr('title', more)}>⋮</button><div class="sk-overflow-menu" role="menu" hidden>${items}</div></div>`;
}

/** Checkboxes and radio buttons: the group carries the data attributes, each input the form name. */
function choicesHtml(element: JsonObject, place: ElementPlace): string {
  const radio = element.type === 'radio_buttons';
  const selected = selectedOptionValues(element);
  const name = controlName(place.blockId, actionIdOf(element, place));
  const required = radio && place.input?.required ? ' required' : '';
  const choices = asObjects(element.options)
    .map((option) => {
      const value = asString(option.value) ?? '';
      const description = option.description ? `<span class="sk-choice-description">${textObjectHtml(option.description, place.context)}</span>` : '';
      return `<label class="sk-choice"><input type="${radio ? 'radio' : 'checkbox'}"${attr('name', name)}${attr('value', value)}${selected.has(value) ? ' checked' : ''}${required}><span class="sk-choice-label"><span class="sk-choice-text">${textObjectHtml(option.text, place.context)}</span>${description}</span></label>`;
    })
    .join('');
  return `<div class="sk-choices sk-${radio ? 'radio-buttons' : 'checkboxes'}" role="${radio ? 'radiogroup' : 'group'}"${controlAttributes(element, place)}>${choices}</div>`;
}

function imageElementHtml(element: JsonObject, place: ElementPlace): string {
  const src = imageSource(element, place.context);
  const alt = asString(element.alt_text) ?? '';
  if (!src) return `<span class="sk-image-element sk-image-missing"${attr('title', alt)}>${escapeHtml(alt)}</span>`;
  return `<img class="sk-image-element"${attr('src', src)}${attr('alt', alt)} loading="lazy">`;
}

function dispatchTriggers(element: JsonObject): string | undefined {
  const triggers = asObject(element.dispatch_action_config)?.trigger_actions_on;
  return Array.isArray(triggers) ? triggers.filter((trigger) => typeof trigger === 'string').join(' ') : undefined;
}

function plainTextInputHtml(element: JsonObject, place: ElementPlace): string {
  const attributes =
    attr('maxlength', asNumber(element.max_length)) +
    attr('minlength', asNumber(element.min_length)) +
    attr('placeholder', element.placeholder ? textObjectWords(element.placeholder) : undefined) +
    attr('data-dispatch-on', dispatchTriggers(element)) +
    controlAttributes(element, place, { named: true });
  const initial = asString(element.initial_value) ?? '';
  if (element.multiline === true) return `<textarea class="sk-text-input sk-textarea" rows="4"${attributes}>${escapeHtml(initial)}</textarea>`;
  return `<input type="text" class="sk-text-input"${attr('value', initial || undefined)}${attributes}>`;
}

function typedInputHtml(element: JsonObject, place: ElementPlace, inputType: 'number' | 'email' | 'url'): string {
  const numberLimits =
    inputType === 'number'
      ? attr('step', element.is_decimal_allowed === true ? 'any' : '1') + attr('min', asString(element.min_value) ?? asNumber(element.min_value)) + attr('max', asString(element.max_value) ?? asNumber(element.max_value)) + attr('inputmode', element.is_decimal_allowed === true ? 'decimal' : 'numeric')
      : '';
  return `<input type="${inputType}" class="sk-text-input"${attr('value', asString(element.initial_value) ?? asNumber(element.initial_value))}${attr('placeholder', element.placeholder ? textObjectWords(element.placeholder) : undefined)}${numberLimits}${attr('data-dispatch-on', dispatchTriggers(element))}${controlAttributes(element, place, { named: true })}>`;
}

/** A rich text input is typed as plain text here; its initial rich text shows as words. */
function richTextInputHtml(element: JsonObject, place: ElementPlace): string {
  const initial = asObject(element.initial_value);
  const text = initial ? richTextPlain(initial, place.context) : '';
  return `<textarea class="sk-text-input sk-textarea" rows="4"${attr('placeholder', element.placeholder ? textObjectWords(element.placeholder) : undefined)}${controlAttributes(element, place, { named: true })}>${escapeHtml(text)}</textarea>`;
}

/**
 * A file input: the browser's file picker, limited to the element's file types. The page
 * hands the chosen file to the fake Slack on submit, as Slack uploads it, and the view
 * state carries the file's id (view-state.ts).
 */
function fileInputHtml(element: JsonObject, place: ElementPlace): string {
  const types = asArray(element.filetypes).flatMap((type) => (typeof type === 'string' && /^[a-z0-9]+$/i.test(type) ? [`.${type}`] : []));
  const multiple = (asNumber(element.max_files) ?? 10) > 1 ? ' multiple' : '';
  return `<input type="file" class="sk-file-input"${attr('accept', types.length > 0 ? types.join(',') : undefined)}${attr('data-max-files', asNumber(element.max_files))}${multiple}${controlAttributes(element, place, { named: true })}>`;
}

export function unsupportedElementHtml(type: string, context: RenderContext): string {
  return `<span class="sk-unsupported"${attr('data-element-type', type)}>${escapeHtml(uiText(context).unsupportedElement)}: ${escapeHtml(type)}</span>`;
}

const RENDERERS: Record<string, (element: JsonObject, place: ElementPlace) => string> = {
  button: buttonHtml,
  static_select: staticSelectHtml,
  multi_static_select: staticSelectHtml,
  external_select: staticSelectHtml,
  multi_external_select: staticSelectHtml,
  users_select: usersSelectHtml,
  multi_users_select: usersSelectHtml,
  conversations_select: conversationsSelectHtml,
  multi_conversations_select: conversationsSelectHtml,
  channels_select: conversationsSelectHtml,
  multi_channels_select: conversationsSelectHtml,
  datepicker: datePickerHtml,
  timepicker: timePickerHtml,
  datetimepicker: dateTimePickerHtml,
  overflow: overflowHtml,
  checkboxes: choicesHtml,
  radio_buttons: choicesHtml,
  image: imageElementHtml,
  plain_text_input: plainTextInputHtml,
  number_input: (element, place) => typedInputHtml(element, place, 'number'),
  email_text_input: (element, place) => typedInputHtml(element, place, 'email'),
  url_text_input: (element, place) => typedInputHtml(element, place, 'url'),
  rich_text_input: richTextInputHtml,
  file_input: fileInputHtml,
};

/** Any block element (an action, an accessory, an input's control) as HTML. */
export function elementHtml(element: JsonObject, place: ElementPlace): string {
  const type = String(element.type);
  const render = Object.hasOwn(RENDERERS, type) ? RENDERERS[type] : undefined;
  return render ? render(element, place) : unsupportedElementHtml(type, place.context);
}
