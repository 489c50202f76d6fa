import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { api, ApiProblem } from '../api/client';
import type { UserView } from '../api/types';
import { setLanguage } from '../i18n';

/** The signed-in user, as GET /api/v1/me answers. */
export type Me = UserView;

interface AuthState {
  me: Me | null;
  loading: boolean;
  error: unknown;
  refresh: () => Promise<Me | null>;
  login: (email: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

/** Loads the session once and shares it. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();

  const refresh = useCallback(async () => {
    setError(undefined);
    try {
      const m = await api<Me>('GET', '/api/v1/me');
      setMe(m);
      return m;
    } catch (e) {
      setMe(null);
      if (!(e instanceof ApiProblem && e.status === 401)) setError(e);
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (email: string, password: string) => {
    const res = await api<{ user: Me }>('POST', '/api/v1/auth/login', { email, password });
    setMe(res.user);
    if (res.user.locale === 'en' || res.user.locale === 'zh-CN') {
      if (!localStorage.getItem('fw.lang')) void setLanguage(res.user.locale);
    }
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('POST', '/api/v1/auth/logout');
    } finally {
      setMe(null);
    }
  }, []);

  const value = useMemo(
    () => ({ me, loading, error, refresh, login, logout }),
    [me, loading, error, refresh, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session of the app. */
export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Says whether the user holds any of roles (owner holds all). */
export function hasRole(me: Me | null, ...roles: string[]): boolean {
  if (!me) return false;
  if (me.roles.includes('owner')) return true;
  return roles.some((r) => me.roles.includes(r));
}
