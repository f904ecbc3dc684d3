import type { Via } from '../domain/journal.js';
import type { Role } from '../domain/roles.js';
import type { Author } from '../store/journal.js';
import type { WorkspaceSettings } from '../store/workspaces.js';

/**
 * Who asks, in which workspace, when and through which way in: all a use case needs to
 * know of the request. Slack, the command line, the importer and the playground each
 * build one; nothing in it is Slack's.
 */
export interface Caller {
  workspace: WorkspaceSettings;
  userId: string;
  role: Role;
  now: Date;
  via: Via;
}

export function authorOf(caller: Caller): Author {
  return { byId: caller.userId, at: caller.now, via: caller.via };
}

/**
 * The bot itself, for what its jobs do on their own (a quiet lead returning to the pool):
 * the journal records it as the system's, not as any person's.
 */
export const SYSTEM_USER_ID = 'leadops';

export function systemCaller(workspace: WorkspaceSettings, now: Date): Caller {
  return { workspace, userId: SYSTEM_USER_ID, role: 'admin', now, via: 'system' };
}
