/**
 * A stand-in for the API client in page tests: answers are looked up by
 * "METHOD path" (the path without its query string first, then with it),
 * and every call is recorded.
 */
import { ApiProblem } from '../../api/client';

/** Call is one recorded request. */
export interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}

/** Answer is a fixed body, or a function of the call. */
export type Answer = unknown | ((c: Call) => unknown);

/** MockApi is the fake api() with its calls and answers. */
export interface MockApi {
  api: <T>(method: string, path: string, body?: unknown, init?: RequestInit) => Promise<T>;
  calls: Call[];
  answers: Map<string, Answer>;
}

/** XSS is a label that must show as text, never as an element. */
export const XSS = '<img src=x onerror=alert(1)>';

/** mockApi builds a fake api() answering from answers. */
export function mockApi(answers: Record<string, Answer>): MockApi {
  const m: MockApi = { calls: [], answers: new Map(Object.entries(answers)),
    api: async <T,>(method: string, path: string, body?: unknown, init?: RequestInit) => {
      const c = { method, path, body, headers: new Headers(init?.headers) };
      m.calls.push(c);
      const bare = path.split('?')[0];
      const key = [`${method} ${path}`, `${method} ${bare}`].find((k) => m.answers.has(k));
      if (!key) throw new ApiProblem(404, { title: 'Not found', detail: `no answer: ${path}` });
      const a = m.answers.get(key);
      const v = typeof a === 'function' ? (a as (c: Call) => unknown)(c) : a;
      if (v instanceof Error) throw v;
      return structuredClone(v) as T;
    } };
  return m;
}
