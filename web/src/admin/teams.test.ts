import { describe, expect, it } from 'vitest';
import type { UserItem } from '../workspace/api';
import { deriveTeams, makesCycle, teamNames } from './teams';

function user(id: string, name: string, extra: Partial<UserItem> = {}): UserItem {
  return { id, name, email: `${id}@x.cn`, roles: ['rep'], disabled: false, locale: 'en',
    tenant_id: 't', created_at: '', updated_at: '', version: 1, im: {}, ...extra };
}

describe('deriveTeams', () => {
  const users = [
    user('s1', 'Sun', { roles: ['supervisor'], team: 'East' }),
    user('r1', 'Ai', { team: 'East', manager_id: 's1' }),
    user('r2', 'Bo', { team: ' East ', manager_id: 's1' }),
    user('r3', 'Cai', { team: 'West', manager_id: 'r1' }),
    user('r4', 'Du'),
    user('r5', 'Off', { team: 'West', disabled: true }),
  ];

  it('groups people by team, named teams first, and picks the supervisor', () => {
    const teams = deriveTeams(users);
    expect(teams.map((t) => [t.name, t.supervisorId, t.members.map((m) => m.id)])).toEqual([
      ['East', 's1', ['r1', 'r2', 's1']],
      ['West', 'r1', ['r3']],
      ['', undefined, ['r4']],
    ]);
  });

  it('falls back to a supervisor member when nobody has a manager', () => {
    const teams = deriveTeams([user('a', 'A', { team: 'N' }),
      user('b', 'B', { team: 'N', roles: ['supervisor'] })]);
    expect(teams[0].supervisorId).toBe('b');
  });

  it('lists the team names in use', () => {
    expect(teamNames(users)).toEqual(['East', 'West']);
  });

  it('finds a manager loop', () => {
    expect(makesCycle(users, 's1', 'r1')).toBe(true);
    expect(makesCycle(users, 'r3', 's1')).toBe(false);
    expect(makesCycle(users, 'r1', 'r1')).toBe(true);
  });
});
