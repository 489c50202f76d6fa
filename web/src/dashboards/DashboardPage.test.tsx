import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { mockApi, XSS, type MockApi } from '../designer/testing/mockApi';
import DashboardList from './DashboardList';
import DashboardPage, { filtersOf, lastDay } from './DashboardPage';
import { drillPath } from './DrillDrawer';
import type { DashboardData } from './types';

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

const data: DashboardData = {
  dashboard_id: 'd1', key: 'lead_follow_up', version: 1, from: '2026-11-03', to: '2026-12-03',
  widgets: [
    { id: 'rate', chart: 'number', title: { en: 'Follow-up rate' }, value: 0.75,
      numerator: 3, denominator: 4, metric: 'd1.rate' },
    { id: 'health', chart: 'leaderboard', title: { en: 'Process health' }, value: null,
      groups, metric: 'd1.health' },
    { id: 'results', chart: 'leaderboard', title: { en: 'Results' }, value: null, groups: [],
      metric: 'd1.results' },
    { id: 'funnel', chart: 'funnel', title: { en: 'Funnel' }, value: null, stages: [
      { stage: 'new', count: 10, conversion: null, baseline: null, below: false },
      { stage: 'contacted', count: 4, conversion: 0.4, baseline: 0.6, below: true }] },
    { id: 'by_owner', chart: 'bar', title: { en: 'By owner' }, value: null, groups,
      metric: 'd1.by_owner' },
  ],
};

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/dashboards" element={<DashboardList />} />
        <Route path="/dashboards/:id" element={<DashboardPage />} />
      </Routes>
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
