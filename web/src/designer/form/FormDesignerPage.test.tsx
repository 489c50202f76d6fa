import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.setConfig({ testTimeout: 30000 });
const slow = { timeout: 10000 };

import { ApiProblem } from '../../api/client';
import { mockApi, XSS, type MockApi } from '../testing/mockApi';
import FormDesignerPage from './FormDesignerPage';

const h = vi.hoisted(() => ({ m: null as MockApi | null }));
vi.mock('../../api/client', async (orig) => ({
  ...(await orig<typeof import('../../api/client')>()),
  api: (...a: Parameters<MockApi['api']>) => h.m!.api(...a),
}));

const kinds = [
  { name: 'text', label: { en: 'Text', 'zh-CN': '单行文本' }, widgets: ['input'],
    default_widget: 'input', value_type: 'string', fragment: { type: 'string', maxLength: 200 } },
  { name: 'select', label: { en: 'Single choice', 'zh-CN': '单选' },
    widgets: ['dropdown', 'radio'], default_widget: 'dropdown', value_type: 'string',
    fragment: { type: 'string', enum: [] } },
];

const form = {
  id: 'f1', kind: 'form', key: 'lead', name: { en: 'Lead' }, status: 'published', revision: 3,
  published_version: 1, updated_at: '2026-12-01T00:00:00Z', updated_by: 'u1',
  draft: {
    schema: { type: 'object', required: ['company'], properties: {
      company: { type: 'string', maxLength: 100 } } },
    layout: { sections: [{ title: { en: 'Contact' }, fields: [
      { name: 'company', kind: 'text', label: { en: XSS }, visible_when: 'stage ==' }] }] },
  },
  versions: [{ version: 1, published_at: '2026-12-01T00:00:00Z', published_by: 'u1',
    changes: [] }],
};

const lint = {
  valid: false, warnings: [],
  errors: [{ pointer: '/layout/sections/0/fields/0/visible_when', code: 'invalid_expression',
    message: 'The expression does not parse' }],
};

function renderPage() {
  return render(
    <MemoryRouter initialEntries={['/design/forms/f1']}>
      <Routes><Route path="/design/forms/:id" element={<FormDesignerPage />} /></Routes>
    </MemoryRouter>,
  );
}

describe('FormDesignerPage', () => {
  beforeEach(() => {
    h.m = mockApi({
      'GET /api/v1/forms/f1': form,
      'GET /api/v1/field-kinds': { items: kinds },
      'GET /api/v1/forms': { items: [] },
      'POST /api/v1/forms/lint': lint,
      'PATCH /api/v1/forms/f1': (c: { body: unknown }) => ({ ...form, revision: 4,
        status: 'modified', draft: c.body }),
    });
  });

  it('renders user labels as text, never as HTML', async () => {
    renderPage();
    expect((await screen.findAllByText(XSS)).length).toBeGreaterThan(0);
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows the live lint answer on the field it concerns', async () => {
    renderPage();
    await screen.findByText('1 problem', undefined, slow);
    fireEvent.click((await screen.findAllByText(XSS, undefined, slow))[0]);
    const panel = () => document.querySelector('.fw-props') as HTMLElement;
    await waitFor(() => expect(within(panel()).getAllByText('The expression does not parse')
      .length).toBeGreaterThan(0), slow);
  });

  it('adds a field from the palette and saves with If-Match', async () => {
    renderPage();
    fireEvent.click(await screen.findByText('Single choice', { selector: 'button' }, slow));
    const save = () => screen.getByText('Save').closest('button')!;
    await waitFor(() => expect(save().disabled).toBe(false), slow);
    fireEvent.click(save());
    await waitFor(() => expect(h.m!.calls.some((c) => c.method === 'PATCH')).toBe(true), slow);
    const patch = h.m!.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"3"');
    const body = patch.body as { schema: { properties: Record<string, { enum?: string[] }> };
      layout: { sections: { fields: { name: string }[] }[] } };
    expect(body.layout.sections[0].fields.map((f) => f.name)).toEqual(['company', 'select_1']);
    expect(body.schema.properties.select_1.enum).toEqual(['option_1', 'option_2']);
    await waitFor(() => expect(save().disabled).toBe(true), slow);
  });

  it('says when someone else saved first, and reloads their draft', async () => {
    h.m!.answers.set('PATCH /api/v1/forms/f1', new ApiProblem(409, { title: 'Conflict',
      detail: 'stale revision', code: 'definition.stale_revision' }));
    renderPage();
    fireEvent.click(await screen.findByText('Single choice', { selector: 'button' }, slow));
    const save = () => screen.getByText('Save').closest('button')!;
    await waitFor(() => expect(save().disabled).toBe(false), slow);
    fireEvent.click(save());
    await screen.findByText(/Someone else saved this design/, undefined, slow);
    const gets = () => h.m!.calls.filter((c) => c.method === 'GET' &&
      c.path === '/api/v1/forms/f1').length;
    expect(gets()).toBe(1);
    fireEvent.click(screen.getByText('Reload'));
    await waitFor(() => expect(gets()).toBe(2), slow);
    await waitFor(() => expect(save().disabled).toBe(true), slow);
    expect(screen.queryByText(/Someone else saved this design/)).toBeNull();
  });

  it('shows an error with retry when the form cannot be loaded', async () => {
    h.m!.answers.delete('GET /api/v1/forms/f1');
    renderPage();
    expect(await screen.findByText(/retry/i, undefined, slow)).toBeTruthy();
  });

  it('previews the form at phone width', async () => {
    renderPage();
    fireEvent.click(await screen.findByText('Preview', undefined, slow));
    fireEvent.click(await screen.findByText('Phone (375 px)', undefined, slow));
    await waitFor(() => expect(document.querySelector('.fw-preview-phone')).not.toBeNull(), slow);
    expect(document.querySelector('img')).toBeNull();
  });
});
