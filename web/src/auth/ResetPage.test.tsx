import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import ResetPage from './ResetPage';

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body?: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), { status });
}

function renderAt(path: string) {
  return render(
    <AntApp>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/reset" element={<ResetPage />} />
        </Routes>
      </MemoryRouter>
    </AntApp>,
  );
}

describe('ResetPage', () => {
  it('asks for the address and says a link may be on its way', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => answer(202));
    vi.stubGlobal('fetch', fetch);
    renderAt('/reset');
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'li@acme.cn' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the link' }));
    await waitFor(() => expect(screen.getByText(/a link is on its way/)).toBeTruthy());
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/auth/reset');
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'li@acme.cn' });
  });

  it('sends the token with the new password and shows a refusal as text', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => answer(422, {
      title: 'Invalid', code: 'request.invalid_fields',
      errors: [{ pointer: '/token', code: 'reset_used', message: 'Used <b>already</b>.' }] }));
    vi.stubGlobal('fetch', fetch);
    renderAt('/reset?token=fwr_abc_def');
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'new-secret-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the password' }));
    await waitFor(() => expect(screen.getByText('Used <b>already</b>.')).toBeTruthy());
    expect(document.querySelector('b')).toBeNull();
    expect(JSON.parse(String(fetch.mock.calls[0][1]?.body))).toEqual({ token: 'fwr_abc_def',
      password: 'new-secret-1' });
  });

  it('confirms a new password', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(204)));
    renderAt('/reset?token=fwr_abc_def');
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'new-secret-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the password' }));
    await waitFor(() => expect(screen.getByText(/Your password is set/)).toBeTruthy());
  });
});
