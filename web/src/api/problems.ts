// Maps a problem document's per-field errors onto form fields.
import { ApiProblem } from './client';

/** Decodes one JSON pointer into its reference tokens. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Groups a problem's field errors by the top-level field they concern.
 * Pointers may be relative to the form data ("/company") or to the request
 * body ("/data/company"); pass prefix "data" for the latter. Errors that
 * name no field are returned under "".
 */
export function fieldErrors(err: unknown, prefix = 'data'): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!(err instanceof ApiProblem)) return out;
  for (const f of err.fields) {
    let tokens = pointerTokens(f.pointer);
    if (prefix && tokens[0] === prefix && tokens.length > 1) tokens = tokens.slice(1);
    const name = tokens[0] ?? '';
    (out[name] ??= []).push(f.message || f.code);
  }
  return out;
}
