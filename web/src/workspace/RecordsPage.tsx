import { Button, Card, Segmented, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageState, useApi } from '../components';
import { localText } from '../i18n';
import { recordsPath } from './api';
import type { RecordItem } from './api';
import { optionsOf } from './formModel';
import type { FormContent } from './formModel';
import { useFormContent, usePublishedForms } from './useForms';

/** A record's headline: its first text field of the layout, else its id. */
export function recordTitle(r: RecordItem, form?: FormContent): string {
  const first = form?.layout?.sections?.[0]?.fields?.find((f) => f.kind === 'text');
  const v = first ? r.data[first.name] : (r.data.company ?? r.data.customer ?? r.data.name);
  return typeof v === 'string' && v ? v : r.id;
}

/** The stage columns of the kanban: the form's stage options, then any others seen. */
export function stageColumns(form: FormContent | undefined, records: RecordItem[]) {
  const field = form?.layout?.sections.flatMap((s) => s.fields).find((f) => f.name === 'stage');
  const opts = field ? optionsOf(field, form?.schema.properties?.stage) : [];
  const cols = opts.map((o) => ({ value: o.value, label: localText(o.label) || o.value }));
  for (const r of records) {
    if (r.stage && !cols.some((c) => c.value === r.stage)) {
      cols.push({ value: r.stage, label: r.stage });
    }
  }
  return cols;
}

function Kanban({ records, form }: { records: RecordItem[]; form?: FormContent }) {
  const cols = stageColumns(form, records);
  return (
    <div className="fw-kanban" role="list">
      {cols.map((c) => {
        const inCol = records.filter((r) => r.stage === c.value);
        return (
          <section key={c.value} className="fw-kanban-col" role="listitem" aria-label={c.label}>
            <h4>{c.label} · {inCol.length}</h4>
            {inCol.map((r) => (
              <Card key={r.id} size="small" className="fw-kanban-card">
                <Link to={`/records/${encodeURIComponent(r.id)}`}>{recordTitle(r, form)}</Link>
              </Card>
            ))}
          </section>
        );
      })}
    </div>
  );
}

/** Records of one form, as a list or a kanban by stage. */
export default function RecordsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const forms = usePublishedForms();
  const key = params.get('form') ?? forms.forms?.[0]?.key;
  const view = params.get('view') === 'kanban' ? 'kanban' : 'list';
  const mine = params.get('mine') !== 'false';
  const recs = useApi<{ items: RecordItem[] }>(key
    ? recordsPath({ form: key, owner_id: mine ? 'me' : undefined }) : null);
  const content = useFormContent(key);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  const items = recs.data?.items ?? [];
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('records.title')}</Typography.Title>
        <Space wrap>
          <Select aria-label={t('records.form')} className="fw-filter" value={key}
            onChange={(v) => set('form', v)} loading={forms.loading}
            options={(forms.forms ?? []).map((f) => ({ value: f.key, label: localText(f.name) }))} />
          <Segmented value={mine ? 'mine' : 'all'} onChange={(v) => set('mine', String(v === 'mine'))}
            options={[{ value: 'mine', label: t('records.mine') },
              { value: 'all', label: t('records.all') }]} />
          <Segmented value={view} onChange={(v) => set('view', String(v))}
            options={[{ value: 'list', label: t('records.list') },
              { value: 'kanban', label: t('records.kanban') }]} />
          {key ? <Button type="primary"
            onClick={() => void navigate(`/records/new/${encodeURIComponent(key)}`)}>
            {t('records.new')}</Button> : null}
        </Space>
      </div>
      <PageState loading={forms.loading || recs.loading} error={forms.error ?? recs.error}
        onRetry={() => { forms.reload(); recs.reload(); }}
        empty={!key || items.length === 0}
        emptyText={key ? t('records.empty') : t('records.no_forms')}>
        {view === 'kanban' ? <Kanban records={items} form={content.form} /> : (
          <Card>
            <Table<RecordItem> rowKey="id" dataSource={items} pagination={{ pageSize: 20 }}
              scroll={{ x: true }} columns={[
                { title: t('records.name'), key: 'name', render: (_, r) =>
                  <Link to={`/records/${encodeURIComponent(r.id)}`}>{recordTitle(r, content.form)}</Link> },
                { title: t('records.stage'), dataIndex: 'stage', key: 'stage',
                  render: (s: string) => stageColumns(content.form, items)
                    .find((c) => c.value === s)?.label ?? s },
                { title: t('records.created'), dataIndex: 'created_at', key: 'created',
                  render: (v: string) => new Date(v).toLocaleString() },
                { title: t('records.last_activity'), dataIndex: 'last_activity_at', key: 'act',
                  render: (v: string) => new Date(v).toLocaleString() },
              ]} />
          </Card>
        )}
      </PageState>
    </>
  );
}
