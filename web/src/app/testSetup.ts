// Vitest setup: the app's i18n in English, and what happy-dom lacks for antd.
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import i18n from '../i18n';

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    value: (query: string) => ({
      matches: false, media: query, onchange: null,
      addListener: () => undefined, removeListener: () => undefined,
      addEventListener: () => undefined, removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

// CI runs the suite on a busy two-core machine: findBy/waitFor wait up to
// 10 s (the default 1 s failed there) — a wait, not a timing assertion.
configure({ asyncUtilTimeout: 10000 });

void i18n.changeLanguage('en');
afterEach(() => cleanup());
