// The audit log's model: entry type, filters, and how they become a query
// of GET /api/v1/audit (the contract shared with the server side).
import { query } from '../api/client';
import type { AuditEntryView, AuditListView } from '../api/types';

/** One audit entry, as GET /api/v1/audit answers it. */
export type AuditEntry = AuditEntryView;

/** One page of the audit log, newest first. */
export type AuditPage = Omit<AuditListView, 'items'> & { items: AuditEntry[] | null };

/** The filters of the audit screen; empty ones do not filter. */
export interface AuditFilter {
  actor_id?: string;
  action?: string;
  object_kind?: string;
  outcome?: string;
  since?: string;
  until?: string;
}

/** Every action the server records, grouped under the prefixes that filter them. */
export const auditActions = [
  'definition.save', 'definition.publish', 'definition.delete', 'user.create', 'user.update',
  'token.create', 'token.revoke', 'plugin_instance.create', 'plugin_instance.update',
  'plugin_instance.delete', 'webhook.rotate', 'auth.login_failed', 'auth.lockout',
  'auth.reset_requested', 'auth.password_reset', 'access.denied', 'tenant.update',
  'signing_key.read',
];

/** The prefixes (ending in ".") an action filter may also be. */
export const auditPrefixes = ['definition.', 'user.', 'token.', 'plugin_instance.', 'auth.'];

/** The kinds of object the entries name (the routes' object kinds). */
export const auditObjectKinds = ['form', 'process', 'dashboard', 'calendar', 'app', 'template',
  'user', 'token', 'plugin_instance', 'tenant', 'record', 'task'];

/** The page size the screen asks for. */
export const AUDIT_PAGE = 50;

/** The path of one page of entries matching f, after cursor. */
export function auditPath(f: AuditFilter, cursor = ''): string {
  return '/api/v1/audit' + query({ ...f, cursor, limit: AUDIT_PAGE });
}

/** The i18n key of an action's label, under the admin namespace. */
export function actionKey(action: string): string {
  return `action.${action.replace(/\./g, '_')}`;
}
