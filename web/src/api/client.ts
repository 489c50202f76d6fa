// The one way the app talks to the server: same-origin JSON with the
// session cookie, the CSRF token on writes, and the UI language; RFC 9457
// answers become ApiProblem.
import i18n from '../i18n';

/** One offending field of a problem document. */
export interface FieldProblem {
  pointer: string;
  message: string;
  code: string;
  node?: string;
  edge?: string;
}

/** A refused request, from an RFC 9457 problem document. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly fields: FieldProblem[];

  constructor(status: number, doc: Partial<ProblemBody>) {
    super(doc.detail || doc.title || `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = doc.code ?? '';
    this.title = doc.title ?? '';
    this.detail = doc.detail ?? '';
    this.type = doc.type ?? '';
    this.fields = (doc.errors ?? []).map((e) => ({
      pointer: e.pointer ?? '',
      message: e.message ?? '',
      code: e.code ?? '',
      node: e.node,
      edge: e.edge,
    }));
  }
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: Partial<FieldProblem>[];
}

/** Reads a cookie of document.cookie by name. */
export function cookie(name: string): string {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return '';
}

const safe = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Calls the API and returns its JSON answer (undefined for 204). */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  init?: RequestInit,
): Promise<T> {
  const headers = new Headers(init?.headers);
  headers.set('Accept', 'application/json');
  headers.set('Accept-Language', i18n.language || 'zh-CN');
  const upper = method.toUpperCase();
  if (!safe.has(upper)) {
    const csrf = cookie('fw_csrf');
    if (csrf) headers.set('X-CSRF-Token', csrf);
  }
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    headers.set('Content-Type', 'application/json');
    payload = JSON.stringify(body);
  }
  const res = await fetch(path, {
    ...init,
    method: upper,
    headers,
    body: payload,
    credentials: 'same-origin',
  });
  return read<T>(res);
}

let clockOffset = 0;

/**
 * The server's idea of now, in ms since the epoch. A server answers with
 * X-Server-Time (RFC 3339) from its injected clock, which a demo server may
 * have moved (FORMWORK_CLOCK=manual); countdowns use it so they agree with
 * the server's deadlines. Without the header this is the browser's clock.
 */
export function serverNow(): number {
  return Date.now() + clockOffset;
}

/** Records the server's clock from an answer's X-Server-Time header. */
export function noteServerTime(header: string | null, at = Date.now()) {
  if (!header) return;
  const t = Date.parse(header);
  if (!Number.isNaN(t)) clockOffset = t - at;
}

async function read<T>(res: Response): Promise<T> {
  noteServerTime(res.headers.get('X-Server-Time'));
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const doc = (data && typeof data === 'object' ? data : {}) as Partial<ProblemBody>;
    throw new ApiProblem(res.status, { title: res.statusText, ...doc });
  }
  return data as T;
}

/** Builds a query string from the set values of params. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
