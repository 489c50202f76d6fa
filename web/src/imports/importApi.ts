/**
 * The data hub's import calls: the multipart upload (with its progress),
 * reading, checking, running and deleting an import, its report as JSON
 * chunks and as a file to download.
 */
import { api, ApiProblem } from '../api/client';
import { postMultipart } from '../api/upload';
import i18n from '../i18n';
import { issuesPath, type ImportJob, type IssueChunk, type RunBody } from './imports';

/** UploadOptions are the upload's optional parts. */
export interface UploadOptions {
  encoding?: string;
  sheet?: string;
  onProgress?: (percent: number) => void;
}

function jobPath(id: string, tail = ''): string {
  return `/api/v1/imports/${encodeURIComponent(id)}${tail}`;
}

/**
 * uploadImport sends file to be imported into form and answers the new
 * job with its columns and suggested mapping; a refusal (too large, not a
 * spreadsheet, unknown encoding) is an ApiProblem with the server's detail.
 */
export function uploadImport(file: File, form: string, opts: UploadOptions = {}):
  Promise<ImportJob> {
  const body = new FormData();
  body.append('form', form);
  if (opts.encoding) body.append('encoding', opts.encoding);
  if (opts.sheet) body.append('sheet', opts.sheet);
  body.append('file', file, file.name);
  return postMultipart<ImportJob>('/api/v1/imports', body, opts);
}

/** getImport reads an import and its progress. */
export function getImport(id: string): Promise<ImportJob> {
  return api<ImportJob>('GET', jobPath(id));
}

/** deleteImport deletes an import that is not running. */
export function deleteImport(id: string): Promise<void> {
  return api<void>('DELETE', jobPath(id));
}

/** checkImport starts the dry run with body's mapping and key. */
export function checkImport(id: string, body: RunBody): Promise<ImportJob> {
  return api<ImportJob>('POST', jobPath(id, '/check'), body);
}

/** runImport starts the import with body's mapping, key and mode. */
export function runImport(id: string, body: RunBody): Promise<ImportJob> {
  return api<ImportJob>('POST', jobPath(id, '/run'), body);
}

/** issueChunk reads chunk n of the report. */
export function issueChunk(id: string, n: number): Promise<IssueChunk> {
  return api<IssueChunk>('GET', issuesPath(id, 'json', n));
}

/**
 * downloadIssues fetches the report as a file in the UI's language (a
 * plain link would send the browser's) and hands it to the browser.
 */
export async function downloadIssues(id: string, format: 'csv' | 'xlsx'): Promise<void> {
  const res = await fetch(issuesPath(id, format), { credentials: 'same-origin',
    headers: { 'Accept-Language': i18n.language || 'zh-CN' } });
  if (!res.ok) throw new ApiProblem(res.status, { title: res.statusText });
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `import-${id}-issues.${format}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
