// The shape of a form version's content (JSON Schema + layout) and the
// pure helpers the renderer uses.
import type { Text } from '../gallery/types';

/** One option of a select field. */
export interface FieldOption {
  value: string;
  label?: Text;
  color?: string;
}

/** One field of a form's layout. */
export interface LayoutField {
  name: string;
  kind: string;
  widget?: string;
  label?: Text;
  help?: Text;
  placeholder?: Text;
  visible_when?: string;
  settings?: { options?: FieldOption[]; currency?: string; [k: string]: unknown };
}

/** One section of a form's layout. */
export interface LayoutSection {
  title?: Text;
  columns?: number;
  fields: LayoutField[];
}

/** A JSON Schema property, the parts the renderer reads. */
export interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  items?: PropertySchema;
  title?: string;
  description?: string;
  default?: unknown;
  'x-secret'?: boolean;
}

/** A form: what is valid and how it is shown. */
export interface FormContent {
  key?: string;
  name?: Text;
  schema: { type?: string; required?: string[]; properties?: Record<string, PropertySchema> };
  layout?: { sections: LayoutSection[] };
}

/** Form data: field name to value. */
export type FormData = Record<string, unknown>;

/**
 * The sections to render: the layout's, or one section listing every schema
 * property when the form has no layout.
 */
export function sectionsOf(form: FormContent): LayoutSection[] {
  if (form.layout?.sections?.length) return form.layout.sections;
  const props = form.schema.properties ?? {};
  return [{ fields: Object.entries(props).map(([name, p]) => ({ name, kind: kindOf(p),
    label: p.title ? { en: p.title, 'zh-CN': p.title } : undefined,
    help: p.description ? { en: p.description, 'zh-CN': p.description } : undefined })) }];
}

function kindOf(p: PropertySchema): string {
  if (p['x-secret']) return 'secret';
  if (p.enum) return 'select';
  if (p.type === 'number' || p.type === 'integer') return 'number';
  if (p.type === 'boolean') return 'checkbox';
  if (p.type === 'array') return 'multi_select';
  if (p.format === 'date-time') return 'date_time';
  if (p.format === 'date') return 'date';
  return 'text';
}

/** The options of a select field: its settings', else the schema's enum. */
export function optionsOf(f: LayoutField, p: PropertySchema | undefined): FieldOption[] {
  if (f.settings?.options?.length) return f.settings.options;
  const values = p?.enum ?? p?.items?.enum ?? [];
  return values.map((v) => ({ value: String(v) }));
}

/** Says whether the schema requires name at the top level. */
export function isRequired(form: FormContent, name: string): boolean {
  return form.schema.required?.includes(name) ?? false;
}

/**
 * Drops empty values (undefined, "", empty arrays) so the server reports a
 * missing field as "required" rather than as a wrongly typed one.
 */
export function cleanData(data: FormData): FormData {
  const out: FormData = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}
