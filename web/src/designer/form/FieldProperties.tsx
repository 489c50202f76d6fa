import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Divider, Form, Input, InputNumber, Select, Switch, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import { FindingList } from '../shared/FindingList';
import type { FieldProblem } from '../shared/definitions';
import { LocalizedInput } from '../shared/LocalizedInput';
import { pickText, type Text } from '../shared/text';
import { problemsAt } from './lint';
import {
  columnKinds, defaultSettings, usedNames, withColumns, type DesignerField, type DesignerForm,
  type FieldKind, type JSONObject, type LayoutField,
} from './model';

/** FIELD_NAME is the server's pattern for field keys. */
export const FIELD_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** FieldPropertiesProps are the props of FieldProperties. */
export interface FieldPropertiesProps {
  model: DesignerForm;
  field: DesignerField;
  kind: FieldKind | undefined;
  /** kinds are every field kind, for the columns of a sub_table. */
  kinds: FieldKind[];
  /** forms are the tenant's forms, which a record_link may point at. */
  forms: { value: string; label: string }[];
  problems: FieldProblem[];
  onChange: (change: Partial<DesignerField>) => void;
  onRename: (name: string) => void;
  onRemove: () => void;
}

const messages = (ps: FieldProblem[]) => ps.map((p) => p.message || p.code);

/** FieldProperties edits one field: texts, key, widget, limits, options, rules. */
export function FieldProperties(props: FieldPropertiesProps) {
  const { field: f, kind, problems, onChange } = props;
  const { t, i18n } = useTranslation(NS);
  const id = `fw-field-${f.uid}`;
  const widgets = kind?.widgets ?? [];
  return (
    <Form layout="vertical" size="small" className="fw-props" aria-label={t('form.props.field')}>
      <Typography.Title level={5}>
        {t('form.props.field')} <Tag>{pickText(kind?.label, i18n.language, f.kind)}</Tag>
      </Typography.Title>
      <NameInput {...props} />
      <LocalizedInput id={`${id}-label`} label={t('form.props.label')} value={f.label}
        onChange={(label) => onChange({ label })}
        errors={messages(problemsAt(problems, '/label'))} />
      <LocalizedInput id={`${id}-help`} label={t('form.props.help')} value={f.help} multiline
        onChange={(help) => onChange({ help })} errors={messages(problemsAt(problems, '/help'))} />
      <LocalizedInput id={`${id}-ph`} label={t('form.props.placeholder')} value={f.placeholder}
        onChange={(placeholder) => onChange({ placeholder })} />
      <Form.Item label={t('form.props.required')} htmlFor={`${id}-req`}>
        <Switch id={`${id}-req`} checked={f.required}
          onChange={(required) => onChange({ required })} />
      </Form.Item>
      {widgets.length > 1 ? (
        <Form.Item label={t('form.props.widget')} htmlFor={`${id}-widget`}
          {...status(problemsAt(problems, '/widget'))}>
          <Select id={`${id}-widget`} value={f.widget} onChange={(widget) => onChange({ widget })}
            options={[{ value: '', label: t('form.props.defaultWidget',
              { widget: kind?.default_widget }) },
            ...widgets.map((w) => ({ value: w, label: w }))]} />
        </Form.Item>
      ) : null}
      <Limits {...props} />
      <KindSettings {...props} />
      <Form.Item label={t('form.props.visibleWhen')} htmlFor={`${id}-vis`}
        extra={t('form.props.visibleWhenHelp')} {...status(problemsAt(problems, '/visible_when'))}>
        <Input.TextArea id={`${id}-vis`} value={f.visibleWhen} rows={2}
          className="fw-code" onChange={(e) => onChange({ visibleWhen: e.target.value })} />
      </Form.Item>
      <FindingList problems={problems} />
      <Divider />
      <Button danger icon={<DeleteOutlined />} onClick={props.onRemove}>
        {t('form.props.deleteField')}
      </Button>
    </Form>
  );
}

function status(ps: FieldProblem[]) {
  return ps.length > 0 ? { validateStatus: 'error' as const, help: messages(ps).join(' ') } : {};
}

function NameInput({ model, field: f, problems, onRename }: FieldPropertiesProps) {
  const { t } = useTranslation(NS);
  const [draft, setDraft] = useState(f.name);
  useEffect(() => setDraft(f.name), [f.uid, f.name]);
  const taken = draft !== f.name && usedNames(model).has(draft);
  const invalid = !FIELD_NAME.test(draft);
  const local = invalid ? t('form.props.nameInvalid') : taken ? t('form.props.nameTaken') : '';
  const server = messages(problemsAt(problems, '/name'));
  const help = local || server.join(' ');
  const commit = () => {
    if (!invalid && !taken && draft !== f.name) onRename(draft);
  };
  return (
    <Form.Item label={t('form.props.name')} htmlFor={`fw-name-${f.uid}`}
      validateStatus={help ? 'error' : undefined} help={help || undefined}
      extra={t('form.props.nameHelp')}>
      <Input id={`fw-name-${f.uid}`} value={draft} className="fw-code"
        onChange={(e) => setDraft(e.target.value)} onBlur={commit} onPressEnter={commit} />
    </Form.Item>
  );
}

