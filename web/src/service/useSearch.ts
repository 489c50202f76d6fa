import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { RecordItem } from '../workspace/api';
import { searchPath } from './search';

/** The pages of one form's search loaded so far. */
export interface SearchState {
  items: RecordItem[];
  next: string;
  loading: boolean;
  error: unknown;
  more: () => void;
  retry: () => void;
}

/** Searches form's records for text (nothing while it is empty), a page at a time. */
export function useSearch(form: string, text: string): SearchState {
  const [s, set] = useState({ items: [] as RecordItem[], next: '', loading: false,
    error: undefined as unknown, text: '' });
  const [tick, setTick] = useState(0);
  const load = useCallback((cursor: string, live: () => boolean) => {
    set((o) => ({ ...o, loading: true, error: undefined, text }));
    api<{ items: RecordItem[]; next_cursor?: string }>('GET', searchPath(form, text, cursor))
      .then((p) => live() && set((o) => ({ items: [...(cursor ? o.items : []),
        ...(p.items ?? [])], next: p.next_cursor ?? '', loading: false, error: undefined,
        text })),
      (e: unknown) => live() && set((o) => ({ ...o, loading: false, error: e })));
  }, [form, text]);
  useEffect(() => {
    if (!text) {
      set({ items: [], next: '', loading: false, error: undefined, text: '' });
      return undefined;
    }
    let live = true;
    load('', () => live);
    return () => { live = false; };
  }, [load, text, tick]);
  // Until the effect has asked for text, what is held belongs to the old text.
  const stale = s.text !== text;
  return { items: stale ? [] : s.items, next: stale ? '' : s.next,
    loading: s.loading || stale, error: stale ? undefined : s.error,
    more: () => load(s.next, () => true), retry: () => setTick((n) => n + 1) };
}
