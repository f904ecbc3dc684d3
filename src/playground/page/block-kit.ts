import { chartHtml } from './chart.js';
import type { RenderContext } from './context.js';
import { actionIdOf, blockIdOf } from './element-attributes.js';
import { elementHtml, imageSource } from './elements.js';
import { attr, escapeHtml } from './escape.js';
import { domId, generatedId } from './ids.js';
import { asArray, asObject, asString, type JsonObject } from './json.js';
import { plainText } from './mrkdwn.js';
import { richTextHtml } from './rich-text.js';
import { dataTableHtml, tableHtml } from './tables.js';
import { textObjectHtml, textObjectWords } from './text-object.js';
import { uiText } from './ui-text.js';

export interface RenderOptions {
  /** `response_action: "errors"`: a message by block_id, shown in red under that input. */
  errors?: Record<string, string>;
}

interface BlockPlace {
  blockId: string;
  context: RenderContext;
  options: RenderOptions;
}

function sectionHtml(block: JsonObject, place: BlockPlace): string {
  const text = block.text ? `<div class="sk-section-text">${textObjectHtml(block.text, place.context)}</div>` : '';
  const fields = asArray(block.fields);
  const fieldsHtml = fields.length > 0 ? `<div class="sk-section-fields">${fields.map((field) => `<div class="sk-section-field">${textObjectHtml(field, place.context)}</div>`).join('')}</div>` : '';
  const accessory = asObject(block.accessory);
  const accessoryHtml = accessory ? `<div class="sk-section-accessory">${elementHtml(accessory, { blockId: place.blockId, index: 0, context: place.context })}</div>` : '';
  return `<div class="sk-section-body">${text}${fieldsHtml}</div>${accessoryHtml}`;
}

function headerHtml(block: JsonObject): string {
  const text = asObject(block.text);
  return `<h2 class="sk-header">${plainText(asString(text?.text) ?? asString(block.text) ?? '', text?.emoji !== false)}</h2>`;
}

function contextImageHtml(element: JsonObject, context: RenderContext): string {
  const src = imageSource(element, context);
  const alt = asString(element.alt_text) ?? '';
  return src ? `<img class="sk-context-image"${attr('src', src)}${attr('alt', alt)}>` : `<span class="sk-context-image sk-image-missing"${attr('title', alt)}></span>`;
}

function contextHtml(block: JsonObject, place: BlockPlace): string {
  const elements = asArray(block.elements).map((value) => {
    const element = asObject(value) ?? {};
    if (element.type === 'image') return contextImageHtml(element, place.context);
    return `<span class="sk-context-text">${textObjectHtml(element, place.context)}</span>`;
  });
  return `<div class="sk-context">${elements.join('')}</div>`;
}

function imageBlockHtml(block: JsonObject, place: BlockPlace): string {
  const src = imageSource(block, place.context);
  const alt = asString(block.alt_text) ?? '';
  const title = block.title ? `<figcaption class="sk-image-title">${textObjectHtml(block.title, place.context)}</figcaption>` : '';
  const image = src
    ? `<img class="sk-image"${attr('src', src)}${attr('alt', alt)} loading="lazy">`
    : `<div class="sk-image-missing" role="img"${attr('aria-label', alt)}><span>${escapeHtml(uiText(place.context).imageUnavailable)}</span><span class="sk-image-alt">${escapeHtml(alt)}</span></div>`;
  return `<figure class="sk-image-block">${title}${image}</figure>`;
}

function actionsHtml(block: JsonObject, place: BlockPlace): string {
  const elements = asArray(block.elements).map((value, index) => elementHtml(asObject(value) ?? {}, { blockId: place.blockId, index, context: place.context }));
  return `<div class="sk-actions">${elements.join('')}</div>`;
}

/** An input block as a labelled form control, with its hint and any error of a failed submission. */
function inputHtml(block: JsonObject, place: BlockPlace): string {
  const element = asObject(block.element) ?? {};
  const actionId = actionIdOf(element, { blockId: place.blockId, index: 0 });
  const controlId = domId(place.blockId, actionId);
  const error = place.options.errors?.[place.blockId];
  const optional = block.optional === true;
  const text = uiText(place.context);
  const label = `<label class="sk-input-label"${attr('for', controlId)}>${textObjectHtml(block.label, place.context)}${optional ? ` <span class="sk-optional">${escapeHtml(text.optional)}</span>` : ''}</label>`;
  const control = elementHtml(element, {
    blockId: place.blockId,
    index: 0,
    context: place.context,
    input: { dispatch: block.dispatch_action === true, required: !optional, controlId, invalid: error !== undefined },
  });
  const errorHtml = error !== undefined ? `<div class="sk-input-error" role="alert">${escapeHtml(error)}</div>` : '';
  const hint = block.hint ? `<div class="sk-input-hint">${textObjectHtml(block.hint, place.context)}</div>` : '';
  return `${label}<div class="sk-input-control">${control}</div>${errorHtml}${hint}`;
}

