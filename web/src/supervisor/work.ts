// Which tasks a supervisor sees as escalations and as coaching, from what
// the task API exposes: a task's escalation level and the task it was
// escalated from, its assignee, co-handlers (加签), handoffs (转办) and
// outcomes, and the owner of the record it concerns.
import type { TaskView } from '../api/types';
import type { RecordItem } from '../workspace/api';

/**
 * A task as GET /api/v1/tasks/{id} answers it: escalation_level is 0 for
 * normal work and 1 or more for an escalation, escalated_from the id of
 * the task it was escalated from.
 */
export type TaskDetail = TaskView;

/** Why a task is an escalation to me. */
export type Reason = 'copied' | 'handed' | 'escalated';

/** The outcome key that marks a coaching task (the lead pack's intervention). */
export const COACHED = 'coached';

/** Why task t is an escalation to me, or null when it is my own work. */
export function escalationReason(t: TaskDetail, me: string): Reason | null {
  if (t.escalation_level >= 1) return 'escalated';
  if (t.assignee_id !== me && (t.co_handlers ?? []).includes(me)) return 'copied';
  const last = (t.handoffs ?? []).filter((h) => h.kind === 'reassign').at(-1);
  if (t.assignee_id === me && last && last.to === me && last.by !== me) return 'handed';
  return null;
}

/** The ids of the tasks tasks were escalated from that are not among them, at most max. */
export function originIds(tasks: TaskDetail[], max = 50): string[] {
  const have = new Set(tasks.map((t) => t.id));
  return [...new Set(tasks.map((t) => t.escalated_from ?? '')
    .filter((id) => id && !have.has(id)))].slice(0, max);
}

/**
 * Where an escalation came from: the original task (when the server names
 * it and it could be read), the record to link (the original task's, else
 * t's own) and the person it came from (the original assignee, else the
 * record's owner).
 */
export function originOf(t: TaskDetail, tasks: Map<string, TaskDetail>,
  records: Map<string, RecordItem>): { task?: TaskDetail; recordId?: string; from?: string } {
  const task = t.escalated_from ? tasks.get(t.escalated_from) : undefined;
  const recordId = task?.record_id ?? t.record_id;
  const from = task?.assignee_id ?? (recordId ? records.get(recordId)?.owner_id : undefined);
  return { task, recordId, from };
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
