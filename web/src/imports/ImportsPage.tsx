import { useState } from 'react';
import { App, Button, Card, Form, Input, List, Popconfirm, Select, Space, Tag, Typography,
  Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageState, ProblemAlert } from '../components';
import { localText } from '../i18n';
import { usePublishedForms } from '../workspace/useForms';
import { uploadImport } from './importApi';
import { canDelete, type ImportJob } from './imports';
import { NS } from './locales';
import { useImportList } from './useImportList';
import './imports.css';

/** The encodings a CSV file may be read as; detection is the default. */
const encodings = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'];

/** statusColor is the tag colour of an import's status. */
export function statusColor(status: string): string {
  switch (status) {
    case 'imported': return 'green';
    case 'checked': return 'blue';
    case 'checking':
    case 'importing': return 'processing';
    case 'refused':
    case 'failed': return 'red';
    default: return 'default';
  }
}

/** An import's status as a coloured, localised tag. */
export function ImportStatus({ status }: { status: string }) {
  const { t } = useTranslation(NS);
  return <Tag color={statusColor(status)}>{t(`status.${status}`, { defaultValue: status })}</Tag>;
}

/** The upload form: the form to import into, the file and how to read it. */
function UploadCard({ onUploaded }: { onUploaded: (j: ImportJob) => void }) {
  const { t } = useTranslation(NS);
  const [params] = useSearchParams();
  const forms = usePublishedForms();
  const [form, setForm] = useState(params.get('form') ?? undefined);
  const [file, setFile] = useState<File>();
  const [encoding, setEncoding] = useState<string>();
  const [sheet, setSheet] = useState('');
  const [percent, setPercent] = useState<number>();
  const [error, setError] = useState<unknown>();
  const [hint, setHint] = useState('');

  const send = () => {
    if (!form) return setHint(t('upload.no_form'));
    if (!file) return setHint(t('upload.no_file'));
    setHint('');
    setError(undefined);
    setPercent(0);
    uploadImport(file, form, { encoding, sheet: sheet.trim() || undefined,
      onProgress: setPercent }).then(onUploaded, (e: unknown) => {
      setError(e);
      setPercent(undefined);
    });
  };

  const options = (forms.forms ?? []).map((f) => ({ value: f.key,
    label: `${localText(f.name) || f.key} (${f.key})` }));
  return (
    <Card title={t('new')} className="fw-mb">
      <PageState loading={forms.loading} error={forms.error} onRetry={forms.reload}
        empty={options.length === 0} emptyText={t('upload.no_forms')}>
        <Form layout="vertical" onFinish={send} className="fw-import-upload">
          <Form.Item label={t('upload.form')} htmlFor="import_form">
            <Select id="import_form" showSearch optionFilterProp="label" value={form}
              placeholder={t('upload.form_placeholder')} options={options} onChange={setForm} />
          </Form.Item>
          <Form.Item label={t('upload.file')}>
            <Upload.Dragger accept=".csv,.xlsx,text/csv" maxCount={1} multiple={false}
              beforeUpload={(f) => { setFile(f); return false; }}
              onRemove={() => setFile(undefined)}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}>
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{t('upload.drop')}</p>
              <p className="ant-upload-hint">{t('upload.hint')}</p>
            </Upload.Dragger>
          </Form.Item>
          <Space wrap>
            <Form.Item label={t('upload.encoding')} htmlFor="import_encoding">
              <Select id="import_encoding" className="fw-filter" allowClear value={encoding}
                placeholder={t('upload.encoding_auto')} onChange={setEncoding}
                options={encodings.map((e) => ({ value: e, label: e.toUpperCase() }))} />
            </Form.Item>
            <Form.Item label={t('upload.sheet')} htmlFor="import_sheet">
              <Input id="import_sheet" className="fw-filter" value={sheet}
                placeholder={t('upload.sheet_placeholder')}
                onChange={(e) => setSheet(e.target.value)} />
            </Form.Item>
          </Space>
          {hint ? <Typography.Paragraph type="danger" role="alert">{hint}</Typography.Paragraph>
            : null}
          {error ? <div className="fw-mb"><ProblemAlert error={error} /></div> : null}
          <div>
            <Button type="primary" htmlType="submit" loading={percent !== undefined}>
              {percent !== undefined ? t('upload.sending', { percent }) : t('upload.send')}
            </Button>
          </div>
        </Form>
      </PageState>
    </Card>
  );
}

/** The remembered imports with their status, newest first. */
function JobList({ jobs, onDelete }: { jobs: ImportJob[];
  onDelete: (id: string) => Promise<void> }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const del = (id: string) => onDelete(id).then(() => void message.success(t('deleted')),
    (e: unknown) => void message.error(e instanceof Error ? e.message : String(e)));
  return (
    <List dataSource={jobs} rowKey="id" renderItem={(j) => (
      <List.Item data-import={j.id} actions={[
        <Link key="open" to={`/imports/${encodeURIComponent(j.id)}`}>{t('open')}</Link>,
        canDelete(j.status) ? (
          <Popconfirm key="delete" title={t('delete_title')} description={t('delete_body')}
            onConfirm={() => del(j.id)} okText={t('delete')}>
            <Button type="link" danger size="small">{t('delete')}</Button>
          </Popconfirm>
        ) : null,
      ]}>
        <List.Item.Meta
          title={<Space wrap><Link to={`/imports/${encodeURIComponent(j.id)}`}>
            {j.file_name}</Link><ImportStatus status={j.status} /></Space>}
          description={`${t('col.form')}: ${j.form} · ${t('col.rows')}: ${j.progress.rows_read}` +
            ` · ${new Date(j.created_at).toLocaleString()}`} />
      </List.Item>
    )} />
  );
}

/** Data import: upload a file into a form, and the imports started here. */
export default function ImportsPage() {
  const { t } = useTranslation(NS);
  const navigate = useNavigate();
  const list = useImportList();
  const uploaded = (j: ImportJob) => {
    list.add(j);
    void navigate(`/imports/${encodeURIComponent(j.id)}`);
  };
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('title')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <UploadCard onUploaded={uploaded} />
      <Card title={t('list_title')} extra={<Typography.Text type="secondary">
        {t('list_note')}</Typography.Text>}>
        <PageState loading={list.loading} error={list.error} onRetry={list.reload}
          empty={list.jobs.length === 0} emptyText={t('empty')}>
          <JobList jobs={list.jobs} onDelete={list.remove} />
        </PageState>
      </Card>
    </>
  );
}
