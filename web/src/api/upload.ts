/**
 * A multipart POST with upload progress, which fetch cannot report: the
 * session's CSRF token and the UI's language go along as the other calls
 * send them, a 201 answers the created document, and anything else
 * becomes an ApiProblem with the server's localised detail.
 */
import i18n from '../i18n';
import { ApiProblem, cookie } from './client';

/** PostOptions are an upload's progress callback and abort signal. */
export interface PostOptions {
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** postMultipart sends body to path and resolves with the created document. */
export function postMultipart<T>(path: string, body: FormData, opts: PostOptions = {}):
  Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.language || 'zh-CN');
    const csrf = cookie('fw_csrf');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => settle(xhr, resolve, reject);
    xhr.onerror = () => reject(new ApiProblem(0, { detail: i18n.t('fields:network') }));
    opts.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}

function settle<T>(xhr: XMLHttpRequest, resolve: (doc: T) => void,
  reject: (e: unknown) => void) {
  let doc: unknown;
  try {
    doc = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
  } catch {
    doc = undefined;
  }
  if (xhr.status === 201 && doc && typeof doc === 'object') {
    resolve(doc as T);
    return;
  }
  const problem = doc && typeof doc === 'object' ? doc as Record<string, never> : {};
  reject(new ApiProblem(xhr.status, { title: xhr.statusText, ...problem }));
}
