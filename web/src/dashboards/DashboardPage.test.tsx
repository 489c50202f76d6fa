import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { ApiProblem } from '../api/client';
import { AuthProvider } from '../auth/AuthContext';
import { mockApi, XSS, type MockApi } from '../designer/testing/mockApi';
import { baselineRows, baselinesOf, findingsByStage, validPercent,
  withBaselines } from './baselines';
import DashboardList from './DashboardList';
import DashboardPage, { filtersOf, lastDay } from './DashboardPage';
import { drillPath } from './DrillDrawer';
import type { DashboardData, WidgetDef } from './types';

vi.setConfig({ testTimeout: 30000 });
const slow = { timeout: 10000 };

const h = vi.hoisted(() => ({ m: null as MockApi | null }));
vi.mock('../api/client', async (orig) => ({
  ...(await orig<typeof import('../api/client')>()),
  api: (...a: Parameters<MockApi['api']>) => h.m!.api(...a),
}));
// ECharts needs a real canvas; the page test checks what surrounds it.
vi.mock('./Chart', () => ({
  Chart: ({ label }: { label: string }) => <div className="fw-test-chart">{label}</div>,
}));

const def = {
  id: 'd1', kind: 'dashboard', key: 'lead_follow_up', name: { en: 'Lead follow-up' },
  status: 'published', revision: 1, published_version: 1, updated_at: '', updated_by: '',
  published: {
    filters: ['owner', 'region'],
    widgets: [
      { id: 'rate', title: { en: 'Follow-up rate' }, chart: 'number',
        metric: { kind: 'ratio' } },
      { id: 'health', title: { en: 'Process health' }, chart: 'leaderboard',
        metric: { kind: 'sum' }, group_by: ['owner'], top: 10 },
      { id: 'results', title: { en: 'Results' }, chart: 'leaderboard',
        metric: { kind: 'sum' }, group_by: ['owner'], top: 10 },
      { id: 'funnel', title: { en: 'Funnel' }, chart: 'funnel', metric: { kind: 'count' } },
      { id: 'by_owner', title: { en: 'By owner' }, chart: 'bar', metric: { kind: 'count' },
        group_by: ['owner'] },
    ],
  },
};

const groups = [
  { keys: { owner: 'u1' }, labels: { owner: 'Wang Lei' }, value: 12, rank: 2 },
  { keys: { owner: 'u2' }, labels: { owner: XSS }, value: 30, rank: 1 },
];

/** figures is what the server sends for a widget without groups or series. */
const figures = { value: null, groups: null, series: null, metric: '' };

const data: DashboardData = {
  dashboard_id: 'd1', key: 'lead_follow_up', version: 1, from: '2026-11-03', to: '2026-12-03',
  widgets: [
    { ...figures, id: 'rate', chart: 'number', title: { en: 'Follow-up rate' }, value: 0.75,
      numerator: 3, denominator: 4, metric: 'd1.rate' },
    { ...figures, id: 'health', chart: 'leaderboard', title: { en: 'Process health' },
      groups, metric: 'd1.health' },
    { ...figures, id: 'results', chart: 'leaderboard', title: { en: 'Results' }, groups: [],
      metric: 'd1.results' },
    { ...figures, id: 'funnel', chart: 'funnel', title: { en: 'Funnel' }, stages: [
      { stage: 'new', count: 10, conversion: null, baseline: null, below: false },
      { stage: 'contacted', count: 4, conversion: 0.4, baseline: 0.6, below: true }] },
    { ...figures, id: 'by_owner', chart: 'bar', title: { en: 'By owner' }, groups,
      metric: 'd1.by_owner' },
  ],
};

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider>
        <Routes>
          <Route path="/dashboards" element={<DashboardList />} />
          <Route path="/dashboards/:id" element={<DashboardPage />} />
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
}

