import { describe, expect, it } from 'vitest';

import {
  addSection, insertField, moveField, removeField, removeSection, renameField, shiftField,
  updateField,
} from './edit';
import { mapFormFindings, problemsAt } from './lint';
import {
  columnKinds, emptyForm, fromContent, newField, newSection, toContent, withColumns,
  type DesignerField, type FieldKind, type FormContent,
} from './model';

/** lead is a slice of the lead pack's form (templates/packs/lead_followup). */
const lead: FormContent = {
  schema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['company', 'stage', 'internal_score'],
    properties: {
      company: { type: 'string', minLength: 2, maxLength: 100 },
      stage: { type: 'string', enum: ['new', 'won'] },
      tags: { type: 'array', items: { type: 'string', enum: ['a'] }, uniqueItems: true },
      internal_score: { type: 'number' },
    },
  },
  layout: { sections: [
    { title: { en: 'Contact', 'zh-CN': '联系信息' }, columns: 2, fields: [
      { name: 'company', kind: 'text', label: { en: 'Company', 'zh-CN': '公司名称' } },
      { name: 'stage', kind: 'select', widget: 'radio', label: { en: 'Stage' },
        visible_when: "company != ''",
        settings: { options: [{ value: 'new', label: { en: 'New' } }, { value: 'won' }] } },
    ] },
    { fields: [{ name: 'tags', kind: 'multi_select', settings: { options: [{ value: 'a' }] } }] },
  ] },
  rules: [{ id: 'won_needs_company', when: "stage == 'won'", require: ['company'] }],
};

const selectKind: FieldKind = {
  name: 'select', label: { en: 'Single choice', 'zh-CN': '单选' }, widgets: ['dropdown'],
  default_widget: 'dropdown', value_type: 'string', fragment: { type: 'string', enum: [] },
};

describe('form model conversion', () => {
  it('round-trips a form: schema, layout, rules and unplaced properties', () => {
    const got = toContent(fromContent(lead));
    expect(got).toEqual(lead);
  });

  it('keeps properties no section shows, and their required mark', () => {
    const m = fromContent(lead);
    expect(Object.keys(m.unplaced)).toEqual(['internal_score']);
    expect(m.unplacedRequired).toEqual(['internal_score']);
    expect(m.schemaRest).toEqual({ $schema: lead.schema.$schema });
  });

  it('reads required, labels and visibility onto each field', () => {
    const m = fromContent(lead);
    const [company, stage] = m.sections[0].fields;
    expect(company.required).toBe(true);
    expect(company.property).toEqual({ type: 'string', minLength: 2, maxLength: 100 });
    expect(stage.visibleWhen).toBe("company != ''");
    expect(stage.widget).toBe('radio');
    expect(m.sections[0].columns).toBe(2);
    expect(m.sections[1].columns).toBe(1);
  });

  it('writes select options into the enum so schema and options agree', () => {
    let m = fromContent(lead);
    const stage = m.sections[0].fields[1];
    m = updateField(m, stage.uid, { settings: { options: [{ value: 'lost' }, { value: 'won' }] } });
    const c = toContent(m);
    expect((c.schema.properties as Record<string, { enum: string[] }>).stage.enum)
      .toEqual(['lost', 'won']);
  });

  it('writes multi_select options into items.enum, free tags without options', () => {
    let m = fromContent(lead);
    const tags = m.sections[1].fields[0];
    m = updateField(m, tags.uid, { settings: { options: [] } });
    const props = toContent(m).schema.properties as Record<string, { items: unknown }>;
    expect(props.tags.items).toEqual({ type: 'string', minLength: 1, maxLength: 100 });
  });

  it('drops empty texts and optional members', () => {
    const m = emptyForm();
    const f = newField(m, selectKind);
    const c = toContent(insertField(m, m.sections[0].uid, 0, { ...f, help: { en: ' ' } }));
    expect(c.layout.sections[0]).toEqual({ fields: [{ name: 'select_1', kind: 'select',
      label: { en: 'Single choice', 'zh-CN': '单选' }, settings: f.settings }] });
    expect(c.rules).toBeUndefined();
    expect(c.schema.required).toBeUndefined();
  });
});

