import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import { stubFetch, type Sent } from '../app/fetchStub';
import { AuthProvider } from '../auth/AuthContext';
import { XSS } from '../designer/testing/mockApi';
import { DeliveriesTab } from './DeliveriesTab';
import { deliveriesPath, refusedReason, retriable, vendorIds, type Delivery } from './deliveries';
import { bundles } from './locales';
import { RecordDeliveries } from './RecordDeliveries';

// Generous: the suite shares a busy two-core machine.
vi.setConfig({ testTimeout: 30000 });
configure({ asyncUtilTimeout: 10000 });

afterEach(() => vi.unstubAllGlobals());

function wrap(node: React.ReactNode) {
  return render(<AntApp><MemoryRouter><AuthProvider>{node}</AuthProvider></MemoryRouter>
  </AntApp>);
}

const admin = { id: 'a1', name: 'Ann', roles: ['admin'], email: 'a@x.cn' };
const rep = { id: 'r1', name: 'Ray', roles: ['rep'], email: 'r@x.cn' };

const failed: Delivery = { id: 'm1', channel: 'wecom', kind: 'notify', recipients: ['u1', 'u2'],
  status: 'dead', attempts: 5, last_error: XSS, record_id: 'rec1',
  created_at: '2026-03-02T09:00:00Z', vendor_id: 'v-1,v-2',
  refused_recipients: [{ recipient: 'u2', code: 'not_visible',
    messages: { en: 'Outside the app’s visible range', 'zh-CN': '不在应用可见范围内' } }] };
const sent: Delivery = { id: 'm2', channel: 'sms', kind: 'notify', recipients: ['u1'],
  status: 'delivered', attempts: 1, created_at: '2026-03-02T08:00:00Z',
  delivered_at: '2026-03-02T08:00:05Z' };

const incident = { id: 'm1-3', message_id: 'm1', channel: 'wecom', kind: 'notify',
  attempts: 5, reason: 'token expired', notified: ['a1'], created_at: '2026-03-02T09:10:00Z' };

