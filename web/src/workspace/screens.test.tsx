import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import InboxPage from './InboxPage';
import { changedFields } from './RecordPage';
import { stageColumns } from './RecordsPage';
import { openFirst } from '../service/ServicePage';
import type { RecordItem } from './api';

afterEach(() => vi.unstubAllGlobals());

function routes(answers: Record<string, unknown>) {
  const fn = vi.fn(async (url: string) => {
    const hit = Object.entries(answers).find(([k]) => url.includes(k));
    return new Response(JSON.stringify(hit ? hit[1] : { items: [] }), { status: 200 });
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

const soon = new Date(Date.now() + 30 * 60000).toISOString();
const past = new Date(Date.now() - 90 * 60000).toISOString();

describe('InboxPage', () => {
  it('lists tasks with their SLA countdown and overdue marks', async () => {
    routes({
      'status=overdue': { items: [{ id: 't2', kind: 'user_task', title: { en: 'Late' },
        assignee_id: 'u', due_at: past, status: 'open' }] },
      'status=open': { items: [
        { id: 't1', kind: 'user_task', title: { en: 'Call <b>Acme</b>' }, assignee_id: 'u',
          due_at: soon, record_id: 'r1', status: 'open' },
        { id: 't2', kind: 'user_task', title: { en: 'Late' }, assignee_id: 'u', due_at: past,
          status: 'open' }] },
    });
    render(<AntApp><MemoryRouter><InboxPage /></MemoryRouter></AntApp>);
    await waitFor(() => expect(screen.getByText('Call <b>Acme</b>')).toBeTruthy());
    expect(document.querySelector('b')).toBeNull();
    expect(screen.getByText(/^Due in 0h (29|30)m$/)).toBeTruthy();
    await waitFor(() => expect(screen.getByText(/^Overdue by 1h 30m$/)).toBeTruthy());
    const link = screen.getByText('Call <b>Acme</b>').closest('a');
    expect(link?.getAttribute('href')).toBe('/records/r1');
  });

  it('shows the empty state', async () => {
    routes({});
    render(<AntApp><MemoryRouter><InboxPage /></MemoryRouter></AntApp>);
    await waitFor(() => expect(screen.getByText('No tasks — well done')).toBeTruthy());
  });

  it('shows the error state with a retry', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({
      title: 'Service unavailable', detail: 'MongoDB is down', status: 503 }), { status: 503 })));
    render(<AntApp><MemoryRouter><InboxPage /></MemoryRouter></AntApp>);
    await waitFor(() => expect(screen.getByText('MongoDB is down')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});

function rec(id: string, data: Record<string, unknown>, stage = ''): RecordItem {
  return { id, form: 'f', form_version: 1, data, owner_id: 'u', stage, created_at: '',
    updated_at: '', last_activity_at: '', version: 1 };
}

describe('workspace helpers', () => {
  it('patches only what changed, null for a cleared field', () => {
    expect(changedFields({ a: 1, b: 'x', c: 'y' }, { a: 1, b: 'z', c: '' }))
      .toEqual({ b: 'z', c: null });
  });

  it('orders kanban columns by the form, then stages seen', () => {
    const form = { schema: { properties: { stage: { type: 'string' } } }, layout: { sections: [
      { fields: [{ name: 'stage', kind: 'select', settings: { options: [
        { value: 'new', label: { en: 'New' } }, { value: 'won', label: { en: 'Won' } }] } }] }] } };
    expect(stageColumns(form, [rec('1', {}, 'odd')]).map((c) => c.label))
      .toEqual(['New', 'Won', 'odd']);
  });

  it('puts open promises first, soonest first', () => {
    const got = openFirst([rec('a', { status: 'fulfilled', delivery_at: '2026-01-01' }),
      rec('b', { status: 'open', delivery_at: '2026-03-01' }),
      rec('c', { status: 'open', delivery_at: '2026-02-01' })]);
    expect(got.map((r) => r.id)).toEqual(['c', 'b', 'a']);
  });
});
