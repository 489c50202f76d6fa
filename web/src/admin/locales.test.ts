import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { bundles as supervisor } from '../supervisor/locales';
import { actionKey, auditActions, auditObjectKinds, auditPrefixes } from './audit';
import { weekdays } from './calendarModel';
import { bundles as admin, NS } from './locales';

type Tree = { [k: string]: string | Tree };

function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`));
}

describe('admin and supervisor locales', () => {
  for (const [ns, b] of Object.entries({ admin, supervisor })) {
    it(`${ns}: zh-CN and en have the same keys`, () => {
      expect(keys(b['zh-CN'] as Tree).sort()).toEqual(keys(b.en as Tree).sort());
    });
  }

  it('labels every audit action and weekday in both languages', () => {
    const wanted = [...auditActions, ...auditPrefixes].map(actionKey)
      .concat(weekdays.map((d) => `weekday.${d}`), auditObjectKinds.map((k) => `object.${k}`));
    for (const lng of ['en', 'zh-CN']) {
      const t = i18n.getFixedT(lng, NS);
      expect(wanted.filter((k) => t(k) === k)).toEqual([]);
    }
  });
});
