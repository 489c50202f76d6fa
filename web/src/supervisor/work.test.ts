import { describe, expect, it } from 'vitest';
import type { RecordItem } from '../workspace/api';
import { escalationReason, isCoaching, originIds, originOf, recordIds, repOf,
  type TaskDetail } from './work';

function task(id: string, extra: Partial<TaskDetail> = {}): TaskDetail {
  return { id, kind: 'user_task', title: { en: id }, assignee_id: 'me', instance_id: 'i',
    status: 'open', tenant_id: 't', created_at: '', version: 1, escalation_level: 0,
    ...extra };
}

const records = new Map([['r1', { id: 'r1', owner_id: 'rep1' }],
  ['r2', { id: 'r2', owner_id: 'me' }]] as [string, RecordItem][]);

describe('escalations and coaching', () => {
  it('says why a task reached me', () => {
    expect(escalationReason(task('a', { assignee_id: 'rep1', co_handlers: ['me'] }), 'me'))
      .toBe('copied');
    expect(escalationReason(task('b', { handoffs: [{ kind: 'reassign', from: 'x', to: 'me',
      by: 'boss', at: '' }] }), 'me')).toBe('handed');
    expect(escalationReason(task('e', { handoffs: [{ kind: 'reassign', to: 'me', by: 'me',
      at: '' }] }), 'me')).toBeNull();
  });

  it('takes escalations from the escalation level', () => {
    expect(escalationReason(task('f', { escalation_level: 2, record_id: 'r2' }), 'me'))
      .toBe('escalated');
    // Level 0 is normal work, even about someone else's record.
    expect(escalationReason(task('g', { record_id: 'r1' }), 'me')).toBeNull();
    expect(escalationReason(task('h', { assignee_id: 'rep1', co_handlers: ['me'] }), 'me'))
      .toBe('copied');
  });

  it('finds where an escalation came from', () => {
    const up = task('up', { escalation_level: 1, escalated_from: 'low', record_id: 'r2' });
    const low = task('low', { assignee_id: 'rep1', record_id: 'r1' });
    expect(originIds([up, task('x', { escalated_from: 'up' })])).toEqual(['low']);
    expect(originOf(up, new Map([['low', low]]), records))
      .toEqual({ task: low, recordId: 'r1', from: 'rep1' });
    expect(originOf(up, new Map(), records)).toEqual({ task: undefined, recordId: 'r2',
      from: 'me' });
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
