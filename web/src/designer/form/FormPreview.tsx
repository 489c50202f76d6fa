import { UploadOutlined } from '@ant-design/icons';
import {
  Button, Checkbox, DatePicker, Empty, Form, Input, InputNumber, Radio, Segmented, Select,
  Slider, Switch, Table, Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';

import { NS } from '../locales';
import { pickText, type Text } from '../shared/text';
import type { DesignerField, DesignerForm, JSONObject } from './model';

/** FormPreviewProps are the props of FormPreview. */
export interface FormPreviewProps {
  model: DesignerForm;
  /** phone draws the form 375 px wide, one column, as a phone shows it. */
  phone: boolean;
}

/**
 * FormPreview draws the form as people will fill it in, from the designer's
 * model as it is now. Labels, help and options are rendered as text.
 */
export function FormPreview({ model, phone }: FormPreviewProps) {
  const { t, i18n } = useTranslation(NS);
  const lng = i18n.language;
  const any = model.sections.some((s) => s.fields.length > 0);
  return (
    <div className={phone ? 'fw-preview fw-preview-phone' : 'fw-preview'}>
      {!any ? <Empty description={t('form.preview.empty')} /> : (
        <Form layout="vertical" className="fw-preview-form">
          {model.sections.map((s, i) => (
            <section key={s.uid} className="fw-form-section">
              {pickText(s.title, lng) ? (
                <Typography.Title level={5}>{pickText(s.title, lng)}</Typography.Title>
              ) : null}
              <div className={`fw-form-grid cols-${phone ? 1 : s.columns}` +
                (phone ? ' fw-force-one' : '')} data-section={i}>
                {s.fields.map((f) => (
                  <Form.Item key={f.uid} label={pickText(f.label, lng, f.name)}
                    required={f.required} htmlFor={`pv-${f.uid}`}
                    extra={<FieldExtra field={f} lng={lng} />}>
                    <Control field={f} lng={lng} />
                  </Form.Item>
                ))}
              </div>
            </section>
          ))}
        </Form>
      )}
    </div>
  );
}

function FieldExtra({ field: f, lng }: { field: DesignerField; lng: string }) {
  const { t } = useTranslation(NS);
  const help = pickText(f.help, lng);
  if (!help && !f.visibleWhen) return null;
  return (
    <>
      {help ? <div>{help}</div> : null}
      {f.visibleWhen ? (
        <Typography.Text type="secondary" className="fw-code">
          {t('form.preview.hiddenNote', { expr: f.visibleWhen })}
        </Typography.Text>
      ) : null}
    </>
  );
}

interface Option {
  value: string;
  label?: Text;
}

function optionsOf(f: DesignerField, lng: string) {
  const list = (Array.isArray(f.settings.options) ? f.settings.options : []) as Option[];
  return list.map((o) => ({ value: o.value, label: pickText(o.label, lng, o.value) }));
}

/** Control draws the input of one field by its kind and widget. */
function Control({ field: f, lng }: { field: DesignerField; lng: string }) {
  const { t } = useTranslation(NS);
  const id = `pv-${f.uid}`;
  const placeholder = pickText(f.placeholder, lng) || undefined;
  const opts = optionsOf(f, lng);
  const num = (extra: JSONObject = {}) => (
    <InputNumber id={id} className="fw-full" placeholder={placeholder}
      min={f.property.minimum as number | undefined} max={f.property.maximum as number | undefined}
      {...extra} />
  );
  switch (f.kind) {
    case 'long_text':
      return <Input.TextArea id={id} placeholder={placeholder} rows={2} />;
    case 'number':
      if (f.widget === 'slider') return <Slider id={id} />;
      return num({ addonAfter: pickText(f.settings.unit as Text | undefined, lng) || undefined });
    case 'money':
      return num({ addonBefore: String(f.settings.currency ?? 'CNY'), step: 0.01 });
    case 'percent':
      return f.widget === 'slider' ? <Slider id={id} /> : num({ addonAfter: '%' });
    case 'date':
      return <DatePicker id={id} className="fw-full" />;
    case 'date_time':
      return <DatePicker id={id} showTime className="fw-full" />;
    case 'select':
      if (f.widget === 'radio') return <Radio.Group id={id} options={opts} />;
      if (f.widget === 'segmented' && opts.length > 0) {
        return <Segmented id={id} options={opts} />;
      }
      return <Select id={id} options={opts} placeholder={placeholder} allowClear />;
    case 'multi_select':
      if (f.widget === 'checkboxes') return <Checkbox.Group options={opts} />;
      return <Select id={id} mode={opts.length > 0 ? 'multiple' : 'tags'} options={opts}
        placeholder={placeholder} />;
    case 'checkbox':
      return f.widget === 'switch' ? <Switch id={id} /> : <Checkbox id={id} />;
    case 'user':
    case 'record_link':
      return <Select id={id} showSearch placeholder={placeholder} options={[]} />;
    case 'attachment':
      return <Button id={id} icon={<UploadOutlined />}>{t('form.preview.upload')}</Button>;
    case 'signature':
      return <div id={id} className="fw-signature">{t('form.preview.sign')}</div>;
    case 'sub_table':
      return <SubTable field={f} lng={lng} />;
    case 'computed':
      return <Input id={id} readOnly value={String(f.settings.expression ?? '')}
        className="fw-code" />;
    default:
      return <Input id={id} placeholder={placeholder} />;
  }
}

interface Column {
  name: string;
  label?: Text;
}

function SubTable({ field: f, lng }: { field: DesignerField; lng: string }) {
  const { t } = useTranslation(NS);
  const cols = (Array.isArray(f.settings.columns) ? f.settings.columns : []) as Column[];
  return (
    <>
      <Table size="small" pagination={false} dataSource={[]} rowKey="id"
        scroll={{ x: true }}
        columns={cols.map((c) => ({ key: c.name, title: pickText(c.label, lng, c.name) }))} />
      <Button size="small">{t('form.preview.addRow')}</Button>
    </>
  );
}
