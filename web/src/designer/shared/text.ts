/**
 * Text is a piece of user-facing text per locale, as the server stores it:
 * `{"zh-CN": "线索", "en": "Lead"}`.
 */
export type Text = Partial<Record<'zh-CN' | 'en', string>>;

/** The locales a designer edits texts in, in the order the inputs show. */
export const LOCALES = ['zh-CN', 'en'] as const;

/** Locale is one of the locales Formwork speaks. */
export type Locale = (typeof LOCALES)[number];

/**
 * pickText returns the text in lng, then English, then any locale, then
 * fallback — the same order the server's Text.In uses.
 */
export function pickText(t: Text | undefined, lng: string, fallback = ''): string {
  if (!t) return fallback;
  const own = t[lng as Locale];
  if (own) return own;
  if (t.en) return t.en;
  for (const l of LOCALES) {
    const s = t[l];
    if (s) return s;
  }
  return fallback;
}

/** cleanText drops empty locales; undefined when nothing is left. */
export function cleanText(t: Text | undefined): Text | undefined {
  if (!t) return undefined;
  const out: Text = {};
  for (const l of LOCALES) {
    const s = t[l]?.trim();
    if (s) out[l] = s;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
