/** The playground's Block Kit renderer: pure functions from Slack JSON to HTML strings, and back to state.values. */
export { renderBlocks, renderConfirm, renderView, type RenderOptions } from './block-kit.js';
export type { RenderContext } from './context.js';
export { escapeHtml } from './escape.js';
export { mrkdwnToHtml, plainText, type MrkdwnOptions } from './mrkdwn.js';
export { compareSortKeys } from './tables.js';
export {
  controlAction,
  elementOptions,
  formStateValues,
  stateValue,
  stateValues,
  viewInputs,
  type FormInput,
  type SlackOption,
  type TextObject,
  type ViewInput,
  type ViewStateValue,
  type ViewStateValues,
} from './view-state.js';
