// Named API types, from the generated OpenAPI schema (src/api/schema.d.ts,
// `npm run gen:api`), so a Go type change shows up as a type error here.
import type { components } from './schema';

type S = components['schemas'];

/** A person as the API shows them. */
export type UserView = S['UserView'];
/**
 * A record. Its data is free-form JSON, which the generator types as an
 * object of never.
 */
export type RecordView = Omit<S['Record'], 'data'> & { data: Record<string, unknown> };
/** One task of an inbox. */
export type InboxItemView = S['InboxItem'];
/** A task with its handoffs, co-handlers and outcomes (GET /api/v1/tasks/{id}). */
export type TaskView = S['Task'];
/** One entry of the audit log. */
export type AuditEntryView = S['AuditEntryView'];
/** One page of the audit log. */
export type AuditListView = S['AuditList'];
/** Work about to breach its deadline. */
export type BreachView = S['Breach'];
/** One entry of a timeline. */
export type JourneyEntryView = S['Entry'];
/** A pack of the template library. */
export type TemplateSummaryView = S['Summary'];
/** A pack before install. */
export type TemplatePreviewView = S['Preview'];
/** The outcome of an install. */
export type InstallationView = S['Installation'];
