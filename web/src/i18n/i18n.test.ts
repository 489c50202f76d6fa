import { describe, expect, it } from 'vitest';
import { common } from './common';
import { detectLanguage, localText } from './index';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v as object, `${prefix}${k}.`)).sort();
}

describe('i18n', () => {
  it('has every string in both languages', () => {
    expect(keys(common['zh-CN'])).toEqual(keys(common.en));
    for (const lng of ['zh-CN', 'en'] as const) {
      for (const k of keys(common[lng])) {
        const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p],
          common[lng]);
        expect(v, `${lng} ${k}`).not.toBe('');
      }
    }
  });

  it('follows a stored choice, then the browser', () => {
    expect(detectLanguage('en', ['zh-CN'])).toBe('en');
    expect(detectLanguage(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLanguage(null, ['en-GB'])).toBe('en');
    expect(detectLanguage('fr', ['fr-FR'])).toBe('zh-CN');
  });

  it('picks the current language of a text map', () => {
    expect(localText({ en: 'Lead', 'zh-CN': '线索' })).toBe('Lead');
    expect(localText({ 'zh-CN': '线索' })).toBe('线索');
    expect(localText(undefined)).toBe('');
  });
});
