import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { stubFetch } from '../app/fetchStub';
import { AuthProvider } from '../auth/AuthContext';
import { XSS } from '../designer/testing/mockApi';
import ImportPage from './ImportPage';
import ImportsPage from './ImportsPage';
import type { ImportJob } from './imports';

// Generous: the suite shares a busy two-core machine.
vi.setConfig({ testTimeout: 30000 });
configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

const admin = { id: 'a1', name: 'Ann', roles: ['admin'], email: 'a@x.cn', tenant_id: 't1' };

const forms = { items: [{ id: 'f1', kind: 'form', key: 'lead', name: { en: 'Lead' },
  status: 'published', published_version: 1 }] };
const lead = { content: { schema: { required: ['company', 'mobile'], properties: {
  company: { type: 'string' }, mobile: { type: 'string' } } },
layout: { sections: [{ fields: [
  { name: 'company', kind: 'text', label: { en: 'Company' } },
  { name: 'mobile', kind: 'phone', label: { en: 'Mobile' } }] }] } } };

const progress = { rows_read: 0, rows_valid: 0, rows_failed: 0, rows_imported: 0, created: 0,
  merged: 0, unchanged: 0, landed_through: 0 };

const uploaded: ImportJob = { id: 'j1', form: 'lead', file_name: 'leads.csv', size: 80,
  format: 'csv', columns: ['Company', 'Mobile', XSS], status: 'uploaded', issues: 0,
  suggested_mapping: { Company: 'company', Mobile: 'mobile' }, progress,
  created_at: '2026-12-04T09:00:00Z', updated_at: '2026-12-04T09:00:00Z' };

const checked: ImportJob = { ...uploaded, status: 'checked', issues: 1,
  mapping: { Company: 'company', Mobile: 'mobile' }, key_field: 'mobile',
  progress: { ...progress, rows_read: 3, rows_valid: 2, rows_failed: 1, percent: 100 },
  updated_at: '2026-12-04T09:01:00Z' };

function at(path: string) {
  return render(<AntApp><MemoryRouter initialEntries={[path]}><AuthProvider><Routes>
    <Route path="/imports" element={<ImportsPage />} />
    <Route path="/imports/:id" element={<ImportPage />} />
  </Routes></AuthProvider></MemoryRouter></AntApp>);
}

