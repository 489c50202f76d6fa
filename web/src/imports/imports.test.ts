import { describe, expect, it } from 'vitest';
import type { FormContent } from '../workspace/formModel';
import {
  canDelete, canStart, fieldChoices, forget, initialKey, initialMapping, issuesPath,
  MAX_REMEMBERED, mappingProblems, missingRequired, modeAdvice, percentOf, pollDelay, remember,
  rememberedJobs, runBody, stepOf, tallies, type ImportJob, type JobStore,
} from './imports';
import { bundles } from './locales';

const form: FormContent = {
  schema: { required: ['company', 'mobile'], properties: {
    company: { type: 'string' }, mobile: { type: 'string' }, total: { type: 'number' },
    files: { type: 'array' }, note: { type: 'string' } } },
  layout: { sections: [{ fields: [
    { name: 'company', kind: 'text', label: { en: 'Company', 'zh-CN': '公司' } },
    { name: 'mobile', kind: 'phone', label: { en: 'Mobile' } },
    { name: 'total', kind: 'computed' },
    { name: 'files', kind: 'attachment' },
  ] }] },
};

const progress = { rows_read: 0, rows_valid: 0, rows_failed: 0, rows_imported: 0, created: 0,
  merged: 0, unchanged: 0, landed_through: 0 };

function job(over: Partial<ImportJob> = {}): ImportJob {
  return { id: 'j1', form: 'lead', file_name: 'leads.csv', size: 10, format: 'csv',
    columns: ['公司', 'Mobile', 'Notes'], suggested_mapping: { 公司: 'company', Mobile: 'mobile' },
    status: 'uploaded', progress, issues: 0, created_at: '2026-12-04T09:00:00Z',
    updated_at: '2026-12-04T09:00:00Z', ...over };
}

describe('the fields a column may fill', () => {
  it('lists laid-out then schema-only fields, without computed or file fields', () => {
    expect(fieldChoices(form).map((f) => [f.name, f.required])).toEqual([
      ['company', true], ['mobile', true], ['note', false]]);
  });
});

describe('the column mapping', () => {
  it('starts from the suggestion, every column present', () => {
    expect(initialMapping(job())).toEqual({ 公司: 'company', Mobile: 'mobile', Notes: '' });
  });

  it('starts from the job’s own mapping once a check has set one', () => {
    expect(initialMapping(job({ mapping: { Notes: 'note' } })))
      .toEqual({ 公司: '', Mobile: '', Notes: 'note' });
  });

  it('picks the key: the job’s, else an identifier-like field, else the first', () => {
    const m = { 公司: 'company', Mobile: 'mobile', Notes: '' };
    expect(initialKey(job({ key_field: 'company' }), m)).toBe('company');
    expect(initialKey(job(), m)).toBe('mobile');
    expect(initialKey(job(), { A: 'company', B: 'customer_id' })).toBe('customer_id');
    expect(initialKey(job(), { A: 'note', B: 'company' })).toBe('note');
    expect(initialKey(job(), { A: '' })).toBe('');
  });

  it('finds what the server would refuse before sending', () => {
    expect(mappingProblems({ A: '', B: '' }, '')).toEqual([{ code: 'empty' }]);
    expect(mappingProblems({ A: 'company' }, '')).toEqual([{ code: 'no_key' }]);
    expect(mappingProblems({ A: 'company' }, 'mobile'))
      .toEqual([{ code: 'key_not_mapped', field: 'mobile' }]);
    expect(mappingProblems({ A: 'company', B: 'company', C: 'mobile' }, 'mobile'))
      .toEqual([{ code: 'duplicate_field', field: 'company', columns: ['A', 'B'] }]);
    expect(mappingProblems({ A: 'company', B: 'mobile' }, 'mobile')).toEqual([]);
  });

  it('names the required fields no column fills', () => {
    expect(missingRequired(fieldChoices(form), { A: 'company', B: '' })).toEqual(['mobile']);
  });

  it('sends every column in the file’s order, null for a skipped one', () => {
    const body = runBody(['公司', 'Mobile', 'Notes'], { 公司: 'company', Mobile: 'mobile',
      Notes: '' }, 'mobile', 'valid_rows');
    expect(body).toEqual({ mapping: { 公司: 'company', Mobile: 'mobile', Notes: null },
      key_field: 'mobile', mode: 'valid_rows' });
    expect(Object.keys(body.mapping ?? {})).toEqual(['公司', 'Mobile', 'Notes']);
    expect(runBody(['A'], { A: 'company' }, 'company')).toEqual({
      mapping: { A: 'company' }, key_field: 'company' });
  });
});

