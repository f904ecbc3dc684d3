import { giveRole as giveRoleCase, teamRoles } from '../app/team.js';
import type { Role } from '../domain/roles.js';
import { textMessage } from './blocks/message.js';
import { reply, type Actor, type Outcome } from './listen.js';
import type { AppServices } from './services.js';
import { mentionUser } from './text.js';

/** `/lead role` and `/lead team`. */

export async function giveRole(services: AppServices, actor: Actor, userId: string, role: Role): Promise<Outcome> {
  const given = await giveRoleCase(actor, services.db, { userId, role });
  const r = actor.t.roles;
  const overruled = services.teamAdmins.has(userId) && role !== 'admin' ? ` ${r.stillAdmin}` : '';
  return reply(textMessage(`${r.given(mentionUser(given.userId), r.names[role])}${overruled}`));
}

export async function showTeam(services: AppServices, actor: Actor): Promise<Outcome> {
  const team = await teamRoles(actor, services.db, services.teamAdmins);
  const r = actor.t.roles;
  const people = (ids: string[]) => (ids.length > 0 ? ids.map(mentionUser).join(', ') : r.nobody);
  const lines = [
    `*${r.names.admin}*: ${people(team.admins)}${team.adminsFromSettings ? ` ${r.fromSettings}` : ''}`,
    `*${r.names.manager}*: ${people(team.managers)}`,
    `*${r.names.rep}*: ${r.everyoneElse}`,
    r.yours(r.names[actor.role]),
  ];
  return reply(textMessage(lines.join('\n')));
}
