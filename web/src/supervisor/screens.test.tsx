import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import { stubFetch, type Route, type Sent } from '../app/fetchStub';
import { AuthProvider } from '../auth/AuthContext';
import { XSS } from '../designer/testing/mockApi';
import { Coaching } from './Coaching';
import { Escalations } from './Escalations';

// Generous: the suite shares a busy two-core machine.
vi.setConfig({ testTimeout: 30000 });
configure({ asyncUtilTimeout: 10000 });

afterEach(() => vi.unstubAllGlobals());

const names = new Map([['rep1', 'Ai Rep'], ['boss', 'Big Boss']]);

function task(id: string, extra: Record<string, unknown>) {
  return { id, kind: 'user_task', title: { en: `Task ${id}` }, assignee_id: 'me',
    instance_id: 'i', status: 'open', escalation_level: 0, ...extra };
}

const tasks: Record<string, ReturnType<typeof task>> = {
  t1: task('t1', { assignee_id: 'rep1', co_handlers: ['me'] }),
  t2: task('t2', { record_id: 'r1', title: { en: XSS }, outcomes: ['coached'],
    escalation_level: 1 }),
  t3: task('t3', { record_id: 'r2' }),
};

function routes(extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    'GET /api/v1/me': { id: 'me', name: 'Me', roles: ['supervisor'] },
    'GET /api/v1/tasks': (s: Sent) => ({ items: Object.values(tasks).filter((t) =>
      s.params.get('assignee') === 'team' ? t.assignee_id !== 'me' : true) }),
    ...Object.fromEntries(Object.keys(tasks).map((id) => [`GET /api/v1/tasks/${id}`,
      tasks[id]])),
    'GET /api/v1/records': { items: [
      { id: 'r1', owner_id: 'rep1', stage: 'new', data: { company: 'Lianxin' },
        last_activity_at: '2026-03-01T09:00:00Z' },
      { id: 'r2', owner_id: 'me', stage: 'new', data: {} }] },
    ...extra,
  };
}

function wrap(node: React.ReactNode) {
  return render(<AntApp><MemoryRouter><AuthProvider>{node}</AuthProvider></MemoryRouter>
  </AntApp>);
}

describe('Escalations', () => {
  it('lists work copied or escalated to me with the reason, as text', async () => {
    const sent = stubFetch(routes());
    wrap(<Escalations names={names} />);
    await waitFor(() => expect(screen.getByText('Copied to me')).toBeTruthy());
    expect(screen.getByText('Escalated 1 level')).toBeTruthy();
    expect(screen.getByText('From Ai Rep')).toBeTruthy();
    expect(screen.getByText(XSS)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.queryByText('Task t3')).toBeNull();
    const recs = sent.find((s: Sent) => s.path === '/api/v1/records');
    expect(recs?.params.get('ids')?.split(',').sort()).toEqual(['r1', 'r2']);
  });

  it('shows the level the server tells and links the original task’s record', async () => {
    const up = task('up', { title: { en: 'Overdue follow-up' }, record_id: 'r2',
      escalation_level: 1, escalated_from: 'low' });
    const low = task('low', { title: { en: 'Follow up' }, assignee_id: 'rep1',
      record_id: 'r1', escalation_level: 0 });
    const sent = stubFetch(routes({
      'GET /api/v1/tasks': (s: Sent) => ({ items: s.params.get('escalated') === 'true'
        ? [up] : [up, tasks.t3] }),
      'GET /api/v1/tasks/up': up, 'GET /api/v1/tasks/low': low,
      'GET /api/v1/tasks/t3': { ...tasks.t3, escalation_level: 0 },
    }));
    wrap(<Escalations names={names} />);
    await screen.findByText('Escalated 1 level');
    expect(screen.getByText('From Ai Rep')).toBeTruthy();
    const link = screen.getByText('Original task: Follow up').closest('a');
    expect(link?.getAttribute('href')).toBe('/records/r1');
    expect(screen.queryByText('Task t3')).toBeNull();
    expect(sent.filter((s: Sent) => s.path === '/api/v1/tasks')[0].params.get('escalated'))
      .toBe('true');
    expect(sent.filter((s: Sent) => s.path === '/api/v1/tasks/up')).toHaveLength(1);
  });

  it('shows the empty and error states', async () => {
    stubFetch(routes({ 'GET /api/v1/tasks': { items: [] } }));
    wrap(<Escalations names={names} />);
    await waitFor(() => expect(screen.getByText('Nothing was escalated or copied to you.'))
      .toBeTruthy());
    vi.unstubAllGlobals();
    stubFetch(routes({ 'GET /api/v1/tasks': { status: 503, body: { detail: 'Queue down' } } }));
    wrap(<Escalations names={names} />);
    await waitFor(() => expect(screen.getByText('Queue down')).toBeTruthy());
  });
});

describe('Coaching', () => {
  it('lists coaching tasks with the rep and why', async () => {
    stubFetch(routes());
    wrap(<Coaching names={names} />);
    await waitFor(() => expect(screen.getByText('Rep: Ai Rep')).toBeTruthy());
    expect(screen.getByText(`Why: ${XSS} · Lianxin`)).toBeTruthy();
    expect(screen.getByText('Stage: new')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getAllByText(/^Rep:/)).toHaveLength(1);
  });

  it('shows the empty state', async () => {
    stubFetch(routes({ 'GET /api/v1/tasks': { items: [] } }));
    wrap(<Coaching names={names} />);
    await waitFor(() => expect(screen.getByText('No coaching task is open for your team.'))
      .toBeTruthy());
  });
});