describe('the progress of a pass', () => {
  it('says how far a pass is, when it is known', () => {
    expect(percentOf(job({ status: 'importing', progress: { ...progress, percent: 42.4 } })))
      .toBe(42);
    expect(percentOf(job({ status: 'checking', progress: { ...progress, percent: 140 } })))
      .toBe(100);
    expect(percentOf(job({ status: 'checking' }))).toBeUndefined();
    expect(percentOf(job({ status: 'checked' }))).toBe(100);
    expect(percentOf(job({ status: 'refused', mode: 'all_or_nothing' }))).toBe(100);
  });

  it('counts created, merged and unchanged only for an import', () => {
    const p = { ...progress, rows_read: 3, rows_valid: 2, rows_failed: 1, created: 1,
      merged: 1 };
    expect(tallies(job({ status: 'checked', progress: p })).map((x) => x.key))
      .toEqual(['rows_read', 'rows_valid', 'rows_failed']);
    expect(tallies(job({ status: 'imported', mode: 'valid_rows', progress: p }))
      .map((x) => [x.key, x.value])).toEqual([['rows_read', 3], ['rows_valid', 2],
      ['rows_failed', 1], ['created', 1], ['merged', 1], ['unchanged', 0]]);
    expect(tallies(job({ status: 'refused', mode: 'all_or_nothing', progress: p })))
      .toHaveLength(6);
    expect(tallies(job({ status: 'refused', progress: p }))).toHaveLength(3);
  });

  it('reads a running job less often the longer it runs, at most every 3 s', () => {
    expect([0, 1, 2, 3, 10].map(pollDelay)).toEqual([400, 800, 1600, 3000, 3000]);
  });

  it('places a job on the steps', () => {
    expect(['uploaded', 'checking', 'checked', 'importing', 'imported']
      .map((status) => stepOf(job({ status })))).toEqual([0, 1, 1, 2, 3]);
    expect(stepOf(job({ status: 'refused' }))).toBe(1);
    expect(stepOf(job({ status: 'refused', mode: 'all_or_nothing' }))).toBe(2);
  });

  it('lets no pass start while one runs or after the import', () => {
    expect(['uploaded', 'checking', 'checked', 'importing', 'imported', 'refused']
      .filter(canStart)).toEqual(['uploaded', 'checked', 'refused']);
    expect(canDelete('importing')).toBe(false);
    expect(canDelete('imported')).toBe(true);
  });

  it('warns that failing rows refuse an all-or-nothing import', () => {
    const checked = job({ status: 'checked', progress: { ...progress, rows_failed: 1 } });
    expect(modeAdvice(checked, 'all_or_nothing')).toBe('refuse');
    expect(modeAdvice(checked, 'valid_rows')).toBe('skip_failed');
    expect(modeAdvice(job({ status: 'checked' }), 'all_or_nothing')).toBe('all');
  });

  it('builds the report paths', () => {
    expect(issuesPath('a/b', 'json', 2)).toBe('/api/v1/imports/a%2Fb/issues?format=json&chunk=2');
    expect(issuesPath('j1', 'xlsx')).toBe('/api/v1/imports/j1/issues?format=xlsx');
  });
});

function memory(): JobStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('the remembered imports', () => {
  it('keeps ids per tenant and user, newest first, each once, and bounded', () => {
    const s = memory();
    remember(s, 't1', 'u1', 'a');
    remember(s, 't1', 'u1', 'b');
    expect(remember(s, 't1', 'u1', 'a')).toEqual(['a', 'b']);
    expect(rememberedJobs(s, 't2', 'u1')).toEqual([]);
    for (let i = 0; i < MAX_REMEMBERED + 5; i += 1) remember(s, 't1', 'u1', `x${i}`);
    expect(rememberedJobs(s, 't1', 'u1')).toHaveLength(MAX_REMEMBERED);
  });

  it('forgets deleted ids and reads a damaged entry as none', () => {
    const s = memory();
    remember(s, 't1', 'u1', 'a');
    remember(s, 't1', 'u1', 'b');
    expect(forget(s, 't1', 'u1', 'a', 'zz')).toEqual(['b']);
    s.data.set('fw.imports.t1.u1', '{"not": "a list"');
    expect(rememberedJobs(s, 't1', 'u1')).toEqual([]);
    s.data.set('fw.imports.t1.u1', '["a", 3, null]');
    expect(rememberedJobs(s, 't1', 'u1')).toEqual(['a']);
  });
});

type Tree = { [k: string]: string | Tree };
function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`));
}

function has(t: Tree, key: string): boolean {
  let node: string | Tree | undefined = t;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return false;
    node = node[part] ?? node[`${part}_one`];
  }
  return node !== undefined;
}

const sources = import.meta.glob<string>('./*.tsx', { query: '?raw', import: 'default',
  eager: true });

describe('the strings', () => {
  it('has every key in both languages', () => {
    expect(keys(bundles['zh-CN'] as Tree).sort()).toEqual(keys(bundles.en as Tree).sort());
  });

  it('has every key a component asks for, and every status and tally', () => {
    const used = Object.entries(sources).filter(([f]) => !f.includes('.test.'))
      .flatMap(([, src]) => [...src.matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)].map((m) => m[1]));
    const dynamic = ['receiving', 'uploaded', 'checking', 'checked', 'importing', 'imported',
      'refused', 'failed'].map((x) => `status.${x}`).concat(['rows_read', 'rows_valid',
      'rows_failed', 'created', 'merged', 'unchanged'].map((x) => `progress.${x}`),
    ['empty', 'no_key'].map((x) => `mapping.problem.${x}`), ['run.refuse', 'run.skip_failed']);
    expect(used.length).toBeGreaterThan(40);
    const missing = [...used, ...dynamic].flatMap((k) => (['en', 'zh-CN'] as const)
      .filter((l) => !has(bundles[l] as Tree, k)).map((l) => `${l} ${k}`));
    expect(missing).toEqual([]);
  });
});