const limitKeys: Record<string, [string, string]> = {
  string: ['minLength', 'maxLength'], number: ['minimum', 'maximum'],
  integer: ['minimum', 'maximum'], array: ['minItems', 'maxItems'],
};

function Limits({ field: f, problems, onChange }: FieldPropertiesProps) {
  const { t } = useTranslation(NS);
  const type = typeof f.property.type === 'string' ? f.property.type : '';
  const keys = limitKeys[type];
  if (!keys || f.kind === 'computed' || f.kind === 'attachment') return null;
  const set = (k: string, v: number | null) => {
    const property: JSONObject = { ...f.property };
    if (v === null) delete property[k];
    else property[k] = v;
    onChange({ property });
  };
  return (
    <fieldset className="fw-fieldset">
      <legend>{t('form.props.limits')}</legend>
      {keys.map((k) => (
        <Form.Item key={k} label={t(`form.props.${k}`)} htmlFor={`fw-${k}-${f.uid}`}
          {...status(problemsAt(problems, `/${k}`))}>
          <InputNumber id={`fw-${k}-${f.uid}`} value={typeof f.property[k] === 'number'
            ? (f.property[k] as number) : null} onChange={(v) => set(k, v)}
            min={type === 'number' || type === 'integer' ? undefined : 0} className="fw-full" />
        </Form.Item>
      ))}
    </fieldset>
  );
}

interface Option {
  value: string;
  label?: Text;
}

