import { InThePool, NotAllowed, type ProtectedAction } from './errors.js';

/**
 * Who may do what in a workspace. Reps create leads, change the leads they own and see
 * all; managers change any lead, reassign, set goals and record marketing spend; admins also give roles and
 * change the team's settings (`/lead config`).
 */
export const ROLES = ['rep', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { rep: 0, manager: 1, admin: 2 };

export function atLeast(role: Role, wanted: Role): boolean {
  return RANK[role] >= RANK[wanted];
}

export function parseRole(text: string): Role | undefined {
  const word = text.normalize('NFKC').trim().toLowerCase();
  const aliases: Record<string, Role> = { rep: 'rep', sales: 'rep', 销售: 'rep', manager: 'manager', 经理: 'manager', 主管: 'manager', admin: 'admin', 管理员: 'admin' };
  return aliases[word];
}

/** What is known of a person's standing: a role given with `/lead role`, and whether Slack calls them an admin or owner. */
export interface Standing {
  role?: string | null;
  slackAdmin?: boolean;
}

/**
 * A person's role. The ids in TEAM_ADMINS are admins whatever else is recorded, so a
 * team can never lock itself out; without TEAM_ADMINS, Slack's own workspace admins
 * and owners are. A role given with `/lead role` stands otherwise; everyone else is a rep.
 */
export function roleOf(userId: string, standing: Standing | undefined, teamAdmins: ReadonlySet<string>): Role {
  if (teamAdmins.has(userId)) return 'admin';
  const given = ROLES.find((role) => role === standing?.role);
  if (given) return given;
  if (teamAdmins.size === 0 && standing?.slackAdmin) return 'admin';
  return 'rep';
}

/** Who may: the rule for each protected action, and who to name when someone else asks. */
export type Requirement = 'owner_or_manager' | 'manager' | 'admin';

export const REQUIREMENTS: Record<ProtectedAction, Requirement> = {
  advance: 'owner_or_manager',
  win: 'owner_or_manager',
  lose: 'owner_or_manager',
  edit: 'owner_or_manager',
  reopen: 'owner_or_manager',
  reopenWon: 'manager',
  assign: 'manager',
  undoOthers: 'manager',
  goal: 'manager',
  role: 'admin',
  release: 'owner_or_manager',
  settings: 'admin',
  action: 'manager',
  closeAction: 'owner_or_manager',
  // A sheet writes many leads at once under many owners: a manager's call, as assigning is.
  import: 'manager',
  cost: 'manager',
  // Spot-checking others' work is the manager's weekly duty (seed 004).
  audit: 'manager',
};

export function allows(role: Role, action: ProtectedAction, ownsIt = false): boolean {
  switch (REQUIREMENTS[action]) {
    case 'owner_or_manager':
      return ownsIt || atLeast(role, 'manager');
    case 'manager':
      return atLeast(role, 'manager');
    case 'admin':
      return atLeast(role, 'admin');
  }
}

/**
 * Refuses, naming who may, unless `role` allows `action` (on a lead owned by `lead.ownerId`).
 * A lead in the team pool is nobody's: a rep claims it before changing it (its ownerId is
 * only who held it last); a manager may still change it.
 */
export function authorize(who: { userId: string; role: Role }, action: ProtectedAction, lead?: { number: string; ownerId: string; pooledAt?: Date | null }): void {
  if (lead?.pooledAt && !atLeast(who.role, 'manager')) throw new InThePool(lead.number);
  if (allows(who.role, action, lead !== undefined && lead.ownerId === who.userId)) return;
  throw new NotAllowed(action, REQUIREMENTS[action], lead);
}
