import { useCallback, useEffect, useRef, useState } from 'react';
import { getImport } from './importApi';
import { pollDelay, running, type ImportJob } from './imports';

/** The state of one import as the screen follows it. */
export interface FollowedJob {
  job: ImportJob | undefined;
  loading: boolean;
  error: unknown;
  /** replace shows a job the server answered (a started check or run) and follows it. */
  replace: (j: ImportJob) => void;
  reload: () => void;
}

/**
 * useImportJob loads import id and reads it again while a pass runs,
 * soon at first and less often the longer it goes (pollDelay), so the
 * progress stays live without a request a frame.
 */
export function useImportJob(id: string): FollowedJob {
  const [job, setJob] = useState<ImportJob>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  const attempt = useRef(0);

  useEffect(() => {
    let live = true;
    setError(undefined);
    getImport(id).then((j) => live && setJob(j), (e: unknown) => live && setError(e));
    return () => { live = false; };
  }, [id, tick]);

  const status = job?.status ?? '';
  useEffect(() => {
    if (!running(status)) {
      attempt.current = 0;
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      getImport(id).then((j) => {
        if (!live) return;
        attempt.current += 1;
        setJob(j);
      }, (e: unknown) => live && setError(e));
    }, pollDelay(attempt.current));
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // Every answer (a new job object) schedules the next read.
  }, [id, status, job]);

  const replace = useCallback((j: ImportJob) => {
    attempt.current = 0;
    setJob(j);
  }, []);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { job, loading: !job && !error, error, replace, reload };
}