const BLOCKS: Record<string, (block: JsonObject, place: BlockPlace) => string> = {
  section: sectionHtml,
  header: headerHtml,
  context: contextHtml,
  divider: () => '<hr class="sk-divider">',
  image: imageBlockHtml,
  actions: actionsHtml,
  input: inputHtml,
  rich_text: (block, place) => richTextHtml(block, place.context),
  table: (block, place) => tableHtml(block, place.context),
  data_table: (block, place) => dataTableHtml(block, place.context),
  data_visualization: (block, place) => chartHtml(block, place.context),
};

function placeholderHtml(type: string, blockId: string | undefined, message: string): string {
  return `<div class="sk-block sk-unsupported"${attr('data-block-type', type)}${attr('data-block-id', blockId)}>${escapeHtml(message)}: ${escapeHtml(type)}</div>`;
}

function blockHtml(value: unknown, index: number, context: RenderContext, options: RenderOptions): string {
  const block = asObject(value);
  const type = block ? (asString(block.type) ?? String(block.type)) : value === null ? 'null' : typeof value;
  const text = uiText(context);
  const render = block && Object.hasOwn(BLOCKS, type) ? BLOCKS[type] : undefined;
  if (!block || !render) return placeholderHtml(type, asString(block?.block_id), text.unsupportedBlock);
  const blockId = blockIdOf(block, index);
  const invalid = type === 'input' && options.errors?.[blockId] !== undefined ? ' sk-input-invalid' : '';
  const optional = type === 'input' ? attr('data-optional', block.optional === true ? 'true' : 'false') : '';
  try {
    return `<div class="sk-block sk-block-${type}${invalid}"${attr('data-block-type', type)}${attr('data-block-id', blockId)}${optional}>${render(block, { blockId, context, options })}</div>`;
  } catch {
    // A malformed block shows as a placeholder rather than blanking the message around it.
    return placeholderHtml(type, blockId, text.couldNotRender);
  }
}

/** A message's (or any surface's) blocks as HTML; never throws, whatever the JSON. */
export function renderBlocks(blocks: unknown[], context: RenderContext, options: RenderOptions = {}): string {
  return `<div class="sk-blocks">${asArray(blocks).map((block, index) => blockHtml(block, index, context, options)).join('')}</div>`;
}

function modalHtml(view: JsonObject, context: RenderContext, options: RenderOptions): string {
  const text = uiText(context);
  const titleId = domId('modal-title', asString(view.callback_id) ?? '', generatedId(JSON.stringify(view.title ?? '')));
  const close = view.close ? textObjectWords(view.close) : view.submit ? text.cancel : text.close;
  const submit = view.submit ? `<button type="submit" class="sk-button sk-button-primary" data-view-action="submit">${textObjectHtml(view.submit, context)}</button>` : '';
  return (
    `<div class="sk-view sk-modal" data-view-type="modal" role="dialog" aria-modal="true"${attr('aria-labelledby', titleId)}${attr('data-callback-id', asString(view.callback_id))}${attr('data-notify-on-close', view.notify_on_close === true ? 'true' : undefined)}>` +
    `<div class="sk-modal-header"><h1 class="sk-modal-title"${attr('id', titleId)}>${textObjectHtml(view.title, context)}</h1>` +
    `<button type="button" class="sk-modal-dismiss" data-view-action="close"${attr('aria-label', text.close)}>×</button></div>` +
    `<form class="sk-modal-form" data-view-form><div class="sk-modal-body">${renderBlocks(asArray(view.blocks), context, options)}</div>` +
    `<div class="sk-modal-footer"><button type="button" class="sk-button" data-view-action="close">${escapeHtml(close)}</button>${submit}</div></form></div>`
  );
}

/**
 * A view as HTML: a modal (title, its blocks in a <form>, Cancel and Submit) or the App
 * Home tab. `options.errors` shows a `response_action: "errors"` answer beside its fields.
 */
export function renderView(view: unknown, context: RenderContext, options: RenderOptions = {}): string {
  const object = asObject(view) ?? {};
  if (object.type === 'modal') return modalHtml(object, context, options);
  const type = asString(object.type) ?? 'home';
  return `<div class="sk-view sk-${type === 'home' ? 'home' : 'surface'}"${attr('data-view-type', type)}>${renderBlocks(asArray(object.blocks), context, options)}</div>`;
}

/**
 * The dialog a `data-confirm` element asks before it acts; the page shows it and sends
 * the action only on `data-confirm-action="confirm"`.
 */
export function renderConfirm(confirm: unknown, context: RenderContext): string {
  const object = asObject(confirm) ?? {};
  const text = uiText(context);
  const style = object.style === 'danger' ? ' sk-button-danger' : ' sk-button-primary';
  return (
    `<div class="sk-confirm" role="alertdialog" aria-modal="true">` +
    `<h2 class="sk-confirm-title">${textObjectHtml(object.title, context)}</h2>` +
    `<div class="sk-confirm-text">${textObjectHtml(object.text, context)}</div>` +
    `<div class="sk-confirm-actions"><button type="button" class="sk-button" data-confirm-action="deny">${escapeHtml(object.deny ? textObjectWords(object.deny) : text.cancel)}</button>` +
    `<button type="button" class="sk-button${style}" data-confirm-action="confirm">${escapeHtml(object.confirm ? textObjectWords(object.confirm) : text.confirm)}</button></div></div>`
  );
}
