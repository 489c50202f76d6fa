import { useCallback, useEffect, useState } from 'react';
import { api, query } from '../api/client';
import type { InboxItem, RecordItem } from '../workspace/api';
import { originIds, recordIds, type TaskDetail } from './work';

/** The most tasks whose details one load reads. */
export const MAX_DETAILS = 100;

/** Open tasks in full, with the records they concern. */
export interface Work {
  tasks: TaskDetail[];
  records: Map<string, RecordItem>;
  /** byId holds every task read: the open ones and those they were escalated from. */
  byId: Map<string, TaskDetail>;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/**
 * The task list paths of the inbox selectors: their open tasks, preceded
 * (when escalated) by their escalated ones so those are read in full even
 * when the inbox holds more than MAX_DETAILS tasks. A server that does not
 * know ?escalated= answers all open tasks, which the rest deduplicates.
 */
export function taskPaths(assignees: string[], escalated: boolean): string[] {
  const open = (a: string, extra: Record<string, string> = {}) =>
    '/api/v1/tasks' + query({ assignee: a, status: 'open', ...extra, limit: 100 });
  return [...(escalated ? assignees.map((a) => open(a, { escalated: 'true' })) : []),
    ...assignees.map((a) => open(a))];
}

/** Reads the tasks of ids, skipping those the caller may not see. */
async function readTasks(ids: string[], strict: boolean): Promise<TaskDetail[]> {
  const read = (id: string) => api<TaskDetail>('GET', `/api/v1/tasks/${encodeURIComponent(id)}`);
  if (strict) return Promise.all(ids.map(read));
  const got = await Promise.all(ids.map((id) => read(id).catch(() => null)));
  return got.filter((t): t is TaskDetail => t !== null);
}

async function loadWork(assignees: string[], escalated: boolean): Promise<Omit<Work,
  'loading' | 'error' | 'reload'>> {
  const pages = await Promise.all(taskPaths(assignees, escalated).map((p) =>
    api<{ items: InboxItem[] | null }>('GET', p)));
  const ids = [...new Set(pages.flatMap((p) => (p.items ?? []).map((i) => i.id)))]
    .slice(0, MAX_DETAILS);
  const tasks = await readTasks(ids, true);
  const origins = await readTasks(originIds(tasks), false);
  const rids = recordIds([...tasks, ...origins]);
  const recs = rids.length ? await api<{ items: RecordItem[] }>('GET', '/api/v1/records' +
    query({ ids: rids.join(','), limit: 100 })) : { items: [] };
  return { tasks, records: new Map((recs.items ?? []).map((r) => [r.id, r])),
    byId: new Map([...tasks, ...origins].map((t) => [t.id, t])) };
}

/**
 * Loads the open tasks of the inbox selectors (me, team) in full; with
 * escalated, their escalated tasks first and the tasks those came from.
 */
export function useWork(assignees: string[], escalated = false): Work {
  const key = assignees.join(',');
  const [state, setState] = useState<Omit<Work, 'reload'>>({ tasks: [], records: new Map(),
    byId: new Map(), loading: true, error: undefined });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    loadWork(key.split(','), escalated).then((w) => live && setState({ ...w, loading: false,
      error: undefined }), (e: unknown) => live && setState((s) => ({ ...s, loading: false,
      error: e })));
    return () => { live = false; };
  }, [key, escalated, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
