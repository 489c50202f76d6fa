/**
 * The data-import screen's model, free of React: the API's import types,
 * the column mapping (from the server's suggestion to the body of a check
 * or run), the fields a column may fill, and what a job's progress says.
 */
import type { components } from '../api/schema';
import type { FormContent, LayoutField } from '../workspace/formModel';
import { sectionsOf } from '../workspace/formModel';
import type { Text } from '../designer/shared/text';

type S = components['schemas'];

/** ImportJob is an import and its progress (GET /api/v1/imports/{id}). */
export type ImportJob = S['DataImportView'];
/** ImportProgress counts what the latest pass did with the file's rows. */
export type ImportProgress = S['DataImportProgress'];
/** ImportIssue is one problem of one row of the report. */
export type ImportIssue = S['DataImportIssue'];
/** IssueChunk is one chunk of an import's report. */
export type IssueChunk = S['DataImportIssueList'];
/** RunBody is the body of a check or a run. */
export type RunBody = Omit<S['DataImportRunInput'], 'mapping'> & {
  mapping?: Record<string, string | null>;
};

/** ImportMode is how a run treats failing rows. */
export type ImportMode = 'all_or_nothing' | 'valid_rows';

/** Mapping maps each column of the file to a field, '' for a skipped one. */
export type Mapping = Record<string, string>;

/** FieldChoice is a field a column may fill. */
export interface FieldChoice {
  name: string;
  label?: Text;
  required: boolean;
}

// Field kinds a spreadsheet cell cannot fill (the server refuses them too).
const unimportable = new Set(['computed', 'sub_table', 'attachment', 'signature']);

/** fieldChoices lists the form's fields a column may fill, in display order. */
export function fieldChoices(form: FormContent): FieldChoice[] {
  const required = new Set(form.schema.required ?? []);
  const seen = new Set<string>();
  const out: FieldChoice[] = [];
  const add = (f: LayoutField) => {
    if (seen.has(f.name)) return;
    seen.add(f.name);
    if (unimportable.has(f.kind)) return;
    out.push({ name: f.name, label: f.label, required: required.has(f.name) });
  };
  for (const s of sectionsOf(form)) s.fields.forEach(add);
  for (const name of Object.keys(form.schema.properties ?? {})) {
    add({ name, kind: 'text' });
  }
  return out;
}

/**
 * initialMapping is the mapping to start from: the job's own when it has
 * one (a check was run), else the server's suggestion; every column is
 * present, '' when it is skipped.
 */
export function initialMapping(job: Pick<ImportJob, 'columns' | 'mapping' |
  'suggested_mapping'>): Mapping {
  const own = job.mapping && Object.keys(job.mapping).length ? job.mapping : undefined;
  const from = own ?? job.suggested_mapping ?? {};
  const out: Mapping = {};
  for (const c of job.columns) out[c] = from[c] ?? '';
  return out;
}

// Field names that usually identify a row, best first.
const keyish = [/^id$/, /_id$/, /^key$/, /code$/, /^mobile$/, /phone/, /email/];

/**
 * initialKey is the key field to start from: the job's own, else the
 * mapped field that looks most like an identifier, else the first mapped.
 */
export function initialKey(job: Pick<ImportJob, 'key_field'>, mapping: Mapping): string {
  if (job.key_field) return job.key_field;
  const mapped = mappedFields(mapping);
  for (const re of keyish) {
    const hit = mapped.find((f) => re.test(f));
    if (hit) return hit;
  }
  return mapped[0] ?? '';
}

/** mappedFields are the fields the mapping fills, in column order. */
export function mappedFields(mapping: Mapping): string[] {
  return Object.values(mapping).filter((f) => f !== '');
}

/** MappingProblem is what keeps a mapping from being sent. */
export type MappingProblem =
  | { code: 'empty' }
  | { code: 'no_key' }
  | { code: 'key_not_mapped'; field: string }
  | { code: 'duplicate_field'; field: string; columns: string[] };

/**
 * mappingProblems finds what the server would refuse in a mapping before
 * it is sent: nothing mapped, no key, an unmapped key, a field filled by
 * two columns. The server checks again; this only saves a round trip.
 */
export function mappingProblems(mapping: Mapping, key: string): MappingProblem[] {
  const out: MappingProblem[] = [];
  const byField = new Map<string, string[]>();
  for (const [column, field] of Object.entries(mapping)) {
    if (field) byField.set(field, [...(byField.get(field) ?? []), column]);
  }
  if (byField.size === 0) out.push({ code: 'empty' });
  else if (!key) out.push({ code: 'no_key' });
  else if (!byField.has(key)) out.push({ code: 'key_not_mapped', field: key });
  for (const [field, columns] of byField) {
    if (columns.length > 1) out.push({ code: 'duplicate_field', field, columns });
  }
  return out;
}

/** missingRequired are the form's required fields no column fills. */
export function missingRequired(fields: FieldChoice[], mapping: Mapping): string[] {
  const mapped = new Set(mappedFields(mapping));
  return fields.filter((f) => f.required && !mapped.has(f.name)).map((f) => f.name);
}

/**
 * runBody is what a check or run sends: every column, in the file's
 * order, with null for a skipped one, the key and, for a run, the mode.
 */
