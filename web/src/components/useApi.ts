import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';

/** The state of one GET: data, loading, error and a reload. */
export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/** Loads path (skipped while null) and reloads when it changes. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    if (path === null) return;
    const n = ++seq.current;
    setLoading(true);
    setError(undefined);
    api<T>('GET', path).then(
      (d) => {
        if (n !== seq.current) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (n !== seq.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, [path, tick]);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { data, loading, error, reload };
}
