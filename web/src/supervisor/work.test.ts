import { describe, expect, it } from 'vitest';
import type { RecordItem } from '../workspace/api';
import { escalationReason, isCoaching, recordIds, repOf, type TaskDetail } from './work';

function task(id: string, extra: Partial<TaskDetail> = {}): TaskDetail {
  return { id, kind: 'user_task', title: { en: id }, assignee_id: 'me', instance_id: 'i',
    status: 'open', tenant_id: 't', created_at: '', version: 1, ...extra };
}

const records = new Map([['r1', { id: 'r1', owner_id: 'rep1' }],
  ['r2', { id: 'r2', owner_id: 'me' }]] as [string, RecordItem][]);

describe('escalations and coaching', () => {
  it('says why a task reached me', () => {
    expect(escalationReason(task('a', { assignee_id: 'rep1', co_handlers: ['me'] }), 'me',
      records)).toBe('copied');
    expect(escalationReason(task('b', { handoffs: [{ kind: 'reassign', from: 'x', to: 'me',
      by: 'boss', at: '' }] }), 'me', records)).toBe('handed');
    expect(escalationReason(task('c', { record_id: 'r1' }), 'me', records)).toBe('escalated');
    expect(escalationReason(task('d', { record_id: 'r2' }), 'me', records)).toBeNull();
    expect(escalationReason(task('e', { handoffs: [{ kind: 'reassign', to: 'me', by: 'me',
      at: '' }] }), 'me', records)).toBeNull();
  });

  it('finds coaching tasks and the rep they are about', () => {
    const coach = task('c', { outcomes: ['coached', 'reassigned'], record_id: 'r1' });
    expect(isCoaching(coach)).toBe(true);
    expect(isCoaching(task('x', { outcomes: ['done'] }))).toBe(false);
    expect(repOf(coach, records)).toBe('rep1');
    expect(repOf(task('y', { assignee_id: 'rep9' }), records)).toBe('rep9');
    expect(recordIds([coach, coach, task('z')])).toEqual(['r1']);
  });
});