describe('the import screen', () => {
  it('shows the suggested mapping and sends it, skipped columns as null', async () => {
    let job = uploaded;
    const sent = stubFetch({ 'GET /api/v1/me': admin, 'GET /api/v1/forms': forms,
      'GET /api/v1/forms/f1/versions/1': lead, 'GET /api/v1/imports/j1': () => job,
      'POST /api/v1/imports/j1/check': () => {
        job = { ...checked };
        return { status: 202, body: { ...uploaded, status: 'checking',
          progress: { ...progress, rows_read: 1, percent: 30 } } };
      },
      'GET /api/v1/imports/j1/issues': { items: [{ row: 3, column: 'Mobile', field: 'mobile',
        code: 'format', message: XSS }], next_chunk: -1 } });
    at('/imports/j1');
    expect(await screen.findByText(XSS)).toBeTruthy(); // a header, as text
    expect(screen.getAllByText('suggested')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Check every row' }));

    await screen.findByText('Check report');
    const check = sent.find((s) => s.method === 'POST');
    expect(check?.body).toEqual({ mapping: { Company: 'company', Mobile: 'mobile',
      [XSS]: null }, key_field: 'mobile' });
    expect(await screen.findByText('1 problem in the rows')).toBeTruthy();
    expect(screen.getAllByText(XSS).length).toBeGreaterThan(1);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText(/an all-or-nothing import will be refused/)).toBeTruthy();
  });

  it('imports the valid rows when asked and shows what became of them', async () => {
    let job: ImportJob = checked;
    const sent = stubFetch({ 'GET /api/v1/me': admin, 'GET /api/v1/forms': forms,
      'GET /api/v1/forms/f1/versions/1': lead, 'GET /api/v1/imports/j1': () => job,
      'GET /api/v1/imports/j1/issues': { items: [], next_chunk: -1 },
      'POST /api/v1/imports/j1/run': () => {
        job = { ...checked, status: 'imported', mode: 'valid_rows',
          progress: { ...checked.progress, rows_imported: 2, created: 1, merged: 1 } };
        return { status: 202, body: { ...checked, status: 'importing', mode: 'valid_rows' } };
      } });
    at('/imports/j1');
    fireEvent.click(await screen.findByText('Import the valid rows, skip the failing ones'));
    expect(screen.getByText('1 row failed the check and will be skipped.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Import valid rows' }));

    expect(await screen.findByText('Import finished')).toBeTruthy();
    expect(screen.getByText('2 rows imported: 1 created, 1 merged, 0 unchanged.')).toBeTruthy();
    const run = sent.find((s) => s.path.endsWith('/run'));
    expect(run?.body).toMatchObject({ mode: 'valid_rows', key_field: 'mobile' });
  });

  it('holds back a mapping the server would refuse, and says why', async () => {
    stubFetch({ 'GET /api/v1/me': admin, 'GET /api/v1/forms': forms,
      'GET /api/v1/forms/f1/versions/1': lead,
      'GET /api/v1/imports/j1': { ...uploaded, mapping: { Company: 'company',
        Mobile: 'company' } } });
    at('/imports/j1');
    expect(await screen.findByText(
      'Company (company) is filled by more than one column: Company, Mobile.')).toBeTruthy();
    const check = screen.getByRole('button', { name: 'Check every row' }) as HTMLButtonElement;
    expect(check.disabled).toBe(true);
  });

  it('says which required fields no column fills', async () => {
    stubFetch({ 'GET /api/v1/me': admin, 'GET /api/v1/forms': forms,
      'GET /api/v1/forms/f1/versions/1': lead,
      'GET /api/v1/imports/j1': { ...uploaded, suggested_mapping: { Company: 'company' } } });
    at('/imports/j1');
    expect(await screen.findByText(/Required fields no column fills: Mobile \(mobile\)/))
      .toBeTruthy();
    const check = screen.getByRole('button', { name: 'Check every row' }) as HTMLButtonElement;
    expect(check.disabled).toBe(false);
  });

  it('lists the remembered imports and forgets those the server lost', async () => {
    window.localStorage.setItem('fw.imports.t1.a1', JSON.stringify(['j1', 'gone']));
    stubFetch({ 'GET /api/v1/me': admin, 'GET /api/v1/forms': forms,
      'GET /api/v1/imports/j1': checked });
    at('/imports');
    expect(await screen.findByText('leads.csv')).toBeTruthy();
    expect(screen.getByText('Checked')).toBeTruthy();
    await waitFor(() => expect(JSON.parse(window.localStorage.getItem('fw.imports.t1.a1') ??
      '[]')).toEqual(['j1']));
  });

  it('deletes an import after asking, and forgets it', async () => {
    window.localStorage.setItem('fw.imports.t1.a1', JSON.stringify(['j1']));
    const sent = stubFetch({ 'GET /api/v1/me': admin, 'GET /api/v1/forms': forms,
      'GET /api/v1/imports/j1': checked, 'DELETE /api/v1/imports/j1': { status: 204 } });
    at('/imports');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    expect(sent.some((s) => s.method === 'DELETE')).toBe(false);
    // The confirmation's own Delete button.
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Delete' })).toHaveLength(2));
    fireEvent.click(screen.getAllByRole('button', { name: 'Delete' })[1]);
    await screen.findByText('No imports yet.');
    expect(sent.filter((s) => s.method === 'DELETE').map((s) => s.path))
      .toEqual(['/api/v1/imports/j1']);
    expect(window.localStorage.getItem('fw.imports.t1.a1')).toBe('[]');
  });
});
