// Which tasks a supervisor sees as escalations and as coaching, from what
// the task API exposes: a task's assignee, co-handlers (加签), handoffs
// (转办) and outcomes, and the owner of the record it concerns. The API
// exposes no escalation level, so an escalation is work that reached me
// from someone else: copied to me, handed to me, or assigned to me about
// a record another person owns (a manager-chain assignee rule).
import type { TaskView } from '../api/types';
import type { RecordItem } from '../workspace/api';

/** A task as GET /api/v1/tasks/{id} answers it. */
export type TaskDetail = TaskView;

/** Why a task is an escalation to me. */
export type Reason = 'copied' | 'handed' | 'escalated';

/** The outcome key that marks a coaching task (the lead pack's intervention). */
export const COACHED = 'coached';

/** Why task t is an escalation to me, or null when it is my own work. */
export function escalationReason(t: TaskDetail, me: string,
  records: Map<string, RecordItem>): Reason | null {
  if (t.assignee_id !== me && (t.co_handlers ?? []).includes(me)) return 'copied';
  const last = (t.handoffs ?? []).filter((h) => h.kind === 'reassign').at(-1);
  if (t.assignee_id === me && last && last.to === me && last.by !== me) return 'handed';
  const owner = t.record_id ? records.get(t.record_id)?.owner_id : undefined;
  if (t.assignee_id === me && owner && owner !== me) return 'escalated';
  return null;
}

/** Says whether t is coaching: one of its outcomes is COACHED. */
export function isCoaching(t: TaskDetail): boolean {
  return (t.outcomes ?? []).includes(COACHED);
}

/** The rep a coaching task is about: the record's owner, else its assignee. */
export function repOf(t: TaskDetail, records: Map<string, RecordItem>): string {
  return (t.record_id ? records.get(t.record_id)?.owner_id : undefined) ?? t.assignee_id;
}

/** The distinct record ids of tasks, at most max. */
export function recordIds(tasks: TaskDetail[], max = 100): string[] {
  return [...new Set(tasks.map((t) => t.record_id).filter((x): x is string => !!x))]
    .slice(0, max);
}

/** Tasks soonest due first, those without a deadline last. */
export function byDue(tasks: TaskDetail[]): TaskDetail[] {
  return [...tasks].sort((a, b) => (a.due_at ?? '9').localeCompare(b.due_at ?? '9'));
}
