import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { stubFetch, type Sent } from '../app/fetchStub';
import { XSS } from '../designer/testing/mockApi';
import { AuditTab } from './AuditTab';
import CalendarEditorPage from './CalendarEditor';
import { TeamsTab } from './TeamsTab';

// Generous: the suite shares a busy two-core machine.
vi.setConfig({ testTimeout: 30000 });
configure({ asyncUtilTimeout: 10000 });

afterEach(() => vi.unstubAllGlobals());

function wrap(node: React.ReactNode, path = '/') {
  return render(<AntApp><MemoryRouter initialEntries={[path]}>{node}</MemoryRouter></AntApp>);
}

const people = { items: [
  { id: 's1', name: 'Sun', roles: ['supervisor'], team: XSS, disabled: false },
  { id: 'r1', name: 'Ai', roles: ['rep'], team: XSS, manager_id: 's1', disabled: false },
  { id: 'r2', name: 'Bo', roles: ['rep'], disabled: false },
] };

describe('TeamsTab', () => {
  it('shows each team with its supervisor, as text', async () => {
    stubFetch({ 'GET /api/v1/users': people });
    wrap(<TeamsTab />);
    await waitFor(() => expect(screen.getByText(XSS)).toBeTruthy());
    expect(document.querySelector('img')).toBeNull();
    const card = document.querySelector('[data-team]') as HTMLElement;
    expect(within(card).getByText('Supervisor:').nextSibling?.textContent).toBe('Sun');
    expect(within(card).getByText('2 members')).toBeTruthy();
    expect(screen.getByText('No team')).toBeTruthy();
  });

  it('moves a person to another team and manager', async () => {
    const sent = stubFetch({ 'GET /api/v1/users': people, 'PATCH /api/v1/users/r2': {} });
    wrap(<TeamsTab />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change team: Bo' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Team' }),
      { target: { value: 'North' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent.some((s: Sent) => s.method === 'PATCH')).toBe(true));
    expect(sent.find((s: Sent) => s.method === 'PATCH')?.body).toEqual({ team: 'North',
      manager_id: '' });
  });

  it('shows the error state', async () => {
    stubFetch({ 'GET /api/v1/users': { status: 503, body: { detail: 'Store down' } } });
    wrap(<TeamsTab />);
    await waitFor(() => expect(screen.getByText('Store down')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});

const entry = { id: 'a1', at: '2026-03-02T09:00:00Z', actor_id: 'u1', actor_name: XSS,
  action: 'user.update', object_kind: 'user', object_id: 'u2', summary: 'roles,manager_id',
  outcome: 'denied', ip: '10.0.0.1' };

describe('AuditTab', () => {
  it('lists entries with localised actions, user text as text, and pages on', async () => {
    const sent = stubFetch({ 'GET /api/v1/users': people, 'GET /api/v1/audit': (s: Sent) =>
      s.params.get('cursor') ? { items: [{ ...entry, id: 'a2', action: 'token.revoke' }] }
        : { items: [entry], next_cursor: 'c2' } });
    wrap(<AuditTab />);
    await waitFor(() => expect(screen.getByText('Person changed')).toBeTruthy());
    expect(screen.getByText(XSS)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('roles,manager_id')).toBeTruthy();
    expect(screen.getByText('Denied')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getByText('API token revoked')).toBeTruthy());
    expect(screen.getByText('Person changed')).toBeTruthy();
    const audits = sent.filter((s: Sent) => s.path === '/api/v1/audit');
    expect(audits[1].params.get('cursor')).toBe('c2');
    expect(audits[0].params.get('limit')).toBe('50');
  });

  it('says so when the server has no audit log yet', async () => {
    stubFetch({ 'GET /api/v1/users': people });
    wrap(<AuditTab />);
    await waitFor(() => expect(screen.getByText('This server does not keep an audit log yet.'))
      .toBeTruthy());
  });

  it('shows the empty state and a refusal', async () => {
    stubFetch({ 'GET /api/v1/users': people, 'GET /api/v1/audit': { items: [] } });
    wrap(<AuditTab />);
    await waitFor(() => expect(screen.getByText('No entries match these filters.')).toBeTruthy());
    vi.unstubAllGlobals();
    stubFetch({ 'GET /api/v1/audit': { status: 403, body: { detail: 'Owners only' } } });
    wrap(<AuditTab />);
    await waitFor(() => expect(screen.getByText('Owners only')).toBeTruthy());
  });
});

const calendar = { id: 'c1', kind: 'calendar', key: 'office', name: { en: 'Office' },
  status: 'published', revision: 3, published_version: 1, draft: { calendar: {
    time_zone: 'Asia/Shanghai', working_hours: { monday: [{ start: '09:00', end: '18:00' }] },
    holidays: ['2026-10-01'] } } };

function editor(routes: Parameters<typeof stubFetch>[0]) {
  const sent = stubFetch(routes);
  wrap(<Routes><Route path="/admin/calendars/:id" element={<CalendarEditorPage />} /></Routes>,
    '/admin/calendars/c1');
  return sent;
}

describe('CalendarEditorPage', () => {
  it('shows the server lint errors on the fields they concern', async () => {
    editor({ 'GET /api/v1/calendars/c1': calendar, 'POST /api/v1/calendars/lint': {
      valid: false, warnings: [], errors: [{ pointer: '/calendar/working_hours/monday/0/end',
        message: 'The end is before the start.', code: 'calendar.inverted_interval' }] } });
    const monday = await screen.findByRole('textbox', { name: 'Monday' });
    expect((monday as HTMLInputElement).value).toBe('09:00-18:00');
    fireEvent.change(monday, { target: { value: '18:00-09:00' } });
    await waitFor(() => expect(screen.getByText('The end is before the start.')).toBeTruthy());
    expect(monday.closest('.ant-form-item')?.className).toContain('has-error');
  });

  it('refuses unreadable hours before asking the server', async () => {
    editor({ 'GET /api/v1/calendars/c1': calendar,
      'POST /api/v1/calendars/lint': { valid: true, errors: [], warnings: [] } });
    const tuesday = await screen.findByRole('textbox', { name: 'Tuesday' });
    fireEvent.change(tuesday, { target: { value: 'nine to five' } });
    expect(screen.getByText('Write intervals as 09:00-12:00, separated by commas.'))
      .toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save and publish' }) as HTMLButtonElement)
      .disabled).toBe(true);
  });

  it('saves at the loaded revision and publishes', async () => {
    const sent = editor({ 'GET /api/v1/calendars/c1': calendar,
      'POST /api/v1/calendars/lint': { valid: true, errors: [], warnings: [] },
      'PATCH /api/v1/calendars/c1': { ...calendar, revision: 4 },
      'POST /api/v1/calendars/c1/publish': { version: 2, changes: [], breaking: false } });
    const friday = await screen.findByRole('textbox', { name: 'Friday' });
    fireEvent.change(friday, { target: { value: '10:00-16:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and publish' }));
    await waitFor(() => expect(sent.some((s: Sent) => s.path.endsWith('/publish'))).toBe(true));
    const patch = sent.find((s: Sent) => s.method === 'PATCH')?.body as { calendar: {
      working_hours: Record<string, unknown>; holidays: string[] } };
    expect(patch.calendar.working_hours).toEqual({
      monday: [{ start: '09:00', end: '18:00' }], friday: [{ start: '10:00', end: '16:00' }] });
    expect(patch.calendar.holidays).toEqual(['2026-10-01']);
    await waitFor(() => expect(screen.getByText('Published version 2')).toBeTruthy());
  });

  it('binds the teams to people’s teams, with free entry, and saves them', async () => {
    const sent = editor({ 'GET /api/v1/calendars/c1': { ...calendar, draft: { calendar: {
      ...calendar.draft.calendar, teams: ['East'] } } }, 'GET /api/v1/users': people,
    'POST /api/v1/calendars/lint': { valid: true, errors: [], warnings: [] },
    'PATCH /api/v1/calendars/c1': { ...calendar, revision: 4 } });
    const teams = await screen.findByRole('combobox', { name: 'Teams' });
    const field = teams.closest('.ant-form-item') as HTMLElement;
    expect(within(field).getByText('East')).toBeTruthy();
    fireEvent.mouseDown(teams);
    await waitFor(() => expect(document.querySelector(`[title="${CSS.escape(XSS)}"]`))
      .toBeTruthy());
    expect(document.querySelector('img')).toBeNull();
    fireEvent.click(document.querySelector(`[title="${CSS.escape(XSS)}"]`) as HTMLElement);
    fireEvent.change(teams, { target: { value: 'West' } });
    fireEvent.keyDown(teams, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(sent.some((s: Sent) => s.method === 'PATCH')).toBe(true));
    const patch = sent.find((s: Sent) => s.method === 'PATCH')?.body as { calendar: {
      teams: string[] } };
    expect(patch.calendar.teams).toEqual(['East', XSS, 'West']);
  });

  it('shows a team lint error on the teams field', async () => {
    editor({ 'GET /api/v1/calendars/c1': calendar, 'GET /api/v1/users': people,
      'POST /api/v1/calendars/lint': { valid: false, warnings: [], errors: [{
        pointer: '/calendar/teams/0', message: 'East already has a calendar.',
        code: 'calendar.team_taken' }] } });
    const teams = await screen.findByRole('combobox', { name: 'Teams' });
    fireEvent.change(await screen.findByRole('textbox', { name: 'Friday' }),
      { target: { value: '10:00-16:00' } });
    await screen.findByText('East already has a calendar.');
    expect(teams.closest('.ant-form-item')?.className).toContain('has-error');
  });

  it('shows a refused save on its fields', async () => {
    editor({ 'GET /api/v1/calendars/c1': calendar,
      'POST /api/v1/calendars/lint': { valid: true, errors: [], warnings: [] },
      'PATCH /api/v1/calendars/c1': { status: 422, body: { title: 'Invalid', errors: [{
        pointer: '/calendar/holidays/0', message: 'Not a date.', code: 'calendar.bad_date' }] } },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(screen.getAllByText('Not a date.').length).toBeGreaterThan(0));
    const field = screen.getByRole('combobox', { name: 'Holidays' }).closest('.ant-form-item');
    expect(field?.className).toContain('has-error');
  });
});