describe('DashboardPage', () => {
  beforeEach(() => {
    h.m = mockApi({
      'GET /api/v1/dashboards': { items: [def] },
      'GET /api/v1/dashboards/d1': def,
      'GET /api/v1/dashboards/d1/data': data,
      'GET /api/v1/users': { items: [{ id: 'u1', name: 'Wang Lei' }] },
      'GET /api/v1/metrics/d1.health/records': { items: [{ id: 'rec_000000001', form: 'lead',
        owner_id: 'u1', stage: 'new', data: { company: XSS },
        created_at: '2026-12-01T00:00:00Z' }] },
    });
  });

  it('renders every widget by kind, user text as text', async () => {
    renderAt('/dashboards/d1');
    await screen.findByText('75%', undefined, slow);
    expect(screen.getByText('3 of 4')).toBeTruthy();
    expect(screen.getByText('2026-11-03 to 2026-12-02')).toBeTruthy();
    expect(screen.getAllByText(XSS).length).toBeGreaterThan(0);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('No figures for this period.')).toBeTruthy();
    expect(document.querySelectorAll('.fw-test-chart').length).toBe(2);
  });

  it('marks funnel stages below their baseline', async () => {
    renderAt('/dashboards/d1');
    const row = (await screen.findByText('contacted', undefined, slow)).closest('tr')!;
    expect(row.className).toContain('fw-below');
    expect(within(row).getByText('Below baseline')).toBeTruthy();
    expect(within(row).getByText('60%')).toBeTruthy();
  });

  it('ranks the leaderboard and drills into the records of a group', async () => {
    renderAt('/dashboards/d1');
    const board = (await screen.findByText('Process health', undefined, slow))
      .closest('.fw-widget') as HTMLElement;
    const names = [...board.querySelectorAll('.fw-leader-name')].map((e) => e.textContent);
    expect(names).toEqual([XSS, 'Wang Lei']);
    fireEvent.click(within(board).getByText(XSS));
    await screen.findByText('rec_000000001'.slice(-8), undefined, slow);
    const drawer = document.querySelector('.ant-drawer') as HTMLElement;
    await within(drawer).findByText('Wang Lei', undefined, slow);
    const call = h.m!.calls.find((c) => c.path.includes('/records'))!;
    expect(call.path).toContain('owner=u2');
    expect(call.path).toContain('limit=50');
    expect(document.querySelector('img')).toBeNull();
  });

  it('passes the filters in the address to the data request', async () => {
    renderAt('/dashboards/d1?from=2026-11-01&to=2026-12-01&region=east');
    await screen.findByText('75%', undefined, slow);
    const call = h.m!.calls.find((c) => c.path.startsWith('/api/v1/dashboards/d1/data'))!;
    expect(call.path).toBe('/api/v1/dashboards/d1/data?from=2026-11-01&to=2026-12-01&region=east');
  });

  it('shows an error with retry when the data cannot be read', async () => {
    h.m!.answers.delete('GET /api/v1/dashboards/d1/data');
    renderAt('/dashboards/d1');
    expect(await screen.findByText(/retry/i, undefined, slow)).toBeTruthy();
  });
});

const editor = { id: 'a1', name: 'Ann', roles: ['implementer'], email: 'a@x.cn' };

