import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import { useFormContent } from '../../workspace/useForms';
import { NS } from '../locales';
import { pickText } from '../shared/text';
import { AssigneeFields, OWNER_RULES, type Assignee } from './AssigneeFields';
import { useBind } from './bind';
import {
  addRow, fieldRows, fieldsOf, freeFields, linkFields, pickForm, targetFields, type TargetField,
} from './createRecord';
import { Item, SelectField, TextField, type Option } from './fields';
import type { NodePropertiesProps } from './NodeProperties';

/** The options of fields, labelled "Label (name)". */
function useFieldOptions(fields: TargetField[]): Option[] {
  const { i18n } = useTranslation(NS);
  return useMemo(() => fields.map((f) => ({ value: f.name,
    label: `${pickText(f.label, i18n.language, f.name)} (${f.name})` })), [fields, i18n.language]);
}

interface RowsProps extends NodePropertiesProps {
  fields: TargetField[];
}

/** The field values of the new record: a field of its form and an expression each. */
function FieldRows(props: RowsProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  const rows = fieldRows(c);
  const free = freeFields(props.fields, rows, c.link_field);
  const all = useFieldOptions(props.fields);
  const write = (next: [string, string][]) => set('fields', fieldsOf(next));
  const edit = (i: number, row: [string, string]) =>
    write(rows.map((x, j) => (j === i ? row : x)));
  return (
    <fieldset className="fw-fieldset">
      <legend>{t('process.createRecord.fields')}</legend>
      {rows.map(([name, expr], i) => (
        <div key={i} className="fw-route">
          <Item id={id(`fields-${i}-name`)} label={t('process.createRecord.field')}
            problems={[]}>
            <Select id={id(`fields-${i}-name`)} value={name} showSearch
              optionFilterProp="label" onChange={(v: string) => edit(i, [v, expr])}
              options={all.filter((o) => o.value === name ||
                free.some((f) => f.name === o.value))} />
          </Item>
          <TextField id={id(`fields-${i}-expr`)} label={t('process.createRecord.expr')} code
            value={expr} problems={errs(`fields/${name}`)}
            extra={t('process.createRecord.exprHelp')}
            onChange={(v) => edit(i, [name, v])} />
          <Button type="text" danger icon={<DeleteOutlined />}
            aria-label={t('process.createRecord.remove', { field: name })}
            onClick={() => write(rows.filter((_, j) => j !== i))} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined />} disabled={free.length === 0}
        onClick={() => write(addRow(rows, free))}>{t('process.createRecord.add')}</Button>
      {free.length === 0 && props.fields.length > 0 ? (
        <Typography.Paragraph type="secondary" className="fw-hint">
          {t('process.createRecord.noneLeft')}</Typography.Paragraph>
      ) : null}
      {rows.length === 0 && errs('fields').length ? (
        <div className="ant-form-item-explain-error">
          {errs('fields').map((p) => p.message || p.code).join(' ')}</div>
      ) : null}
    </fieldset>
  );
}

/** The record-link field of the new record that gets this record's id. */
function LinkPick(props: RowsProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs, set } = useBind(props);
  const links = linkFields(props.fields);
  const options = useFieldOptions(links);
  return (
    <>
      <SelectField id={id('link_field')} label={t('process.createRecord.link')}
        value={c.link_field} options={options} problems={errs('link_field')} allowClear
        placeholder={t('process.createRecord.noLink')} onChange={(v) => set('link_field', v)} />
      <Typography.Paragraph type="secondary" className="fw-hint">
        {t(links.length ? 'process.createRecord.linkHint' : 'process.createRecord.noLinkFields')}
      </Typography.Paragraph>
    </>
  );
}

/** The fields of the chosen form, once it is read. */
function FormFields(props: NodePropertiesProps & { form: string }) {
  const { t } = useTranslation(NS);
  const content = useFormContent(props.form);
  const fields = useMemo(() => (content.form ? targetFields(content.form) : []), [content.form]);
  if (content.loading) return <Spin size="small" />;
  if (content.error || !content.form) {
    return <Alert type="warning" showIcon className="fw-mb" role="alert"
      title={t('process.createRecord.loadFailed')}
      action={<Button size="small" onClick={content.reload}>{t('common.retry')}</Button>} />;
  }
  return (
    <>
      <FieldRows {...props} fields={fields} />
      <LinkPick {...props} fields={fields} />
    </>
  );
}

/**
 * CreateRecordSettings edits a create-record step: the published form of
 * the new record, a value per field as an expression over this record, the
 * record-link field that points back, and who owns the new record.
 */
export function CreateRecordSettings(props: NodePropertiesProps) {
  const { t } = useTranslation(NS);
  const { c, id, errs } = useBind(props);
  const form = typeof c.form === 'string' ? c.form : '';
  return (
    <>
      <SelectField id={id('form')} label={t('process.createRecord.form')} value={form}
        options={props.choices.published} problems={errs('form')}
        onChange={(v) => props.onConfig(pickForm(c, v))} />
      <Typography.Paragraph type="secondary" className="fw-hint">
        {t(form ? 'process.createRecord.formHint' : 'process.createRecord.pickForm')}
      </Typography.Paragraph>
      {form ? <FormFields key={form} {...props} form={form} /> : null}
      <AssigneeFields value={(c.owner ?? {}) as Assignee} rules={OWNER_RULES}
        legend={t('process.createRecord.owner')}
        emptyLabel={t('process.createRecord.sourceOwner')} id={(m) => id(`owner-${m}`)}
        errs={(m) => errs(`owner/${m}`)}
        onChange={(v) => props.onConfig({ owner: v })} />
    </>
  );
}
