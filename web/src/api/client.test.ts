import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../i18n';
import { api, ApiProblem, noteServerTime, query, serverNow } from './client';

function respond(status: number, body?: unknown) {
  const fn = vi.fn(async (_url: string, _init?: RequestInit) =>
    new Response(body === undefined ? null : JSON.stringify(body), {
      status, headers: { 'Content-Type': 'application/json' } }));
  vi.stubGlobal('fetch', fn);
  return fn;
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'fw_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

describe('api', () => {
  it('sends the CSRF token on writes only, and the UI language always', async () => {
    document.cookie = 'fw_csrf=tok%2B1; path=/';
    await i18n.changeLanguage('zh-CN');
    const fetch = respond(200, { ok: true });
    await api('POST', '/api/v1/records', { form: 'lead' });
    await api('GET', '/api/v1/records');
    const post = new Headers(fetch.mock.calls[0][1]?.headers);
    const get = new Headers(fetch.mock.calls[1][1]?.headers);
    expect(post.get('X-CSRF-Token')).toBe('tok+1');
    expect(post.get('Content-Type')).toBe('application/json');
    expect(fetch.mock.calls[0][1]?.body).toBe('{"form":"lead"}');
    expect(get.get('X-CSRF-Token')).toBeNull();
    expect(get.get('Accept-Language')).toBe('zh-CN');
    expect(fetch.mock.calls[0][1]?.credentials).toBe('same-origin');
    await i18n.changeLanguage('en');
  });

  it('turns a problem document into ApiProblem with its fields', async () => {
    respond(422, { type: 'https://formwork.dev/problems/invalid', title: 'Invalid input',
      status: 422, detail: 'Two fields are wrong', code: 'request.invalid',
      errors: [{ pointer: '/data/budget_cycle', code: 'required', message: 'Budget cycle is required' }] });
    const err = await api('POST', '/api/v1/records', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiProblem);
    const p = err as ApiProblem;
    expect(p.status).toBe(422);
    expect(p.code).toBe('request.invalid');
    expect(p.title).toBe('Invalid input');
    expect(p.detail).toBe('Two fields are wrong');
    expect(p.fields).toEqual([{ pointer: '/data/budget_cycle', code: 'required',
      message: 'Budget cycle is required', node: undefined, edge: undefined }]);
  });

  it('survives an error answer that is not JSON', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>',
      { status: 502, statusText: 'Bad Gateway' })));
    const err = (await api('GET', '/x').catch((e: unknown) => e)) as ApiProblem;
    expect(err.status).toBe(502);
    expect(err.fields).toEqual([]);
  });

  it('answers undefined for 204', async () => {
    respond(204);
    expect(await api('POST', '/api/v1/auth/logout')).toBeUndefined();
  });
});

describe('query', () => {
  it('keeps set values only', () => {
    expect(query({ a: 'x y', b: undefined, c: '', d: 2 })).toBe('?a=x+y&d=2');
    expect(query({})).toBe('');
  });
});

describe('serverNow', () => {
  it('follows the server clock of X-Server-Time, a manual one included', async () => {
    const ahead = new Date(Date.now() + 3 * 3600000).toISOString();
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 200,
      headers: { 'X-Server-Time': ahead } })));
    await api('GET', '/api/v1/me');
    expect(Math.abs(serverNow() - Date.parse(ahead))).toBeLessThan(60000);
    noteServerTime('not a time');
    expect(Math.abs(serverNow() - Date.parse(ahead))).toBeLessThan(60000);
    noteServerTime(new Date().toISOString());
    expect(Math.abs(serverNow() - Date.now())).toBeLessThan(60000);
  });
});
