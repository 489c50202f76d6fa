// The service desk's customer search: the server matches the text against
// the records' well-known customer keys (company, contact_name, customer,
// customer_id, mobile: see runtime/record/search.go), so a form's field is
// found when it uses one of those keys.
import { useEffect, useState } from 'react';
import { query } from '../api/client';
import type { RecordItem } from '../workspace/api';

/** The most characters the server searches for; longer text is cut. */
export const MAX_SEARCH = 64;

/** How long typing must pause before the server is asked. */
export const SEARCH_DELAY = 300;

/** The page size of one search. */
export const SEARCH_PAGE = 50;

/** The text to send for what was typed: trimmed and cut to MAX_SEARCH. */
export function searchText(typed: string): string {
  return [...typed.trim()].slice(0, MAX_SEARCH).join('').trim();
}

/** The path of one page of form's records matching text. */
export function searchPath(form: string, text: string, cursor = ''): string {
  return '/api/v1/records' + query({ form, q: text, cursor, limit: SEARCH_PAGE,
    sort: '-created_at' });
}

/** Promises with the open ones first, soonest delivery first. */
export function openFirst(promises: RecordItem[]): RecordItem[] {
  const rank = (r: RecordItem) => (r.data.status === 'open' ? 0 : 1);
  const due = (r: RecordItem) => String(r.data.delivery_at ?? '');
  return [...promises].sort((a, b) => rank(a) - rank(b) || due(a).localeCompare(due(b)));
}

/** value, once it has stayed the same for delay ms. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
