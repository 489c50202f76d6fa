import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './AuthContext';
import LoginPage from './LoginPage';

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status });
}

function renderLogin() {
  return render(
    <AntApp>
      <AuthProvider>
        <MemoryRouter initialEntries={['/login']}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/" element={<p>signed in</p>} />
            <Route path="/reset" element={<p>reset page</p>} />
          </Routes>
        </MemoryRouter>
      </AuthProvider>
    </AntApp>,
  );
}

function fill() {
  fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'li@acme.cn' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong-password' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('shows the server refusal in the user language, as text', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => url.endsWith('/me')
      ? answer(401, { title: 'Unauthorized' })
      : answer(401, { title: 'Not signed in', detail: 'Wrong e-mail or <b>password</b>.',
        code: 'auth.bad_credentials' })));
    renderLogin();
    fill();
    await waitFor(() => expect(screen.getByText('Wrong e-mail or <b>password</b>.')).toBeTruthy());
    expect(document.querySelector('b')).toBeNull();
  });

  it('offers a password reset', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => answer(401, {})));
    renderLogin();
    fireEvent.click(screen.getByRole('link', { name: 'Forgot your password?' }));
    expect(await screen.findByText('reset page')).toBeTruthy();
  });

  it('signs in and goes on', async () => {
    const fetch = vi.fn(async (url: string, _init?: RequestInit) => url.endsWith('/me')
      ? answer(401, {})
      : answer(200, { token: 't', csrf_token: 'c', user: { id: 'u', name: 'Li Lei',
        roles: ['rep'], locale: 'en' } }));
    vi.stubGlobal('fetch', fetch);
    renderLogin();
    fill();
    await waitFor(() => expect(screen.getByText('signed in')).toBeTruthy());
    const call = fetch.mock.calls.find(([u]) => u.endsWith('/auth/login'));
    expect(JSON.parse(String(call?.[1]?.body))).toEqual({ email: 'li@acme.cn',
      password: 'wrong-password' });
  });
});
