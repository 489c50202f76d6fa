import { useEffect, useState } from 'react';

import { lintContent, type DefinitionKind, type LintResult } from './definitions';

/** LintState is the latest lint answer for the content being edited. */
export interface LintState {
  result: LintResult | undefined;
  /** answered is the body the result is about (it may be an older one). */
  answered: string | null;
  checking: boolean;
  error: unknown;
}

/** LINT_DELAY is how long typing must pause before the server is asked. */
export const LINT_DELAY = 500;

/**
 * useLint asks the server to lint body (a JSON string, so that equal
 * content does not ask twice) once edits pause; an answer to an older
 * body is dropped.
 */
export function useLint(kind: DefinitionKind, body: string | null): LintState {
  const [state, setState] = useState<LintState>({ result: undefined, answered: null,
    checking: false, error: undefined });
  useEffect(() => {
    if (body === null) return undefined;
    const ctl = new AbortController();
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      lintContent(kind, JSON.parse(body) as Record<string, unknown>, ctl.signal).then(
        (result) => setState({ result, answered: body, checking: false, error: undefined }),
        (error: unknown) => {
          if (!ctl.signal.aborted) setState((s) => ({ ...s, checking: false, error }));
        },
      );
    }, LINT_DELAY);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [kind, body]);
  return state;
}
