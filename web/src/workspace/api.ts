// Types and loaders of the rep workspace's API calls.
import { api, query } from '../api/client';
import type { InboxItemView, RecordView, UserView } from '../api/types';
import type { Text } from '../gallery/types';
import type { FormContent } from './formModel';

/** A record, as the API answers it. */
export type RecordItem = RecordView;

/** One task of an inbox. */
export type InboxItem = InboxItemView;

/** A definition as GET /api/v1/forms lists it. */
export interface DefinitionItem {
  id: string;
  kind: string;
  key: string;
  name: Text;
  description?: Text;
  app?: string;
  status: string;
  published_version: number;
  draft?: unknown;
  published?: unknown;
}

/** One entry of a record's timeline. */
export interface JourneyEntry {
  at: string;
  kind: string;
  source: string;
  record_id: string;
  actor_id?: string;
  ref?: string;
  activity?: { kind: string; note?: string; duration_s?: number };
  detail?: Record<string, unknown>;
}

/** A person of the organisation. */
export type UserItem = UserView;

/** Every page of a cursor-paged list, up to max items. */
export async function listAll<T>(path: string, max = 500): Promise<T[]> {
  const out: T[] = [];
  let cursor = '';
  for (;;) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await api<{ items: T[]; next_cursor?: string }>('GET',
      path + (cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''));
    out.push(...(page.items ?? []));
    cursor = page.next_cursor ?? '';
    if (!cursor || out.length >= max) return out;
  }
}

/** The forms the user may fill in (published ones). */
export async function publishedForms(): Promise<DefinitionItem[]> {
  const all = await listAll<DefinitionItem>('/api/v1/forms');
  return all.filter((f) => f.published_version > 0);
}

/**
 * The content of form key at version (0: the latest published), the form a
 * record was validated against.
 */
export async function formContent(key: string, version = 0): Promise<FormContent> {
  const forms = await listAll<DefinitionItem>('/api/v1/forms');
  const def = forms.find((f) => f.key === key);
  if (!def) throw new Error(`form ${key} not found`);
  const v = version || def.published_version;
  const ver = await api<{ content: FormContent }>('GET',
    `/api/v1/forms/${encodeURIComponent(def.id)}/versions/${v}`);
  return ver.content;
}

/** The records of a form, newest first. */
export function recordsPath(params: Record<string, string | undefined>): string {
  return '/api/v1/records' + query({ sort: '-created_at', limit: 100, ...params });
}
