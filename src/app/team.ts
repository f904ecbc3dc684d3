import { InvalidFields, isSlackUserId } from '../domain/fields.js';
import { authorize, roleOf, type Role } from '../domain/roles.js';
import type { Db } from '../store/database.js';
import { membersWithStanding, setMemberRole } from '../store/members.js';
import { authorOf, type Caller } from './caller.js';

/** Who has which role in the workspace, and how roles are given. */

export async function giveRole(caller: Caller, db: Db, request: { userId: string; role: Role }) {
  authorize(caller, 'role');
  if (!isSlackUserId(request.userId)) throw new InvalidFields([{ field: 'owner', kind: 'invalid' }]);
  const { previous } = await setMemberRole(db, caller.workspace.id, request.userId, request.role, authorOf(caller));
  return { userId: request.userId, role: request.role, previous };
}

export interface TeamRoles {
  admins: string[];
  managers: string[];
  /** TEAM_ADMINS is set: Slack's own admins are not admins here unless listed. */
  adminsFromSettings: boolean;
}

/** The admins and managers, by user id; everyone else is a rep. */
export async function teamRoles(caller: Caller, db: Db, teamAdmins: ReadonlySet<string>): Promise<TeamRoles> {
  const members = await membersWithStanding(db, caller.workspace.id);
  const roles = new Map<string, Role>(members.map((member) => [member.userId, roleOf(member.userId, member, teamAdmins)]));
  for (const userId of teamAdmins) roles.set(userId, 'admin');
  const having = (role: Role) => [...roles.entries()].filter(([, held]) => held === role).map(([userId]) => userId).sort();
  return { admins: having('admin'), managers: having('manager'), adminsFromSettings: teamAdmins.size > 0 };
}
