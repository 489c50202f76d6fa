import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { PageState } from '../components';
import { downloadIssues, issueChunk } from './importApi';
import type { ImportIssue, ImportJob } from './imports';
import { NS } from './locales';

/** The loaded chunks of a report. */
interface Chunks {
  items: ImportIssue[];
  next: number;
  loading: boolean;
  error: unknown;
}

/** useIssues loads the report of job's latest pass, a chunk at a time. */
function useIssues(job: ImportJob) {
  const [s, setS] = useState<Chunks>({ items: [], next: 0, loading: true, error: undefined });
  const load = (n: number, live: () => boolean) => {
    setS((x) => ({ ...x, loading: true, error: undefined }));
    issueChunk(job.id, n).then((c) => live() && setS((x) => ({
      items: [...(n ? x.items : []), ...(c.items ?? [])], next: c.next_chunk, loading: false,
      error: undefined })), (e: unknown) => live() && setS((x) => ({ ...x, loading: false,
      error: e })));
  };
  // A new pass (its end moves updated_at) has a new report.
  useEffect(() => {
    let live = true;
    load(0, () => live);
    return () => { live = false; };
  }, [job.id, job.updated_at]);
  return { ...s, more: () => load(s.next, () => true), reload: () => load(0, () => true) };
}

/**
 * The per-row report of the latest check or run: a clean bill, or the
 * problems row by row (text only, never HTML), with downloads of the whole
 * report as CSV or Excel.
 */
export function ReportCard({ job }: { job: ImportJob }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const issues = useIssues(job);
  const download = (f: 'csv' | 'xlsx') => downloadIssues(job.id, f)
    .catch(() => void message.error(t('report.download_failed')));
  const title = job.mode ? t('report.title_run') : t('report.title');
  if (job.issues === 0) {
    return (
      <Card title={title} className="fw-mb">
        <Alert type="success" showIcon title={t('report.clean')} />
      </Card>
    );
  }

  const rows = issues.items.map((i, n) => ({ ...i, key: n }));
  const columns: ColumnsType<ImportIssue> = [
    { title: t('col.row'), dataIndex: 'row', width: 72 },
    { title: t('col.column'), key: 'column', render: (_: unknown, i) => i.column || i.field ||
      '—' },
    { title: t('col.problem'), dataIndex: 'message' },
  ];
  return (
    <Card title={title} className="fw-mb" data-report>
      <Alert className="fw-mb" type="warning" showIcon
        title={t('report.issues', { count: job.issues })} />
      <Space wrap className="fw-mb">
        <Button size="small" onClick={() => void download('csv')}>{t('report.download_csv')}
        </Button>
        <Button size="small" onClick={() => void download('xlsx')}>{t('report.download_xlsx')}
        </Button>
      </Space>
      <PageState loading={issues.loading && issues.items.length === 0} error={issues.error}
        onRetry={issues.reload}>
        <Table size="small" columns={columns} dataSource={rows} pagination={false}
          scroll={{ x: true }} />
        {issues.next >= 0 && issues.items.length ? (
          <Button className="fw-mt" loading={issues.loading} onClick={issues.more}>
            {t('report.more')}</Button>
        ) : null}
      </PageState>
    </Card>
  );
}