export function runBody(columns: string[], mapping: Mapping, key: string,
  mode?: ImportMode): RunBody {
  const m: Record<string, string | null> = {};
  for (const c of columns) m[c] = mapping[c] ? mapping[c] : null;
  return mode ? { mapping: m, key_field: key, mode } : { mapping: m, key_field: key };
}

/** running says a pass is going on in the background. */
export function running(status: string): boolean {
  return status === 'checking' || status === 'importing' || status === 'receiving';
}

/** canStart says a check or a run may start (not while one runs, never after the import). */
export function canStart(status: string): boolean {
  return !running(status) && status !== 'imported';
}

/** canDelete says the import may be deleted: the server keeps a running one. */
export function canDelete(status: string): boolean {
  return !running(status);
}

/**
 * percentOf is how far the pass is, 0 to 100: the server's figure while it
 * knows one, 100 once a pass has ended, undefined while unknown (a
 * workbook's first pass).
 */
export function percentOf(job: Pick<ImportJob, 'status' | 'progress'>): number | undefined {
  if (!running(job.status) && job.status !== 'uploaded') return 100;
  const p = job.progress.percent;
  if (p === undefined || p === null) return undefined;
  return Math.min(100, Math.max(0, Math.round(p)));
}

/** Tally is one labelled count of a pass. */
export interface Tally {
  key: 'rows_read' | 'rows_valid' | 'rows_failed' | 'created' | 'merged' | 'unchanged';
  value: number;
}

/**
 * tallies are the counts to show for a job: the rows read, valid and
 * failed of a check, and for an import what became of the rows.
 */
export function tallies(job: Pick<ImportJob, 'status' | 'progress' | 'mode'>): Tally[] {
  const p = job.progress;
  const out: Tally[] = [{ key: 'rows_read', value: p.rows_read },
    { key: 'rows_valid', value: p.rows_valid }, { key: 'rows_failed', value: p.rows_failed }];
  if (wrote(job)) {
    out.push({ key: 'created', value: p.created }, { key: 'merged', value: p.merged },
      { key: 'unchanged', value: p.unchanged });
  }
  return out;
}

/** wrote says the latest pass was an import, so records may have changed. */
export function wrote(job: Pick<ImportJob, 'status' | 'mode'>): boolean {
  return job.status === 'importing' || job.status === 'imported' ||
    (!!job.mode && (job.status === 'refused' || job.status === 'failed'));
}

/**
 * pollDelay is how long to wait before reading a running job again: soon
 * at first, then less often the longer it runs, at most every 3 s.
 */
export function pollDelay(attempt: number): number {
  return Math.min(3000, 400 * 2 ** Math.max(0, attempt));
}

/** Step is where the screen's steps stand for a job. */
export type Step = 0 | 1 | 2 | 3;

/** stepOf says which step a job is at: map (0), review the check (1), import (2), done (3). */
export function stepOf(job: Pick<ImportJob, 'status' | 'mode'>): Step {
  switch (job.status) {
    case 'checking':
    case 'checked':
      return 1;
    case 'importing':
      return 2;
    case 'imported':
      return 3;
    case 'refused':
    case 'failed':
      return job.mode ? 2 : 1;
    default:
      return 0;
  }
}

/**
 * modeAdvice says what a run in mode would do after the check: refuse the
 * whole file when rows failed and the mode is all or nothing.
 */
export function modeAdvice(job: Pick<ImportJob, 'status' | 'progress'>,
  mode: ImportMode): 'refuse' | 'skip_failed' | 'all' {
  if (job.status !== 'checked' || job.progress.rows_failed === 0) return 'all';
  return mode === 'all_or_nothing' ? 'refuse' : 'skip_failed';
}

/** issuesPath is the report's path: a JSON chunk, or a file to download. */
export function issuesPath(id: string, format: 'json' | 'csv' | 'xlsx', chunk = 0): string {
  const base = `/api/v1/imports/${encodeURIComponent(id)}/issues`;
  return format === 'json' ? `${base}?format=json&chunk=${chunk}` : `${base}?format=${format}`;
}

/** JobStore is where the browser keeps the imports it started. */
export interface JobStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** MAX_REMEMBERED bounds the list of remembered imports. */
export const MAX_REMEMBERED = 50;

function storeKey(tenant: string, user: string): string {
  return `fw.imports.${tenant}.${user}`;
}

/**
 * rememberedJobs are the ids of the imports this browser started for the
 * user, newest first. The API has no list of imports, so the screen keeps
 * its own; a damaged entry reads as none.
 */
export function rememberedJobs(store: JobStore, tenant: string, user: string): string[] {
  try {
    const v: unknown = JSON.parse(store.getItem(storeKey(tenant, user)) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** remember puts id first in the list, keeping at most MAX_REMEMBERED. */
export function remember(store: JobStore, tenant: string, user: string, id: string): string[] {
  const ids = [id, ...rememberedJobs(store, tenant, user).filter((x) => x !== id)]
    .slice(0, MAX_REMEMBERED);
  store.setItem(storeKey(tenant, user), JSON.stringify(ids));
  return ids;
}

/** forget drops ids from the list (a deleted import, or one the server no longer has). */
export function forget(store: JobStore, tenant: string, user: string,
  ...ids: string[]): string[] {
  const drop = new Set(ids);
  const kept = rememberedJobs(store, tenant, user).filter((x) => !drop.has(x));
  store.setItem(storeKey(tenant, user), JSON.stringify(kept));
  return kept;
}
