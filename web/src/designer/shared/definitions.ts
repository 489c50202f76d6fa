import { api, type FieldProblem } from '../../api/client';
import type { Text } from './text';

/** DefinitionKind names the API collection of a kind of definition. */
export type DefinitionKind = 'forms' | 'processes' | 'dashboards' | 'calendars';

/** FieldProblem is one finding of a lint, a save or a publish. */
export type { FieldProblem };

/** Change is one difference between two versions. */
export interface Change {
  code: string;
  subject: string;
  breaking: boolean;
  message: Text;
}

/** VersionSummary is one published version in a definition's history. */
export interface VersionSummary {
  version: number;
  published_at: string;
  published_by: string;
  changes: Change[];
}

/** Definition is the server's DefinitionView with a typed draft. */
export interface Definition<C> {
  id: string;
  kind: string;
  key: string;
  name: Text;
  description?: Text;
  app?: string;
  status: 'draft' | 'published' | 'modified' | 'archived';
  revision: number;
  published_version: number;
  updated_at: string;
  updated_by: string;
  draft?: C;
  published?: C;
  versions?: VersionSummary[];
  warnings?: FieldProblem[];
}

/** LintResult is the answer of POST …/lint. */
export interface LintResult {
  valid: boolean;
  errors: FieldProblem[];
  warnings: FieldProblem[];
}

/** PublishResult is the answer of POST …/{id}/publish. */
export interface PublishResult {
  version: number;
  changes: Change[];
  breaking: boolean;
  warnings?: FieldProblem[];
}

/** DiffResult is the answer of GET …/{id}/diff. */
export interface DiffResult {
  from: number;
  to: number;
  changes: Change[];
}

const base = (kind: DefinitionKind, id?: string) =>
  `/api/v1/${kind}${id ? `/${encodeURIComponent(id)}` : ''}`;

/** getDefinition loads one definition with its draft and versions. */
export function getDefinition<C>(kind: DefinitionKind, id: string): Promise<Definition<C>> {
  return api<Definition<C>>('GET', base(kind, id));
}

/**
 * saveDraft replaces the named content members of the draft. The revision
 * goes in If-Match, so a save over someone else's answers 409.
 */
export function saveDraft<C>(kind: DefinitionKind, id: string, revision: number,
  body: Record<string, unknown>): Promise<Definition<C>> {
  return api<Definition<C>>('PATCH', base(kind, id), body,
    { headers: { 'If-Match': `"${revision}"` } });
}

/** lintContent checks content without saving it. */
export function lintContent(kind: DefinitionKind, body: Record<string, unknown>,
  signal?: AbortSignal): Promise<LintResult> {
  return api<LintResult>('POST', `${base(kind)}/lint`, body, { signal });
}

/** publishDraft turns the saved draft into the next version. */
export function publishDraft(kind: DefinitionKind, id: string): Promise<PublishResult> {
  return api<PublishResult>('POST', `${base(kind, id)}/publish`);
}

/** diffVersions lists changes from version from to version to (0: draft). */
export function diffVersions(kind: DefinitionKind, id: string, from: number,
  to: number): Promise<DiffResult> {
  return api<DiffResult>('GET', `${base(kind, id)}/diff?from=${from}&to=${to}`);
}
