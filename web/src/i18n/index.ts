// The app's i18next instance: zh-CN and en, the first visit follows the
// browser, a switch is remembered in localStorage. Features add their own
// namespaces with i18n.addResourceBundle(lng, ns, resources, true, true).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'fw.lang';

/** Picks zh-CN or en from a stored choice, then the browser's languages. */
export function detectLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored === 'zh-CN' || stored === 'en') return stored;
  for (const l of browser) {
    const low = l.toLowerCase();
    if (low.startsWith('zh')) return 'zh-CN';
    if (low.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

function storedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(storageKey) ?? null;
  } catch {
    return null;
  }
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { common: common['zh-CN'] }, en: { common: common.en } },
  lng: detectLanguage(storedLanguage(), globalThis.navigator?.languages ?? []),
  fallbackLng: 'en',
  supportedLngs: [...languages],
  ns: ['common'],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the language and remembers the choice. */
export function setLanguage(lng: Language): Promise<unknown> {
  try {
    globalThis.localStorage?.setItem(storageKey, lng);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = lng;
  return i18n.changeLanguage(lng);
}

/** The current language, always one of languages. */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Picks the current language's text from a {"zh-CN","en"} map. */
export function localText(t: Partial<Record<string, string>> | string | undefined | null): string {
  if (t == null) return '';
  if (typeof t === 'string') return t;
  const lng = currentLanguage();
  return t[lng] ?? t.en ?? t['zh-CN'] ?? Object.values(t)[0] ?? '';
}

export default i18n;