type Tree = { [k: string]: string | Tree };
function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`));
}

describe('delivery model', () => {
  it('builds the list query from the set filters only', () => {
    expect(deliveriesPath({ status: 'dead', channel: '' }, 'c9'))
      .toBe('/api/v1/deliveries?status=dead&cursor=c9&limit=50');
  });

  it('retries only failed and dead messages', () => {
    expect(['pending', 'sending', 'delivered', 'failed', 'dead'].filter((status) =>
      retriable({ status }))).toEqual(['failed', 'dead']);
  });

  it('reads refusal reasons per locale and splits vendor ids', () => {
    const r = failed.refused_recipients![0];
    expect(refusedReason(r, 'zh-CN')).toBe('不在应用可见范围内');
    expect(refusedReason({ ...r, messages: {} }, 'en')).toBe('not_visible');
    expect(vendorIds(failed)).toEqual(['v-1', 'v-2']);
    expect(vendorIds(sent)).toEqual([]);
  });

  it('has the same keys in zh-CN and en', () => {
    expect(keys(bundles['zh-CN'] as Tree).sort()).toEqual(keys(bundles.en as Tree).sort());
  });
});

describe('DeliveriesTab', () => {
  it('lists messages with refusals, vendor ids and errors as text', async () => {
    stubFetch({ 'GET /api/v1/me': admin, 'GET /api/v1/incidents': { items: [] },
      'GET /api/v1/deliveries': { items: [failed, sent] } });
    wrap(<DeliveriesTab />);
    await waitFor(() => expect(screen.getByText(XSS)).toBeTruthy());
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('Gave up')).toBeTruthy();
    expect(screen.getByText('Delivered')).toBeTruthy();
    expect(screen.getByText('Outside the app’s visible range')).toBeTruthy();
    expect(screen.getByText('v-2')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Retry: / })).toHaveLength(1);
  });

  it('filters by status and shows the empty state', async () => {
    const log = stubFetch({ 'GET /api/v1/me': admin, 'GET /api/v1/incidents': { items: [] },
      'GET /api/v1/deliveries': (s: Sent) => ({ items: s.params.get('status') ? [] : [sent] }) });
    wrap(<DeliveriesTab />);
    await screen.findByText('Delivered');
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Status' }));
    fireEvent.click(await screen.findByTitle('Failed'));
    await screen.findByText('No messages match these filters.');
    const last = log.filter((s) => s.path === '/api/v1/deliveries').pop();
    expect(last?.params.get('status')).toBe('failed');
  });

  it('retries after confirmation and shows the new status', async () => {
    const log = stubFetch({ 'GET /api/v1/me': admin, 'GET /api/v1/incidents': { items: [] },
      'GET /api/v1/deliveries': { items: [failed] },
      'POST /api/v1/deliveries/m1/retry': { ...failed, status: 'pending', attempts: 0 } });
    wrap(<DeliveriesTab />);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry: wecom m1' }));
    const dialog = await screen.findByRole('dialog');
    expect(log.some((s) => s.method === 'POST')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByText('Pending')).toBeTruthy());
    expect(log.filter((s) => s.method === 'POST').map((s) => s.path))
      .toEqual(['/api/v1/deliveries/m1/retry']);
  });

  it('shows a refused retry as a problem', async () => {
    stubFetch({ 'GET /api/v1/me': admin, 'GET /api/v1/incidents': { items: [] },
      'GET /api/v1/deliveries': { items: [failed] },
      'POST /api/v1/deliveries/m1/retry': { status: 409, body: { title: 'Conflict',
        detail: 'This message is already being sent.' } } });
    wrap(<DeliveriesTab />);
    fireEvent.click(await screen.findByRole('button', { name: 'Retry: wecom m1' }));
    fireEvent.click(within(await screen.findByRole('dialog'))
      .getByRole('button', { name: 'Retry' }));
    await screen.findByText('This message is already being sent.');
    expect(screen.getByText('Gave up')).toBeTruthy();
  });

  it('shows incidents as a banner that filters by channel', async () => {
    const log = stubFetch({ 'GET /api/v1/me': admin,
      'GET /api/v1/incidents': { items: [incident] },
      'GET /api/v1/deliveries': { items: [failed] } });
    wrap(<DeliveriesTab />);
    const banner = await screen.findByRole('region', { name: 'Channels that keep failing' });
    expect(within(banner).getByText('Reason: token expired')).toBeTruthy();
    fireEvent.click(within(banner).getByRole('button', { name: 'Show only messages of WeCom' }));
    await waitFor(() => expect(log.filter((s) => s.path === '/api/v1/deliveries').pop()
      ?.params.get('channel')).toBe('wecom'));
  });

  it('shows the error state with a retry', async () => {
    stubFetch({ 'GET /api/v1/me': admin, 'GET /api/v1/incidents': { status: 403, body: {} },
      'GET /api/v1/deliveries': { status: 503, body: { detail: 'Store down' } } });
    wrap(<DeliveriesTab />);
    await screen.findByText('Store down');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});

describe('RecordDeliveries', () => {
  it('lists the record’s messages without retry for a rep', async () => {
    const log = stubFetch({ 'GET /api/v1/me': rep, 'GET /api/v1/deliveries': { items: [failed] } });
    wrap(<RecordDeliveries recordId="rec1" />);
    await screen.findByText('Gave up');
    expect(log.find((s) => s.path === '/api/v1/deliveries')?.params.get('record_id'))
      .toBe('rec1');
    expect(screen.queryByRole('button', { name: /^Retry/ })).toBeNull();
  });

  it('says when nothing was sent', async () => {
    stubFetch({ 'GET /api/v1/me': rep, 'GET /api/v1/deliveries': { items: [] } });
    wrap(<RecordDeliveries recordId="rec1" />);
    await screen.findByText('No messages have been sent for this record.');
  });
});
