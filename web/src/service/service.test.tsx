import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import { stubFetch, type Sent } from '../app/fetchStub';
import { XSS } from '../designer/testing/mockApi';
import { MAX_SEARCH, searchPath, searchText } from './search';
import ServicePage from './ServicePage';

// Generous: the suite shares a busy two-core machine.
vi.setConfig({ testTimeout: 30000 });
configure({ asyncUtilTimeout: 10000 });

afterEach(() => vi.unstubAllGlobals());

describe('search helpers', () => {
  it('trims and bounds the text, and builds the query', () => {
    expect(searchText('  Acme ')).toBe('Acme');
    expect([...searchText('客'.repeat(MAX_SEARCH + 5))]).toHaveLength(MAX_SEARCH);
    expect(searchPath('lead', 'a&b=c')).toBe(
      '/api/v1/records?form=lead&q=a%26b%3Dc&limit=50&sort=-created_at');
  });
});

const promise = (id: string, status: string, at: string, customer = 'Lianxin') =>
  ({ id, owner_id: 'u', stage: '', data: { customer, status, delivery_at: at } });

describe('ServicePage', () => {
  it('searches the server once typing pauses, open promises first', async () => {
    const sent = stubFetch({ 'GET /api/v1/records': (s: Sent) => s.params.get('form') === 'promise'
      ? { items: [promise('p1', 'fulfilled', '2026-01-01'),
        promise('p2', 'open', '2026-04-01', XSS), promise('p3', 'open', '2026-03-01')],
      next_cursor: s.params.get('cursor') ? '' : 'n2' }
      : { items: [{ id: 'l1', owner_id: 'u', stage: '', data: { company: 'Lianxin Ltd',
        contact_name: 'Wang', mobile: '13800000000' } }] } });
    render(<AntApp><MemoryRouter><ServicePage /></MemoryRouter></AntApp>);
    expect(screen.getByText('Search a customer to see what sales promised')).toBeTruthy();
    const box = screen.getByRole('searchbox', { name: /Search a customer/ });
    fireEvent.change(box, { target: { value: 'Lian' } });
    fireEvent.change(box, { target: { value: ' Lianxin ' } });
    await waitFor(() => expect(screen.getByText('Lianxin Ltd')).toBeTruthy());
    const searches = sent.filter((s: Sent) => s.path === '/api/v1/records');
    expect(searches.map((s: Sent) => s.params.get('q'))).toEqual(['Lianxin', 'Lianxin']);
    const order = [...document.querySelectorAll('.ant-list-item a')].map((a) => a.textContent);
    expect(order.slice(0, 3)).toEqual(['Lianxin', XSS, 'Lianxin']);
    expect(screen.getAllByText('Open')).toHaveLength(2);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('Wang · 13800000000')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(sent.some((s: Sent) => s.params.get('cursor') === 'n2')).toBe(true));
  });

  it('shows the empty and error states', async () => {
    stubFetch({ 'GET /api/v1/records': (s: Sent) => s.params.get('form') === 'lead'
      ? { status: 422, body: { title: 'Invalid', detail: 'Too long' } } : { items: [] } });
    render(<AntApp><MemoryRouter><ServicePage /></MemoryRouter></AntApp>);
    fireEvent.change(screen.getByRole('searchbox', { name: /Search a customer/ }),
      { target: { value: 'nobody' } });
    await waitFor(() => expect(screen.getByText('No promise to this customer')).toBeTruthy());
    expect(screen.getByText('Too long')).toBeTruthy();
    expect(screen.queryByText('No lead matches')).toBeNull();
  });
});
