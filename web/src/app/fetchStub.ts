/**
 * A stand-in for fetch in screen tests: each route is "METHOD /path" (the
 * path without its query string) answering a body, a status and body, or a
 * function of the request; every request is recorded. Unrouted requests
 * answer 404 with a problem document.
 */
import { vi } from 'vitest';

/** One recorded request. */
export interface Sent {
  method: string;
  url: string;
  path: string;
  params: URLSearchParams;
  body: unknown;
}

/** An answer: a JSON body (status 200), or a status with a body. */
export type Reply = unknown | { status: number; body?: unknown };

/** A route's answer, fixed or computed from the request. */
export type Route = Reply | ((s: Sent) => Reply);

function isStatus(r: unknown): r is { status: number; body?: unknown } {
  return typeof r === 'object' && r !== null && 'status' in r &&
    typeof (r as { status: unknown }).status === 'number' && Object.keys(r).length <= 2;
}

/** Stubs the global fetch with routes and returns the requests it saw. */
export function stubFetch(routes: Record<string, Route>): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const u = new URL(url, 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const s: Sent = { method, url, path: u.pathname, params: u.searchParams,
      body: init?.body ? JSON.parse(String(init.body)) as unknown : undefined };
    sent.push(s);
    const route = routes[`${method} ${u.pathname}`];
    if (route === undefined) {
      return new Response(JSON.stringify({ title: 'Not Found', status: 404 }), { status: 404 });
    }
    const r = typeof route === 'function' ? (route as (x: Sent) => Reply)(s) : route;
    const { status, body } = isStatus(r) ? r : { status: 200, body: r };
    return new Response(status === 204 ? null : JSON.stringify(body ?? {}), { status });
  }));
  return sent;
}
