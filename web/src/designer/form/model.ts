/**
 * The form designer's model and its conversion to and from the server's
 * form content (`{schema, layout, rules}`, see designer/form). The model
 * keeps each field's schema property next to its layout entry, so the
 * canvas can move, add and remove fields without two lists drifting apart;
 * toContent writes them back as one JSON Schema and one layout. Nothing
 * here imports React.
 */
import { cleanText, type Text } from '../shared/text';

/** JSONObject is a decoded JSON object. */
export type JSONObject = Record<string, unknown>;

/** LayoutField is a field entry of the server's layout. */
export interface LayoutField {
  name: string;
  kind: string;
  widget?: string;
  label?: Text;
  help?: Text;
  placeholder?: Text;
  visible_when?: string;
  settings?: JSONObject;
}

/** LayoutSection is a section of the server's layout. */
export interface LayoutSection {
  title?: Text;
  columns?: number;
  fields: LayoutField[];
}

/** Rule is a cross-field rule: a conditional requirement or an assertion. */
export interface Rule {
  id: string;
  when?: string;
  require?: string[];
  assert?: string;
  field?: string;
  message?: Text;
}

/** FormContent is a form definition's stored content. */
export interface FormContent {
  schema: JSONObject;
  layout: { sections: LayoutSection[] };
  rules?: Rule[];
}

/** FieldKind is one entry of GET /api/v1/field-kinds. */
export interface FieldKind {
  name: string;
  label: Text;
  widgets: string[];
  default_widget: string;
  value_type: string;
  fragment: JSONObject;
}

/** DesignerField is one field on the canvas. */
export interface DesignerField {
  /** uid is the canvas's own id; it survives renames. */
  uid: string;
  name: string;
  kind: string;
  widget: string;
  label: Text;
  help: Text;
  placeholder: Text;
  required: boolean;
  visibleWhen: string;
  settings: JSONObject;
  /** property is the field's JSON Schema property. */
  property: JSONObject;
}

/** DesignerSection is one section on the canvas. */
export interface DesignerSection {
  uid: string;
  title: Text;
  columns: number;
  fields: DesignerField[];
}

/** DesignerForm is the whole designer model. */
export interface DesignerForm {
  sections: DesignerSection[];
  rules: Rule[];
  /** schemaRest keeps the schema's other keywords ($schema, $defs …). */
  schemaRest: JSONObject;
  /** unplaced keeps properties no section shows; they stay validated. */
  unplaced: Record<string, JSONObject>;
  /** unplacedRequired keeps which of them are required. */
  unplacedRequired: string[];
}

let counter = 0;

