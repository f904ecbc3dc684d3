import { authorize } from '../domain/roles.js';
import { checkTeamSettings, type TeamSettings, type TeamSettingsDraft } from '../domain/settings.js';
import type { Db } from '../store/database.js';
import { findWorkspace, saveTeamSettings, teamSettingsOf, type SettingsSaved } from '../store/workspaces.js';
import { authorOf, type Caller } from './caller.js';

/**
 * The team's settings (`/lead config`): the admins' to change. Reading them is checked
 * as well, since the form that shows them is the way to change them; a refusal comes
 * before the form opens.
 */

/** The settings as stored now: read anew, since the caller's copy may be a cached one. */
export async function teamSettings(caller: Caller, db: Db): Promise<TeamSettings> {
  authorize(caller, 'settings');
  const stored = await findWorkspace(db, caller.workspace.id);
  return teamSettingsOf(stored ?? caller.workspace);
}

/** Checks every setting (all refused fields at once), then writes them and their journal entry in one transaction. */
export async function changeTeamSettings(caller: Caller, db: Db, draft: TeamSettingsDraft): Promise<SettingsSaved> {
  authorize(caller, 'settings');
  const settings = checkTeamSettings(draft);
  return saveTeamSettings(db, caller.workspace.id, settings, authorOf(caller));
}
