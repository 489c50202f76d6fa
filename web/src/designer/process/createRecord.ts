/**
 * The create-record step's settings as the designer edits them: the form
 * of the new record, its field values as expressions over this instance's
 * record, the record-link field that points back, and the owner rule.
 * Nothing here imports React.
 */
import { sectionsOf, type FormContent, type LayoutField } from '../../workspace/formModel';
import type { Config } from './graph';

/** A field of the new record's form that a value can be given to. */
export interface TargetField {
  name: string;
  kind: string;
  label?: LayoutField['label'];
}

/** The kind of field that links a record to another. */
export const RECORD_LINK = 'record_link';

/** The fields of a form's layout (every schema property when it has none), in order. */
export function targetFields(form: FormContent): TargetField[] {
  return sectionsOf(form).flatMap((s) => s.fields)
    .map((f) => ({ name: f.name, kind: f.kind, label: f.label }));
}

/** The record-link fields of fields. */
export function linkFields(fields: TargetField[]): TargetField[] {
  return fields.filter((f) => f.kind === RECORD_LINK);
}

/** The field values of a config, as [field, expression] rows in their order. */
export function fieldRows(c: Config): [string, string][] {
  const v = c.fields;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => [k, typeof x === 'string' ? x : '']);
}

/** The fields a new row may give a value to: not given one yet, not the link field. */
export function freeFields(fields: TargetField[], rows: [string, string][],
  link: unknown): TargetField[] {
  const used = new Set(rows.map(([k]) => k));
  return fields.filter((f) => !used.has(f.name) && f.name !== link);
}

/** rows with one more row for the first free field; unchanged when none is free. */
export function addRow(rows: [string, string][], free: TargetField[]): [string, string][] {
  return free.length ? [...rows, [free[0].name, '']] : rows;
}

/** The config change that picks form: a new form starts with no values and no link. */
export function pickForm(c: Config, form: string): Config {
  if (form === c.form) return {};
  return { form, fields: {}, link_field: undefined };
}

/** The fields member for rows (the server requires it, so an empty map, not nothing). */
export function fieldsOf(rows: [string, string][]): Record<string, string> {
  return Object.fromEntries(rows);
}