/** newUid returns an id unique within this page's life. */
export function newUid(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}`;
}

function asObject(v: unknown): JSONObject {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as JSONObject) : {};
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** fromContent builds the designer model from a form's content. */
export function fromContent(content: Partial<FormContent> | undefined): DesignerForm {
  const schema = asObject(content?.schema);
  const props = asObject(schema.properties);
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const placed = new Set<string>();
  const sections = (content?.layout?.sections ?? []).map((s) => {
    const fields = (s.fields ?? []).map((f) => {
      placed.add(f.name);
      return fieldFromLayout(f, asObject(props[f.name]), required.has(f.name));
    });
    return { uid: newUid('s'), title: s.title ?? {}, columns: s.columns || 1, fields };
  });
  const unplaced: Record<string, JSONObject> = {};
  for (const [name, p] of Object.entries(props)) {
    if (!placed.has(name)) unplaced[name] = clone(asObject(p));
  }
  const { properties: _p, required: _r, type: _t, ...rest } = schema;
  return {
    sections, rules: clone(content?.rules ?? []), schemaRest: clone(rest), unplaced,
    unplacedRequired: [...required].filter((n) => n in unplaced),
  };
}

function fieldFromLayout(f: LayoutField, property: JSONObject, required: boolean): DesignerField {
  return {
    uid: newUid('f'), name: f.name, kind: f.kind, widget: f.widget ?? '',
    label: f.label ?? {}, help: f.help ?? {}, placeholder: f.placeholder ?? {},
    required, visibleWhen: f.visible_when ?? '', settings: clone(asObject(f.settings)),
    property: clone(property),
  };
}

/** toContent writes the designer model back as a form's content. */
export function toContent(m: DesignerForm): FormContent {
  const properties: Record<string, JSONObject> = {};
  const required: string[] = [];
  const sections: LayoutSection[] = m.sections.map((s) => {
    const fields = s.fields.map((f) => {
      properties[f.name] = syncProperty(f);
      if (f.required) required.push(f.name);
      return layoutOf(f);
    });
    const out: LayoutSection = { fields };
    const title = cleanText(s.title);
    if (title) out.title = title;
    if (s.columns > 1) out.columns = s.columns;
    return out;
  });
  for (const [name, p] of Object.entries(m.unplaced)) {
    if (!(name in properties)) properties[name] = clone(p);
  }
  for (const name of m.unplacedRequired) {
    if (!required.includes(name) && name in m.unplaced) required.push(name);
  }
  const schema: JSONObject = { ...clone(m.schemaRest), type: 'object', properties };
  if (required.length > 0) schema.required = required;
  const content: FormContent = { schema, layout: { sections } };
  if (m.rules.length > 0) content.rules = m.rules.map(cleanRule);
  return content;
}

function layoutOf(f: DesignerField): LayoutField {
  const out: LayoutField = { name: f.name, kind: f.kind };
  if (f.widget) out.widget = f.widget;
  const texts = { label: f.label, help: f.help, placeholder: f.placeholder } as const;
  for (const [k, v] of Object.entries(texts)) {
    const t = cleanText(v);
    if (t) out[k as keyof typeof texts] = t;
  }
  if (f.visibleWhen.trim()) out.visible_when = f.visibleWhen.trim();
  if (Object.keys(f.settings).length > 0) out.settings = clone(f.settings);
  return out;
}

function cleanRule(r: Rule): Rule {
  const out: Rule = { id: r.id };
  if (r.when?.trim()) out.when = r.when.trim();
  if (r.require && r.require.length > 0) out.require = [...r.require];
  if (r.assert?.trim()) out.assert = r.assert.trim();
  if (r.field) out.field = r.field;
  const msg = cleanText(r.message);
  if (msg) out.message = msg;
  return out;
}

interface Option {
  value: string;
  label?: Text;
  color?: string;
}

/**
 * syncProperty returns the field's property with what its settings decide
 * written in: the enum of a select and of a multi_select's items, so the
 * schema and the options never disagree.
 */
export function syncProperty(f: DesignerField): JSONObject {
  const p = clone(f.property);
  const options = Array.isArray(f.settings.options) ? (f.settings.options as Option[]) : null;
  if (f.kind === 'select' && options) {
    p.enum = options.map((o) => o.value);
  }
  if (f.kind === 'multi_select' && options) {
    p.items = options.length > 0
      ? { type: 'string', enum: options.map((o) => o.value) }
      : { type: 'string', minLength: 1, maxLength: 100 };
  }
  return p;
}

/** defaultSettings are the settings a new field of a kind starts with. */
export function defaultSettings(kind: string): JSONObject {
  switch (kind) {
    case 'select':
    case 'multi_select':
      return { options: [
        { value: 'option_1', label: { 'zh-CN': '选项 1', en: 'Option 1' } },
        { value: 'option_2', label: { 'zh-CN': '选项 2', en: 'Option 2' } },
      ] };
    case 'computed':
      return { expression: '0.0' };
    case 'record_link':
      return { form_key: '' };
    default:
      return {};
  }
}

/** usedNames lists every field name of the model, placed or not. */
export function usedNames(m: DesignerForm): Set<string> {
  const out = new Set(Object.keys(m.unplaced));
  for (const s of m.sections) for (const f of s.fields) out.add(f.name);
  return out;
}

/** freshName returns "<kind>_<n>", unused in m. */
export function freshName(m: DesignerForm, kind: string): string {
  const used = usedNames(m);
  for (let n = 1; ; n += 1) {
    const name = `${kind}_${n}`;
    if (!used.has(name)) return name;
  }
}

/** newField builds a field of kind k named to be unique in m. */
export function newField(m: DesignerForm, k: FieldKind): DesignerField {
  const settings = defaultSettings(k.name);
  const f: DesignerField = {
    uid: newUid('f'), name: freshName(m, k.name), kind: k.name, widget: '',
    label: { ...k.label }, help: {}, placeholder: {}, required: false, visibleWhen: '',
    settings, property: clone(k.fragment),
  };
  f.property = syncProperty(f);
  return f;
}

/** newSection builds an empty one-column section. */
export function newSection(): DesignerSection {
  return { uid: newUid('s'), title: {}, columns: 1, fields: [] };
}

/** emptyForm is the model of a form with one empty section. */
export function emptyForm(): DesignerForm {
  return { sections: [newSection()], rules: [], schemaRest: {}, unplaced: {},
    unplacedRequired: [] };
}

/** COLUMN_KINDS are the kinds a sub_table column may have (tables do not nest). */
export function columnKinds(kinds: FieldKind[]): FieldKind[] {
  return kinds.filter((k) => k.name !== 'sub_table');
}

/**
 * withColumns sets a sub_table's columns and writes its schema to match:
 * items is an object with one property per column, the fragment of the
 * column's kind, kept as it was for a column whose name and kind stay.
 */
export function withColumns(f: DesignerField, columns: LayoutField[],
  kinds: FieldKind[]): Partial<DesignerField> {
  const items = asObject(f.property.items);
  const oldProps = asObject(items.properties);
  const oldKinds = new Map(((f.settings.columns ?? []) as LayoutField[])
    .map((c) => [c.name, c.kind]));
  const properties: Record<string, JSONObject> = {};
  for (const c of columns) {
    const k = kinds.find((x) => x.name === c.kind);
    const keep = oldKinds.get(c.name) === c.kind && oldProps[c.name];
    const col: DesignerField = { uid: '', name: c.name, kind: c.kind, widget: '', label: {},
      help: {}, placeholder: {}, required: false, visibleWhen: '',
      settings: asObject(c.settings), property: keep ? asObject(keep) : clone(k?.fragment ?? {}) };
    properties[c.name] = syncProperty(col);
  }
  return {
    settings: { ...f.settings, columns },
    property: { ...f.property, type: 'array',
      items: { ...items, type: 'object', properties, additionalProperties: false } },
  };
}
