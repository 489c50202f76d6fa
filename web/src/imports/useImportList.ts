import { useCallback, useEffect, useState } from 'react';
import { ApiProblem } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { deleteImport, getImport } from './importApi';
import { forget, remember, rememberedJobs, type ImportJob, type JobStore } from './imports';

/** The imports this browser started, as the list shows them. */
export interface ImportList {
  jobs: ImportJob[];
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** add remembers a new import and shows it first. */
  add: (j: ImportJob) => void;
  /** remove deletes an import on the server and forgets it. */
  remove: (id: string) => Promise<void>;
}

function store(): JobStore {
  return window.localStorage;
}

/**
 * useImportList loads the imports remembered for the signed-in user. The
 * API lists no imports, so their ids are kept in the browser; one the
 * server no longer knows (deleted elsewhere, or its file expired and it
 * went) is forgotten.
 */
export function useImportList(): ImportList {
  const { me } = useAuth();
  const tenant = me?.tenant_id ?? '';
  const user = me?.id ?? '';
  const [jobs, setJobs] = useState<ImportJob[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    const ids = rememberedJobs(store(), tenant, user);
    void Promise.allSettled(ids.map(getImport)).then((res) => {
      if (!live) return;
      const gone = ids.filter((_, i) => isGone(res[i]));
      if (gone.length) forget(store(), tenant, user, ...gone);
      const failed = res.find((r) => r.status === 'rejected' && !isGone(r));
      setJobs(res.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
      setError(failed?.status === 'rejected' ? failed.reason : undefined);
      setLoading(false);
    });
    return () => { live = false; };
  }, [tenant, user, tick]);

  const add = useCallback((j: ImportJob) => {
    remember(store(), tenant, user, j.id);
    setJobs((list) => [j, ...list.filter((x) => x.id !== j.id)]);
  }, [tenant, user]);
  const remove = useCallback(async (id: string) => {
    await deleteImport(id);
    forget(store(), tenant, user, id);
    setJobs((list) => list.filter((x) => x.id !== id));
  }, [tenant, user]);
  return { jobs, loading, error, reload: () => setTick((n) => n + 1), add, remove };
}

function isGone(r: PromiseSettledResult<unknown> | undefined): boolean {
  return r?.status === 'rejected' && r.reason instanceof ApiProblem && r.reason.status === 404;
}
