import { z } from 'zod';
import { STAGES } from '../../../domain/stages.js';

/** One input's state as Slack sends it in view.state.values[block][action]. */
const inputState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_user: z.string().nullish(),
  selected_channels: z.array(z.string()).nullish(),
  selected_date: z.string().nullish(),
  selected_date_time: z.number().nullish(),
  /** A file input: the files as Slack describes them; only the id is trusted (files.info says the rest). */
  files: z.array(z.object({ id: z.string(), name: z.string().optional(), size: z.number().optional(), filetype: z.string().optional() })).nullish(),
});
export type InputState = z.infer<typeof inputState>;

const stateValues = z.record(z.string(), z.record(z.string(), inputState));

/** Reads inputs whose block id and action id are the same, as our modals build them. */
export function readInputs(values: unknown): (id: string) => InputState | undefined {
  const parsed = stateValues.parse(values);
  return (id) => parsed[id]?.[id];
}

export function textOf(state: InputState | undefined): string | undefined {
  const text = state?.value?.trim();
  return text ? text : undefined;
}

export const modalContext = z
  .string()
  .transform((text) => (text ? (JSON.parse(text) as unknown) : {}))
  .pipe(
    z.object({
      channelId: z.string().optional(),
      number: z.string().optional(),
      stage: z.enum(STAGES).optional(),
    }),
  );
