import { useCallback, useEffect, useState } from 'react';
import { api, query } from '../api/client';
import type { InboxItem, RecordItem } from '../workspace/api';
import { recordIds, type TaskDetail } from './work';

/** The most tasks whose details one load reads. */
export const MAX_DETAILS = 100;

/** Open tasks in full, with the records they concern. */
export interface Work {
  tasks: TaskDetail[];
  records: Map<string, RecordItem>;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

async function loadWork(assignees: string[]): Promise<Omit<Work, 'loading' | 'error' |
  'reload'>> {
  const pages = await Promise.all(assignees.map((a) => api<{ items: InboxItem[] }>('GET',
    '/api/v1/tasks' + query({ assignee: a, status: 'open', limit: 100 }))));
  const ids = [...new Set(pages.flatMap((p) => (p.items ?? []).map((i) => i.id)))]
    .slice(0, MAX_DETAILS);
  const tasks = await Promise.all(ids.map((id) =>
    api<TaskDetail>('GET', `/api/v1/tasks/${encodeURIComponent(id)}`)));
  const rids = recordIds(tasks);
  const recs = rids.length ? await api<{ items: RecordItem[] }>('GET', '/api/v1/records' +
    query({ ids: rids.join(','), limit: 100 })) : { items: [] };
  return { tasks, records: new Map((recs.items ?? []).map((r) => [r.id, r])) };
}

/** Loads the open tasks of the inbox selectors (me, team) in full. */
export function useWork(assignees: string[]): Work {
  const key = assignees.join(',');
  const [state, setState] = useState<Omit<Work, 'reload'>>({ tasks: [], records: new Map(),
    loading: true, error: undefined });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    loadWork(key.split(',')).then((w) => live && setState({ ...w, loading: false,
      error: undefined }), (e: unknown) => live && setState((s) => ({ ...s, loading: false,
      error: e })));
    return () => { live = false; };
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}