describe('form model edits', () => {
  it('names new fields uniquely per kind', () => {
    let m = emptyForm();
    const a = newField(m, selectKind);
    m = insertField(m, m.sections[0].uid, 0, a);
    const b = newField(m, selectKind);
    expect([a.name, b.name]).toEqual(['select_1', 'select_2']);
    expect(b.property.enum).toEqual(['option_1', 'option_2']);
  });

  it('moves a field to another section and position', () => {
    let m = fromContent(lead);
    const company = m.sections[0].fields[0];
    m = moveField(m, company.uid, m.sections[1].uid, 1);
    expect(m.sections[0].fields.map((f) => f.name)).toEqual(['stage']);
    expect(m.sections[1].fields.map((f) => f.name)).toEqual(['tags', 'company']);
  });

  it('shifts a field across the section boundary', () => {
    let m = fromContent(lead);
    const stage = m.sections[0].fields[1];
    m = shiftField(m, stage.uid, 1);
    expect(m.sections[1].fields.map((f) => f.name)).toEqual(['stage', 'tags']);
    m = shiftField(m, stage.uid, -1);
    expect(m.sections[0].fields.map((f) => f.name)).toEqual(['company', 'stage']);
  });

  it('removes only empty sections, never the last', () => {
    let m = fromContent(lead);
    expect(removeSection(m, m.sections[1].uid)).toBe(m);
    m = removeField(m, m.sections[1].fields[0].uid);
    m = removeSection(m, m.sections[1].uid);
    expect(m.sections).toHaveLength(1);
    const one = emptyForm();
    expect(removeSection(one, one.sections[0].uid)).toBe(one);
    expect(addSection(one, newSection()).sections).toHaveLength(2);
  });

  it('renames a field in the rules that name it', () => {
    let m = fromContent(lead);
    m = renameField(m, m.sections[0].fields[0].uid, 'account');
    expect(m.rules[0].require).toEqual(['account']);
    expect(Object.keys(toContent(m).schema.properties as object)).toContain('account');
  });
});

describe('form lint mapping', () => {
  it('attaches findings to fields, sections, rules and the form', () => {
    const m = fromContent(lead);
    const p = (pointer: string) => ({ pointer, code: 'x', message: pointer });
    const got = mapFormFindings(m, [
      p('/layout/sections/0/fields/1/visible_when'), p('/schema/properties/company/type'),
      p('/layout/sections/1/columns'), p('/rules/0/when'), p('/schema/required'),
      p('/layout/sections/9/fields/0/kind'),
    ]);
    const [company, stage] = m.sections[0].fields;
    expect(got.byField[stage.uid].map((x) => x.pointer))
      .toEqual(['/layout/sections/0/fields/1/visible_when']);
    expect(got.byField[company.uid]).toHaveLength(1);
    expect(got.bySection[m.sections[1].uid]).toHaveLength(1);
    expect(got.byRule[0]).toHaveLength(1);
    expect(got.form.map((x) => x.pointer))
      .toEqual(['/schema/required', '/layout/sections/9/fields/0/kind']);
    expect(problemsAt(got.byField[stage.uid], '/visible_when')).toHaveLength(1);
    expect(problemsAt(got.byField[stage.uid], '/label')).toHaveLength(0);
  });
});

describe('sub_table columns', () => {
  const text: FieldKind = { name: 'text', label: { en: 'Text' }, widgets: ['input'],
    default_widget: 'input', value_type: 'string', fragment: { type: 'string', maxLength: 200 } };
  const table: DesignerField = { uid: 'x', name: 'lines', kind: 'sub_table', widget: '',
    label: {}, help: {}, placeholder: {}, required: false, visibleWhen: '', settings: {},
    property: { type: 'array', items: { type: 'object', properties: {} } } };

  it('writes one item property per column, from the column kind', () => {
    const c = withColumns(table, [{ name: 'sku', kind: 'text' },
      { name: 'tier', kind: 'select', settings: { options: [{ value: 'a' }] } }],
    [text, selectKind]);
    expect(c.property?.items).toEqual({ type: 'object', additionalProperties: false,
      properties: { sku: { type: 'string', maxLength: 200 },
        tier: { type: 'string', enum: ['a'] } } });
    expect((c.settings?.columns as unknown[]).length).toBe(2);
  });

  it('keeps a column schema the designer tightened while its kind stays', () => {
    const t1 = { ...table, settings: { columns: [{ name: 'sku', kind: 'text' }] },
      property: { type: 'array', items: { type: 'object', properties: {
        sku: { type: 'string', maxLength: 20 } } } } };
    const c = withColumns(t1, [{ name: 'sku', kind: 'text', label: { en: 'SKU' } }], [text]);
    expect((c.property?.items as { properties: object }).properties)
      .toEqual({ sku: { type: 'string', maxLength: 20 } });
  });

  it('offers every kind but sub_table for columns', () => {
    expect(columnKinds([text, { ...text, name: 'sub_table' }]).map((k) => k.name))
      .toEqual(['text']);
  });
});
