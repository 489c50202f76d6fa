import { useState } from 'react';
import { fieldErrors } from '../api/problems';

/**
 * A write with its busy flag, its error and its per-field errors; field
 * pointers are read relative to the body member prefix ("data").
 */
export function useSubmit<A extends unknown[], R>(fn: (...args: A) => Promise<R>,
  prefix = 'data') {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const run = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    setErrors({});
    try {
      return await fn(...args);
    } catch (e) {
      setError(e);
      setErrors(fieldErrors(e, prefix));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, errors };
}