function OptionsEditor({ field: f, problems, onChange }: FieldPropertiesProps) {
  const { t } = useTranslation(NS);
  const options = (Array.isArray(f.settings.options) ? f.settings.options : []) as Option[];
  const write = (next: Option[]) => onChange({ settings: { ...f.settings, options: next } });
  const edit = (i: number, o: Option) => write(options.map((x, j) => (j === i ? o : x)));
  return (
    <fieldset className="fw-fieldset">
      <legend>{t('form.props.options')}</legend>
      {options.map((o, i) => (
        <div key={i} className="fw-option-row">
          <Input aria-label={`${t('form.props.optionValue')} ${i + 1}`} value={o.value}
            className="fw-code" placeholder={t('form.props.optionValue')}
            status={problemsAt(problems, `/settings/options/${i}`).length ? 'error' : undefined}
            onChange={(e) => edit(i, { ...o, value: e.target.value })} />
          <Input aria-label={`${t('common.localeZh')} ${i + 1}`} value={o.label?.['zh-CN'] ?? ''}
            placeholder={t('common.localeZh')}
            onChange={(e) => edit(i, { ...o, label: { ...o.label, 'zh-CN': e.target.value } })} />
          <Input aria-label={`${t('common.localeEn')} ${i + 1}`} value={o.label?.en ?? ''}
            placeholder={t('common.localeEn')}
            onChange={(e) => edit(i, { ...o, label: { ...o.label, en: e.target.value } })} />
          <Button type="text" danger icon={<DeleteOutlined />}
            aria-label={`${t('common.remove')} ${o.value}`}
            onClick={() => write(options.filter((_, j) => j !== i))} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => write([...options,
        { value: `option_${options.length + 1}`, label: {} }])}>{t('form.props.addOption')}</Button>
      <FindingList problems={problemsAt(problems, '/settings/options', '/enum')} />
    </fieldset>
  );
}

/** KindSettings edits the settings a kind takes (options, currency …). */
function KindSettings(props: FieldPropertiesProps) {
  const { field: f, problems, onChange } = props;
  const { t } = useTranslation(NS);
  const set = (k: string, v: unknown) => {
    const settings: JSONObject = { ...f.settings };
    if (v === null || v === undefined || v === '') delete settings[k];
    else settings[k] = v;
    onChange({ settings });
  };
  const item = (k: string, label: string, input: ReactNode) => (
    <Form.Item key={k} label={label} htmlFor={`fw-s-${k}-${f.uid}`}
      {...status(problemsAt(problems, `/settings/${k}`))}>{input}</Form.Item>
  );
  const text = (k: string, label: string) => item(k, label,
    <Input id={`fw-s-${k}-${f.uid}`} value={String(f.settings[k] ?? '')}
      onChange={(e) => set(k, e.target.value)} />);
  const num = (k: string, label: string, min: number, max?: number) => item(k, label,
    <InputNumber id={`fw-s-${k}-${f.uid}`} className="fw-full" min={min} max={max}
      value={typeof f.settings[k] === 'number' ? (f.settings[k] as number) : null}
      onChange={(v) => set(k, v)} />);

  switch (f.kind) {
    case 'select':
    case 'multi_select':
      return <OptionsEditor {...props} />;
    case 'money':
      return text('currency', t('form.props.currency'));
    case 'number':
      return <>{num('decimals', t('form.props.decimals'), 0, 6)}
        <LocalizedInput id={`fw-unit-${f.uid}`} label={t('form.props.unit')}
          value={f.settings.unit as Text | undefined} onChange={(u) => set('unit', u)} /></>;
    case 'percent':
      return num('decimals', t('form.props.decimals'), 0, 4);
    case 'attachment':
      return <>{num('max_files', t('form.props.maxFiles'), 1, 100)}
        {num('max_size', t('form.props.maxSize'), 1)}
        {item('allowed_types', t('form.props.allowedTypes'),
          <Select id={`fw-s-allowed_types-${f.uid}`} mode="tags"
            value={(f.settings.allowed_types as string[] | undefined) ?? []}
            onChange={(v: string[]) => set('allowed_types', v.length ? v : null)} />)}</>;
    case 'signature':
      return item('signer', t('form.props.signer'),
        <Select id={`fw-s-signer-${f.uid}`} value={String(f.settings.signer ?? 'user')}
          options={[{ value: 'user', label: t('form.props.signerUser') },
            { value: 'customer', label: t('form.props.signerCustomer') }]}
          onChange={(v: string) => set('signer', v === 'user' ? null : v)} />);
    case 'computed':
      return item('expression', t('form.props.expression'),
        <Input.TextArea id={`fw-s-expression-${f.uid}`} className="fw-code"
          rows={2} value={String(f.settings.expression ?? '')}
          onChange={(e) => set('expression', e.target.value)} />);
    case 'record_link':
      return item('form_key', t('form.props.formKey'),
        <Select id={`fw-s-form_key-${f.uid}`} showSearch optionFilterProp="label" allowClear
          value={String(f.settings.form_key ?? '') || undefined} options={props.forms}
          onChange={(v?: string) => set('form_key', v ?? '')} />);
    case 'sub_table':
      return <ColumnsEditor {...props} />;
    default:
      return null;
  }
}

/** ColumnsEditor edits a sub_table's columns: key, kind and label each. */
function ColumnsEditor({ field: f, kinds, problems, onChange }: FieldPropertiesProps) {
  const { t, i18n } = useTranslation(NS);
  const columns = (Array.isArray(f.settings.columns) ? f.settings.columns : []) as LayoutField[];
  const write = (next: LayoutField[]) => onChange(withColumns(f, next, kinds));
  const edit = (i: number, c: LayoutField) => write(columns.map((x, j) => (j === i ? c : x)));
  const options = columnKinds(kinds).map((k) => ({ value: k.name,
    label: pickText(k.label, i18n.language, k.name) }));
  const add = () => {
    const taken = new Set(columns.map((c) => c.name));
    let n = columns.length + 1;
    while (taken.has(`column_${n}`)) n += 1;
    write([...columns, { name: `column_${n}`, kind: 'text', label: {} }]);
  };
  return (
    <fieldset className="fw-fieldset">
      <legend>{t('form.props.columnsList')}</legend>
      {columns.map((c, i) => (
        <div key={i} className="fw-option-row">
          <Input aria-label={`${t('form.props.name')} ${i + 1}`} value={c.name} className="fw-code"
            status={problemsAt(problems, `/settings/columns/${i}`).length ? 'error' : undefined}
            onChange={(e) => edit(i, { ...c, name: e.target.value })} />
          <Select aria-label={`${t('form.props.kind')} ${i + 1}`} value={c.kind} options={options}
            onChange={(kind: string) => {
              const settings = defaultSettings(kind);
              edit(i, { ...c, kind,
                settings: Object.keys(settings).length ? settings : undefined });
            }} />
          <Input aria-label={`${t('form.props.label')} ${i + 1}`}
            value={pickText(c.label, i18n.language)} placeholder={t('form.props.label')}
            onChange={(e) => edit(i, { ...c, label: { ...c.label,
              [i18n.language === 'en' ? 'en' : 'zh-CN']: e.target.value } })} />
          <Button type="text" danger icon={<DeleteOutlined />}
            aria-label={`${t('common.remove')} ${c.name}`}
            onClick={() => write(columns.filter((_, j) => j !== i))} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={add}>{t('common.add')}</Button>
      <FindingList problems={problemsAt(problems, '/settings/columns', '/items')} />
    </fieldset>
  );
}
