import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { mockApi, XSS, type MockApi } from '../testing/mockApi';
import ProcessDesignerPage from './ProcessDesignerPage';

vi.setConfig({ testTimeout: 30000 });
const slow = { timeout: 10000 };

const h = vi.hoisted(() => ({ m: null as MockApi | null }));
vi.mock('../../api/client', async (orig) => ({
  ...(await orig<typeof import('../../api/client')>()),
  api: (...a: Parameters<MockApi['api']>) => h.m!.api(...a),
}));

if (!('ResizeObserver' in globalThis)) {
  Object.defineProperty(globalThis, 'ResizeObserver', { value: class {
    observe() { /* nothing to measure in happy-dom */ }
    unobserve() { /* idem */ }
    disconnect() { /* idem */ }
  } });
}

const proc = {
  id: 'p1', kind: 'process', key: 'lead_response_sla', name: { en: 'Lead response' },
  status: 'draft', revision: 2, published_version: 0, updated_at: '2026-12-01T00:00:00Z',
  updated_by: 'u1', versions: [],
  draft: { graph: {
    nodes: [
      { id: 'start', kind: 'trigger', name: { en: XSS }, position: { x: 0, y: 0 },
        config: { on: 'record_created', form: 'lead' } },
      { id: 'call', kind: 'user_task', name: { en: 'First call' }, position: { x: 0, y: 120 },
        config: { assignee: { rule: 'owner' }, due: '2 hours' } },
    ],
    edges: [{ id: 'e1', from: 'start', to: 'call' }],
  } },
};

const lint = {
  valid: false, warnings: [],
  errors: [
    { pointer: '/graph/nodes/1/config/due', node: 'call', code: 'invalid_duration',
      message: 'Not a duration such as 90m, 2h' },
    { pointer: '/graph/nodes', code: 'no_end', message: 'The process has no end' },
  ],
};

const timeline = {
  status: 'waiting',
  entries: [{ at: '2026-12-01T09:00:00Z', node: 'call', kind: 'task_created',
    detail: { en: 'Task for owner' } }],
};

function renderPage() {
  return render(
    <MemoryRouter initialEntries={['/design/processes/p1']}>
      <Routes><Route path="/design/processes/:id" element={<ProcessDesignerPage />} /></Routes>
    </MemoryRouter>,
  );
}

describe('ProcessDesignerPage', () => {
  beforeEach(() => {
    h.m = mockApi({
      'GET /api/v1/processes/p1': proc,
      'GET /api/v1/forms': { items: [] },
      'GET /api/v1/calendars': { items: [] },
      'POST /api/v1/processes/lint': lint,
      'POST /api/v1/processes/p1/simulate': timeline,
      'PATCH /api/v1/processes/p1': (c: { body: unknown }) => ({ ...proc, revision: 3,
        draft: c.body }),
    });
  });

  it('draws step names as text, never as HTML', async () => {
    renderPage();
    expect((await screen.findAllByText(XSS, undefined, slow)).length).toBeGreaterThan(0);
    expect(document.querySelector('img')).toBeNull();
  });

  it('draws lint errors on the step they concern, the rest apart', async () => {
    renderPage();
    await screen.findByText('2 problems', undefined, slow);
    const step = (await screen.findAllByText('First call', undefined, slow))
      .map((el) => el.closest('.fw-step')).find(Boolean) as HTMLElement;
    await waitFor(() => expect(step.className).toContain('fw-step-error'), slow);
    expect(step.textContent).toContain('Not a duration such as 90m, 2h');
    expect(screen.getAllByText('The process has no end').length).toBeGreaterThan(0);
  });

  it('adds a step from the palette and saves the graph', async () => {
    renderPage();
    fireEvent.click(await screen.findByText('Timer', { selector: 'button span' }, slow));
    const save = () => screen.getByText('Save').closest('button')!;
    await waitFor(() => expect(save().disabled).toBe(false), slow);
    fireEvent.click(save());
    await waitFor(() => expect(h.m!.calls.some((c) => c.method === 'PATCH')).toBe(true), slow);
    const patch = h.m!.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"2"');
    const body = patch.body as { graph: { nodes: { id: string; config: object }[] } };
    expect(body.graph.nodes.map((n) => n.id)).toEqual(['start', 'call', 'timer_1']);
    expect(body.graph.nodes[2].config).toEqual({ duration: '1h' });
  });

  it('simulates the draft and shows the timeline', async () => {
    renderPage();
    fireEvent.click(await screen.findByText('Simulate', { selector: 'button span' }, slow));
    fireEvent.click(await screen.findByText('Run', { selector: 'button span' }, slow));
    await screen.findByText('Task for owner', undefined, slow);
    const sim = h.m!.calls.find((c) => c.path.endsWith('/simulate'))!;
    const script = (sim.body as { script: { events: { kind: string }[] } }).script;
    expect(script.events.map((e) => e.kind)).toEqual(['submit', 'advance']);
  });
});
