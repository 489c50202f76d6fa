// The teams of an organisation, derived from its people: a team is the
// set of people sharing a `team` value, and its supervisor is the manager
// most of its members report to (ties go to a member holding the
// supervisor role, then to the first name).
import type { UserItem } from '../workspace/api';

/** One team: its name ('' for people without one), supervisor and members. */
export interface Team {
  name: string;
  supervisorId?: string;
  members: UserItem[];
}

/** The id most members' manager_id names, preferring a supervisor's. */
function supervisorOf(members: UserItem[], byId: Map<string, UserItem>): string | undefined {
  const votes = new Map<string, number>();
  for (const m of members) {
    if (m.manager_id) votes.set(m.manager_id, (votes.get(m.manager_id) ?? 0) + 1);
  }
  const score = (id: string) => (votes.get(id) ?? 0) * 2 +
    (byId.get(id)?.roles.includes('supervisor') ? 1 : 0);
  const ids = [...votes.keys()];
  if (ids.length === 0) {
    return members.find((m) => m.roles.includes('supervisor'))?.id;
  }
  return ids.sort((a, b) => score(b) - score(a) ||
    (byId.get(a)?.name ?? a).localeCompare(byId.get(b)?.name ?? b))[0];
}

/** Groups active people by team, named teams first by name, then ''. */
export function deriveTeams(users: UserItem[]): Team[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  const groups = new Map<string, UserItem[]>();
  for (const u of users) {
    if (u.disabled) continue;
    const name = (u.team ?? '').trim();
    const g = groups.get(name) ?? [];
    g.push(u);
    groups.set(name, g);
  }
  const teams = [...groups.entries()].map(([name, members]) => ({
    name, members: [...members].sort((a, b) => a.name.localeCompare(b.name)),
    supervisorId: name ? supervisorOf(members, byId) : undefined,
  }));
  return teams.sort((a, b) => (a.name === '' ? 1 : 0) - (b.name === '' ? 1 : 0) ||
    a.name.localeCompare(b.name));
}

/** Says whether making managerId the manager of userId closes a loop. */
export function makesCycle(users: UserItem[], userId: string, managerId: string): boolean {
  const byId = new Map(users.map((u) => [u.id, u]));
  const seen = new Set<string>();
  for (let id: string | undefined = managerId; id; id = byId.get(id)?.manager_id) {
    if (id === userId) return true;
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return false;
}

/** The distinct team names in use, sorted. */
export function teamNames(users: UserItem[]): string[] {
  return [...new Set(users.map((u) => (u.team ?? '').trim()).filter(Boolean))].sort();
}
