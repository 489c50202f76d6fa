import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Segmented, Select,
  Typography } from 'antd';
import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { localText } from '../i18n';
import { isRequired, optionsOf, sectionsOf } from './formModel';
import type { FormContent, FormData, LayoutField, PropertySchema } from './formModel';
import { AttachmentField, SignaturePad, signerMode } from './fields';
import type { Uploader } from './fields';

/** Props of FormRenderer. */
export interface FormRendererProps {
  form: FormContent;
  value: FormData;
  onChange: (next: FormData) => void;
  /** Server errors by field name, from fieldErrors(). */
  errors?: Record<string, string[]>;
  disabled?: boolean;
  /**
   * The signed-in user's name: the signer a signature pad records, except
   * on a customer signature, which asks for the customer's name.
   */
  signer?: string;
  /** Uploads files of attachment and signature fields; tests pass their own. */
  uploader?: Uploader;
}

interface InputProps {
  field: LayoutField;
  prop: PropertySchema | undefined;
  value: unknown;
  set: (v: unknown) => void;
  disabled?: boolean;
  id: string;
  signer?: string;
  uploader?: Uploader;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v == null ? '' : String(v);
}

function SelectInput({ field, prop, value, set, disabled, id }: InputProps) {
  const options = optionsOf(field, prop).map((o) => ({
    value: o.value, label: localText(o.label) || o.value }));
  if (field.widget === 'radio') {
    return <Radio.Group id={id} disabled={disabled} value={value} options={options}
      onChange={(e) => set(e.target.value)} />;
  }
  if (field.widget === 'segmented') {
    return <Segmented id={id} disabled={disabled} value={str(value)} block
      options={options.map((o) => ({ value: o.value, label: o.label }))}
      onChange={(v) => set(v)} />;
  }
  return <Select id={id} disabled={disabled} allowClear value={value ?? undefined}
    options={options} onChange={(v) => set(v)} />;
}

function MultiInput({ field, prop, value, set, disabled, id }: InputProps) {
  const options = optionsOf(field, prop).map((o) => ({
    value: o.value, label: localText(o.label) || o.value }));
  return <Select id={id} mode={options.length ? 'multiple' : 'tags'} disabled={disabled}
    value={Array.isArray(value) ? value : []} options={options} onChange={(v) => set(v)} />;
}

function DateInput({ value, set, disabled, id, withTime }: InputProps & { withTime: boolean }) {
  const v = typeof value === 'string' && value ? dayjs(value) : null;
  return <DatePicker id={id} className="fw-block" disabled={disabled} showTime={withTime}
    value={v && v.isValid() ? v : null}
    onChange={(d) => set(d ? (withTime ? d.toISOString() : d.format('YYYY-MM-DD')) : undefined)} />;
}

function NumberInput({ field, prop, value, set, disabled, id }: InputProps) {
  const step = field.kind === 'money' ? 0.01 : prop?.type === 'integer' ? 1 : undefined;
  return <InputNumber id={id} className="fw-block" disabled={disabled} step={step}
    min={prop?.minimum} max={prop?.maximum}
    value={typeof value === 'number' ? value : null}
    onChange={(v) => set(v ?? undefined)}
    prefix={field.kind === 'money' ? (field.settings?.currency ?? '¥') : undefined}
    suffix={field.kind === 'percent' ? '%' : undefined} />;
}

function Unsupported() {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('form.unsupported_kind')}</Typography.Text>;
}

function renderInput(p: InputProps): ReactNode {
  const placeholder = localText(p.field.placeholder) || undefined;
  const text = (type?: string, mode?: 'tel' | 'email' | 'url') => (
    <Input id={p.id} type={type} inputMode={mode} disabled={p.disabled} placeholder={placeholder}
      maxLength={p.prop?.maxLength} value={str(p.value)}
      onChange={(e) => p.set(e.target.value)} />
  );
  switch (p.field.kind) {
    case 'select':
      return <SelectInput {...p} />;
    case 'multi_select':
    case 'tags':
      return <MultiInput {...p} />;
    case 'long_text':
      return <Input.TextArea id={p.id} disabled={p.disabled} placeholder={placeholder}
        autoSize={{ minRows: 2, maxRows: 8 }} maxLength={p.prop?.maxLength}
        value={str(p.value)} onChange={(e) => p.set(e.target.value)} />;
    case 'number':
    case 'money':
    case 'percent':
      return <NumberInput {...p} />;
    case 'date':
      return <DateInput {...p} withTime={false} />;
    case 'date_time':
      return <DateInput {...p} withTime />;
    case 'checkbox':
      return <Checkbox id={p.id} disabled={p.disabled} checked={p.value === true}
        onChange={(e) => p.set(e.target.checked)} />;
    case 'secret':
      return <Input.Password id={p.id} disabled={p.disabled} autoComplete="off"
        value={str(p.value)} onChange={(e) => p.set(e.target.value)} />;
    case 'phone':
      return text('tel', 'tel');
    case 'email':
      return text('email', 'email');
    case 'url':
      return text('url', 'url');
    case 'attachment':
      return <AttachmentField id={p.id} value={p.value} settings={p.field.settings}
        disabled={p.disabled} uploader={p.uploader} onChange={p.set} />;
    case 'signature':
      return <SignaturePad id={p.id} value={p.value} disabled={p.disabled}
        defaultSigner={p.signer} mode={signerMode(p.field.settings)} uploader={p.uploader}
        onChange={p.set} />;
    case 'sub_table':
    case 'computed':
      return <Unsupported />;
    default:
      return text();
  }
}

/**
 * Renders a form from its JSON Schema and layout with antd inputs. Labels,
 * help and options are shown as text (never as HTML); server errors appear
 * under the fields they concern, and errors about no shown field on top.
 */
export function FormRenderer({ form, value, onChange, errors = {}, disabled, signer,
  uploader }: FormRendererProps) {
  const props = form.schema.properties ?? {};
  const sections = sectionsOf(form);
  const shown = new Set(sections.flatMap((s) => s.fields.map((f) => f.name)));
  const loose = Object.entries(errors).filter(([name]) => !shown.has(name)).flatMap(([, m]) => m);
  return (
    <Form layout="vertical" component="div" className="fw-form">
      {loose.length ? (
        <Alert type="error" showIcon className="fw-mb" role="alert"
          title={<ul className="fw-problem-list">{loose.map((m, i) => <li key={i}>{m}</li>)}</ul>} />
      ) : null}
      {sections.map((s, si) => (
        <section key={si} className="fw-form-section">
          {s.title ? <Typography.Title level={5}>{localText(s.title)}</Typography.Title> : null}
          <div className={`fw-form-grid cols-${Math.min(Math.max(s.columns ?? 1, 1), 4)}`}>
            {s.fields.map((f) => {
              const id = `field-${f.name}`;
              const errs = errors[f.name];
              return (
                <Form.Item key={f.name} label={localText(f.label) || f.name} htmlFor={id}
                  required={isRequired(form, f.name)} validateStatus={errs ? 'error' : undefined}
                  help={errs ? errs.join(' ') : localText(f.help) || undefined}
                  data-field={f.name}>
                  {renderInput({ field: f, prop: props[f.name], value: value[f.name], id,
                    disabled, signer, uploader,
                    set: (v) => onChange({ ...value, [f.name]: v }) })}
                </Form.Item>
              );
            })}
          </div>
        </section>
      ))}
    </Form>
  );
}
