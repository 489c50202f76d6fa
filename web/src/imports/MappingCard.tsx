import { Alert, Button, Card, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localText } from '../i18n';
import { mappedFields, mappingProblems, missingRequired, type FieldChoice, type ImportJob,
  type Mapping, type MappingProblem } from './imports';
import { NS } from './locales';

/** Props of MappingCard. */
export interface MappingCardProps {
  job: ImportJob;
  fields: FieldChoice[];
  mapping: Mapping;
  keyField: string;
  onMapping: (m: Mapping) => void;
  onKey: (k: string) => void;
  onCheck: () => void;
  /** disabled while a pass runs or after the import. */
  disabled: boolean;
  busy: boolean;
}

function fieldLabel(f: FieldChoice | undefined, name: string): string {
  const label = localText(f?.label);
  return label && label !== name ? `${label} (${name})` : name;
}

function problemText(p: MappingProblem, t: (k: string, o?: Record<string, string>) => string,
  label: (n: string) => string): string {
  switch (p.code) {
    case 'duplicate_field':
      return t('mapping.problem.duplicate_field', { field: label(p.field),
        columns: p.columns.join(', ') });
    case 'key_not_mapped':
      return t('mapping.problem.key_not_mapped', { field: label(p.field) });
    default:
      return t(`mapping.problem.${p.code}`);
  }
}

/**
 * The column mapping: one row per column of the file with the field it
 * fills (suggested ones marked), the key field, what is wrong with the
 * mapping, and the button that checks every row.
 */
export function MappingCard(props: MappingCardProps) {
  const { job, fields, mapping, keyField, disabled, busy } = props;
  const { t } = useTranslation(NS);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const label = (n: string) => fieldLabel(byName.get(n), n);
  const options = fields.map((f) => ({ value: f.name, label: fieldLabel(f, f.name) }));
  const problems = mappingProblems(mapping, keyField);
  const missing = missingRequired(fields, mapping);

  return (
    <Card title={t('mapping.title')} className="fw-mb">
      <Typography.Paragraph type="secondary">{t('mapping.help')}</Typography.Paragraph>
      <div className="fw-import-map" role="list">
        <div className="fw-import-row fw-import-head" aria-hidden>
          <Typography.Text type="secondary">{t('col.column')}</Typography.Text>
          <Typography.Text type="secondary">{t('col.field')}</Typography.Text>
        </div>
        {job.columns.map((column, i) => (
          <div className="fw-import-row" role="listitem" key={column} data-column={column}>
            <label htmlFor={`import_col_${i}`} className="fw-import-column">
              <Typography.Text strong>{column}</Typography.Text></label>
            <div className="fw-import-field">
              <Select id={`import_col_${i}`} className="fw-import-select" allowClear showSearch
                optionFilterProp="label" placeholder={t('mapping.skip')}
                value={mapping[column] || undefined} options={options} disabled={disabled}
                onChange={(v?: string) => props.onMapping({ ...mapping, [column]: v ?? '' })} />
              {mapping[column] && job.suggested_mapping[column] === mapping[column] ? (
                <Tag>{t('mapping.suggested')}</Tag>) : null}
            </div>
          </div>
        ))}
      </div>
      <div className="fw-mt">
        <label htmlFor="import_key"><Typography.Text strong>{t('mapping.key')}</Typography.Text>
        </label>
        <Typography.Paragraph type="secondary">{t('mapping.key_help')}</Typography.Paragraph>
        <Select id="import_key" className="fw-import-select" value={keyField || undefined}
          disabled={disabled} onChange={props.onKey}
          options={[...new Set(mappedFields(mapping))].map((f) => ({ value: f,
            label: label(f) }))} />
      </div>
      {problems.length ? (
        <Alert className="fw-mt" type="warning" showIcon role="alert" title={
          <ul className="fw-problem-list">{problems.map((p) => (
            <li key={`${p.code}-${'field' in p ? p.field : ''}`}>
              {problemText(p, (k, o) => t(k, o), label)}</li>
          ))}</ul>} />
      ) : null}
      {missing.length && !problems.length ? (
        <Alert className="fw-mt" type="info" showIcon title={t('mapping.missing_required',
          { fields: missing.map(label).join(', ') })} />
      ) : null}
      <Button className="fw-mt" type={job.status === 'uploaded' ? 'primary' : 'default'}
        onClick={props.onCheck} disabled={disabled || problems.length > 0} loading={busy}>
        {busy ? t('mapping.checking') : t('mapping.check')}
      </Button>
    </Card>
  );
}