describe('funnel baselines', () => {
  const funnelDef = def.published.widgets[3] as WidgetDef;
  const funnelData = data.widgets[3];

  beforeEach(() => {
    h.m = mockApi({
      'GET /api/v1/me': editor,
      'GET /api/v1/dashboards/d1': { ...def, draft: def.published },
      'GET /api/v1/dashboards/d1/data': data,
      'PATCH /api/v1/dashboards/d1': { ...def, revision: 2 },
      'POST /api/v1/dashboards/d1/publish': { version: 2, changes: [], breaking: false },
    });
  });

  it('offers the stages after the first and keeps configured ones', () => {
    const rows = baselineRows({ ...funnelDef, baselines: { won: 30 } }, funnelData.stages!);
    expect(rows).toEqual([{ stage: 'contacted', percent: null, learnt: 60 },
      { stage: 'won', percent: 30, learnt: null }]);
    expect(baselinesOf(rows)).toEqual({ won: 30 });
    expect(baselinesOf([{ stage: 'a', percent: null, learnt: 1 }])).toBeUndefined();
    expect([0, 0.5, 100, 101, null].map(validPercent)).toEqual([false, true, true, false, true]);
    const cleared = withBaselines({ widgets: [{ ...funnelDef, baselines: { won: 1 } }] },
      'funnel', undefined);
    expect('baselines' in cleared.widgets[0]).toBe(false);
    expect(findingsByStage([{ pointer: '/widgets/3/baselines/a~1b', message: 'Bad',
      code: 'x' }, { pointer: '/widgets', message: 'Other', code: 'y' }], 3))
      .toEqual({ 'a/b': ['Bad'], '': ['Other'] });
  });

  it('saves a new draft at the loaded revision and publishes it', async () => {
    renderAt('/dashboards/d1');
    fireEvent.click(await screen.findByRole('button', { name: 'Edit baselines: Funnel' },
      slow));
    const input = await screen.findByRole('spinbutton', { name: 'Baseline of contacted' });
    expect(screen.getByText('Learnt: 60%')).toBeTruthy();
    fireEvent.change(input, { target: { value: '45' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and publish' }));
    await screen.findByText('Baselines published as version 2.', undefined, slow);
    const patch = h.m!.calls.find((c) => c.method === 'PATCH')!;
    expect(patch.headers.get('If-Match')).toBe('"1"');
    const widgets = (patch.body as { widgets: { id: string; baselines?: unknown }[] }).widgets;
    expect(widgets.find((w) => w.id === 'funnel')?.baselines).toEqual({ contacted: 45 });
    expect(widgets).toHaveLength(5);
    expect(h.m!.calls.some((c) => c.path === '/api/v1/dashboards/d1/publish')).toBe(true);
  });

  it('explains a save that lost to someone else’s', async () => {
    h.m!.answers.set('PATCH /api/v1/dashboards/d1',
      new ApiProblem(409, { title: 'Conflict', detail: 'Revision mismatch' }));
    renderAt('/dashboards/d1');
    fireEvent.click(await screen.findByRole('button', { name: 'Edit baselines: Funnel' },
      slow));
    fireEvent.change(await screen.findByRole('spinbutton', { name: 'Baseline of contacted' }),
      { target: { value: '45' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and publish' }));
    await screen.findByText(/Someone else changed this dashboard meanwhile/, undefined, slow);
    expect(h.m!.calls.some((c) => c.path.endsWith('/publish'))).toBe(false);
    const loads = () => h.m!.calls.filter((c) => c.path === '/api/v1/dashboards/d1').length;
    const before = loads();
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(loads()).toBe(before + 1);
  });

  it('refuses a percentage out of range before asking the server', async () => {
    renderAt('/dashboards/d1');
    fireEvent.click(await screen.findByRole('button', { name: 'Edit baselines: Funnel' },
      slow));
    fireEvent.change(await screen.findByRole('spinbutton', { name: 'Baseline of contacted' }),
      { target: { value: '0' } });
    await screen.findByText('Enter a percentage above 0 and at most 100.');
    fireEvent.click(screen.getByRole('button', { name: 'Save and publish' }));
    expect(h.m!.calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('is not offered to people who may not edit dashboards', async () => {
    h.m!.answers.set('GET /api/v1/me', { ...editor, roles: ['supervisor'] });
    renderAt('/dashboards/d1');
    await screen.findByText('contacted', undefined, slow);
    expect(screen.queryByRole('button', { name: /Edit baselines/ })).toBeNull();
  });
});

describe('DashboardList', () => {
  beforeEach(() => {
    h.m = mockApi({ 'GET /api/v1/dashboards': { items: [{ ...def, name: { en: XSS } }] } });
  });

  it('lists dashboards with links, names as text', async () => {
    renderAt('/dashboards');
    const links = await screen.findAllByText(XSS, undefined, slow);
    expect(links[0].closest('a')?.getAttribute('href')).toBe('/dashboards/d1');
    expect(document.querySelector('img')).toBeNull();
  });

  it('says so when there are none', async () => {
    h.m!.answers.set('GET /api/v1/dashboards', { items: [] });
    renderAt('/dashboards');
    await screen.findByText(/No dashboards yet/, undefined, slow);
  });
});

describe('dashboard queries', () => {
  it('shows the last day a period includes, its end being exclusive', () => {
    expect(lastDay('2026-12-05')).toBe('2026-12-04');
    expect(lastDay('garbage')).toBe('garbage');
  });

  it('reads filters from the address and narrows a drill to its group', () => {
    const f = filtersOf(new URLSearchParams('from=2026-11-01&to=2026-12-01&team=t1'));
    expect(f).toEqual({ from: '2026-11-01', to: '2026-12-01', dims: { team: 't1' } });
    const p = drillPath({ metric: 'd1.w', name: '', group: groups[0] }, f);
    expect(p).toBe('/api/v1/metrics/d1.w/records?from=2026-11-01&to=2026-12-01&team=t1' +
      '&owner=u1&limit=50');
  });
});
