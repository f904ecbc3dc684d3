import { describe, expect, it } from 'vitest';
import { NotAllowed } from '../../src/domain/errors.js';
import { allows, authorize, parseRole, roleOf } from '../../src/domain/roles.js';

describe('roles', () => {
  it('makes TEAM_ADMINS admins whatever is recorded, so a team cannot lock itself out', () => {
    expect(roleOf('U1', { role: 'rep' }, new Set(['U1']))).toBe('admin');
  });

  it('takes a given role, else Slack admins only without TEAM_ADMINS, else rep', () => {
    expect(roleOf('U2', { role: 'manager' }, new Set(['U1']))).toBe('manager');
    expect(roleOf('U2', { slackAdmin: true }, new Set())).toBe('admin');
    expect(roleOf('U2', { slackAdmin: true }, new Set(['U1']))).toBe('rep');
    expect(roleOf('U2', { role: 'rep', slackAdmin: true }, new Set())).toBe('rep');
    expect(roleOf('U2', undefined, new Set())).toBe('rep');
    expect(roleOf('U2', { role: 'owner' }, new Set())).toBe('rep');
  });

  it('lets reps change their own leads only, managers any lead, admins give roles', () => {
    expect(allows('rep', 'advance', true)).toBe(true);
    expect(allows('rep', 'advance', false)).toBe(false);
    expect(allows('manager', 'advance', false)).toBe(true);
    expect(allows('rep', 'assign', true)).toBe(false);
    expect(allows('rep', 'reopen', true)).toBe(true);
    expect(allows('rep', 'reopenWon', true)).toBe(false);
    expect(allows('manager', 'reopenWon', false)).toBe(true);
    expect(allows('manager', 'role')).toBe(false);
    expect(allows('admin', 'role')).toBe(true);
    expect(allows('rep', 'goal')).toBe(false);
  });

  it('refuses naming the owner and what it needs', () => {
    const refusal = (() => {
      try {
        authorize({ userId: 'U2', role: 'rep' }, 'advance', { number: '20231001001', ownerId: 'U1' });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(NotAllowed);
    expect(refusal).toMatchObject({ action: 'advance', requirement: 'owner_or_manager', lead: { number: '20231001001', ownerId: 'U1' } });
    expect(() => authorize({ userId: 'U1', role: 'rep' }, 'advance', { number: '1', ownerId: 'U1' })).not.toThrow();
  });

  it('reads roles in both languages', () => {
    expect(parseRole('Manager')).toBe('manager');
    expect(parseRole('经理')).toBe('manager');
    expect(parseRole('管理员')).toBe('admin');
    expect(parseRole('boss')).toBeUndefined();
  });
});
