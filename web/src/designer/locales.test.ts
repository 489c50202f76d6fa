import { describe, expect, it } from 'vitest';

import { bundles as dashboards } from '../dashboards/locales';
import { bundles as designer } from './locales';
import { NODE_KINDS } from './process/graph';

type Tree = { [k: string]: string | Tree };

function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`));
}

function has(t: Tree, key: string): boolean {
  let node: string | Tree | undefined = t;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return false;
    node = node[part] ?? node[`${part}_one`];
  }
  return node !== undefined;
}

const sources = {
  ...import.meta.glob<string>('./**/*.tsx', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>('../dashboards/**/*.tsx', { query: '?raw', import: 'default',
    eager: true }),
};

/** usedKeys are the literal keys passed to t(…) in a file. */
function usedKeys(src: string): string[] {
  return [...src.matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)].map((m) => m[1]);
}

describe('locales', () => {
  for (const [ns, b] of Object.entries({ designer, dashboards })) {
    it(`${ns}: zh-CN and en have the same keys, none empty`, () => {
      expect(keys(b['zh-CN'] as Tree).sort()).toEqual(keys(b.en as Tree).sort());
      const empty = (t: Tree) => keys(t).filter((k) => k.split('.')
        .reduce<string | Tree>((n, p) => (n as Tree)[p], t) === '');
      expect(empty(b.en as Tree)).toEqual([]);
      expect(empty(b['zh-CN'] as Tree)).toEqual([]);
    });
  }

  it('every key a component asks for exists in both languages', () => {
    const missing: string[] = [];
    for (const [file, src] of Object.entries(sources)) {
      if (file.includes('.test.')) continue;
      const b = file.includes('dashboards') ? dashboards : designer;
      for (const k of usedKeys(src)) {
        for (const lng of ['en', 'zh-CN'] as const) {
          if (!has(b[lng] as Tree, k)) missing.push(`${file}: ${lng} ${k}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every node kind and the vocabularies picked by value', () => {
    const dynamic = [
      ...NODE_KINDS.map((k) => `process.kinds.${k}`),
      ...['record_created', 'field_changed', 'schedule', 'inbound_event', 'manual']
        .map((k) => `process.on.${k}`),
      ...['owner', 'owner_manager', 'role', 'round_robin', 'least_loaded', 'user']
        .map((k) => `process.rule.${k}`),
      ...['owner', 'owner_manager', 'assignee', 'assignee_manager', 'role', 'user']
        .map((k) => `process.recipient.${k}`),
      ...['submit', 'activity', 'complete_task', 'advance', 'change_fields']
        .map((k) => `process.sim.kinds.${k}`),
      ...['draft', 'published', 'modified', 'archived'].map((k) => `common.status.${k}`),
      ...['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems']
        .map((k) => `form.props.${k}`),
    ];
    for (const lng of ['en', 'zh-CN'] as const) {
      expect(dynamic.filter((k) => !has(designer[lng] as Tree, k))).toEqual([]);
    }
  });
});
