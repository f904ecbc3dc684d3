import type { FakeSlack } from '../../src/playground/fake-slack.js';

type Block = { type: string; block_id?: string; element?: { type: string; action_id: string; options?: unknown; option_groups?: unknown } };
export type OpenedView = { callback_id: string; private_metadata: string; blocks: Block[]; title: unknown };

/** The modal the bot opened most recently (views.open), as Slack got it. */
export async function openedView(slack: FakeSlack, after = 0): Promise<OpenedView> {
  const call = await slack.waitFor(() => slack.callsOf('views.open').slice(after)[0]);
  return call.args.view as OpenedView;
}

/** A value Slack's client would never send (an option the form does not offer): for tests of forged submissions. */
export class Forged {
  constructor(readonly value: string) {}
}
export const forged = (value: string) => new Forged(value);

/**
 * view.state.values for a submitted modal: every input block appears, as Slack sends
 * them, with what the person entered or the element's empty state.
 */
export function stateValues(view: OpenedView, entered: Record<string, unknown>) {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const { element } = block;
    const { type, action_id } = element;
    const raw = entered[block.block_id];
    const isForged = raw instanceof Forged;
    const given = isForged ? raw.value : (raw as string | undefined);
    let state: Record<string, unknown>;
    switch (type) {
      case 'plain_text_input':
      case 'number_input':
        // Slack sends a number input's value as text.
        state = { value: given === undefined || given === null ? null : String(given) };
        break;
      case 'radio_buttons':
      case 'static_select': {
        // A value the form does not offer is a test's mistake, not something Slack would send.
        const offered = [...((element.options as Array<{ value: string }> | undefined) ?? []), ...((element.option_groups as Array<{ options: Array<{ value: string }> }> | undefined) ?? []).flatMap((group) => group.options)];
        if (!isForged && given && offered.length > 0 && !offered.some((option) => option.value === given)) throw new Error(`${block.block_id}: ${String(given)} is not one of the offered ${offered.map((option) => option.value).join(', ')}`);
        state = { selected_option: given ? { text: { type: 'plain_text', text: String(given) }, value: given } : null };
        break;
      }
        break;
      case 'multi_static_select':
        state = { selected_options: ((given as string[] | undefined) ?? []).map((value) => ({ text: { type: 'plain_text', text: value }, value })) };
        break;
      case 'multi_channels_select':
        state = { selected_channels: (given as string[] | undefined) ?? [] };
        break;
      case 'users_select':
        state = { selected_user: given ?? null };
        break;
      case 'datepicker':
        state = { selected_date: given ?? null };
        break;
      case 'datetimepicker':
        state = { selected_date_time: given ?? null };
        break;
      case 'checkboxes':
        state = { selected_options: ((given as string[] | undefined) ?? []).map((value) => ({ text: { type: 'plain_text', text: value }, value })) };
        break;
      case 'file_input':
        // Slack sends each chosen file as files.info would describe it.
        state = { files: (given as unknown[] | undefined) ?? [] };
        break;
      default:
        throw new Error(`no test state for ${type}`);
    }
    values[block.block_id] = { [action_id]: { type, ...state } };
  }
  return values;
}
