import { changeTeamSettings, teamSettings } from '../app/settings.js';
import { InvalidFields } from '../domain/fields.js';
import type { TeamSettingsDraft } from '../domain/settings.js';
import { OPEN_STAGES } from '../domain/stages.js';
import type { Messages } from '../i18n/messages.js';
import { CADENCE_BLOCKS, SETTINGS_BLOCKS, settingsModal, settingsSummary } from './blocks/settings.js';
import { fieldProblemText } from './errors.js';
import { FIELD } from './ids.js';
import { modal, type Actor, type Outcome, type SubmissionOutcome } from './listen.js';
import type { InputState } from './listeners/views/view-state.js';
import type { AppServices } from './services.js';

/** `/lead config` and its modal. */

export async function settingsModalFor(services: AppServices, actor: Actor): Promise<Outcome> {
  // One indexed read of the workspace row: well within the trigger's 3 seconds.
  return modal(settingsModal(actor.locale, await teamSettings(actor, services.db), { channelId: actor.channelId }));
}

/** A picker of at most one channel; more than one (a forged submission) reads as no channel id at all, and is refused. */
function channelOf(state: InputState | undefined): string | null {
  const picked = state?.selected_channels ?? [];
  return picked.length <= 1 ? (picked[0] ?? null) : picked.join(' ');
}

/** The form as submitted, read from view.state.values; the domain checks every value. */
export function settingsDraftFrom(input: (id: string) => InputState | undefined): TeamSettingsDraft {
  const value = (id: string) => input(id)?.value ?? null;
  return {
    timeZone: value(FIELD.settingsTimeZone),
    locale: input(FIELD.settingsLocale)?.selected_option?.value ?? null,
    currency: value(FIELD.settingsCurrency),
    cadenceDays: Object.fromEntries(OPEN_STAGES.map((stage) => [stage, value(CADENCE_BLOCKS[stage])])),
    zombieAfterDays: value(FIELD.zombieAfterDays),
    untouchedAfterDays: value(FIELD.untouchedAfterDays),
    poolAfterDays: value(FIELD.poolAfterDays),
    digestChannelId: channelOf(input(FIELD.digestChannel)),
    alignmentChannelId: channelOf(input(FIELD.alignmentChannel)),
    flagMarginPoints: value(FIELD.flagMargin),
    mqlThreshold: value(FIELD.mqlThreshold),
  };
}

/** Each refused setting beside its input, said for that setting where a generic "not valid" would not help. */
function settingsErrors(error: InvalidFields, t: Messages): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of error.problems) {
    const block = SETTINGS_BLOCKS[problem.field];
    if (!block || errors[block]) continue;
    errors[block] = (problem.kind === 'invalid' ? t.settings.invalid[problem.field] : undefined) ?? fieldProblemText(problem, t);
  }
  return errors;
}

export async function saveSettings(services: AppServices, actor: Actor, draft: TeamSettingsDraft): Promise<SubmissionOutcome> {
  let saved;
  try {
    saved = await changeTeamSettings(actor, services.db, draft);
  } catch (error) {
    if (error instanceof InvalidFields) return { kind: 'errors', errors: settingsErrors(error, actor.t) };
    throw error;
  }
  const changedCount = Object.keys(saved.changes.after).length;
  if (changedCount > 0) {
    // This process reads settings from its cache: drop it, and let the digests follow a new zone or channel.
    services.workspaces.forget(actor.workspace.id);
    services.settingsChanged(actor.workspace.id);
  }
  return { kind: 'done', message: settingsSummary(actor.locale, { before: saved.before, after: saved.after, changedCount }) };
}
