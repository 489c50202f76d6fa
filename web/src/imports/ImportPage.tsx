import { useEffect, useMemo, useState } from 'react';
import { Button, Result, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageState, ProblemAlert } from '../components';
import { useFormContent } from '../workspace/useForms';
import { checkImport, runImport } from './importApi';
import { canStart, fieldChoices, initialKey, initialMapping, runBody, running, stepOf,
  type ImportJob, type ImportMode, type Mapping } from './imports';
import { ImportStatus } from './ImportsPage';
import { NS } from './locales';
import { MappingCard } from './MappingCard';
import { ProgressCard } from './ProgressCard';
import { ReportCard } from './ReportCard';
import { RunCard } from './RunCard';
import { useImportJob } from './useImportJob';
import './imports.css';

/** The steps of an import, highlighted at the job's. */
function ImportSteps({ job }: { job: ImportJob }) {
  const { t } = useTranslation(NS);
  const failed = job.status === 'refused' || job.status === 'failed';
  return (
    <Steps className="fw-mb" size="small" current={stepOf(job)}
      status={failed ? 'error' : running(job.status) ? 'process' : undefined}
      items={[{ title: t('steps.map') }, { title: t('steps.check') }, { title: t('steps.run') },
        { title: t('steps.done') }]} />
  );
}

/** The end of an import: its counts and the way to its records. */
function Done({ job }: { job: ImportJob }) {
  const { t } = useTranslation(NS);
  const p = job.progress;
  return (
    <Result status="success" title={t('done.title')} data-done
      subTitle={t('done.body', { count: p.rows_imported, created: p.created,
        merged: p.merged, unchanged: p.unchanged })}
      extra={<Link to={`/records?form=${encodeURIComponent(job.form)}`}>
        <Button type="primary">{t('done.records')}</Button></Link>} />
  );
}

/** The mapping, key and mode being edited, started from the job's own. */
function useDraft(job: ImportJob | undefined) {
  const [mapping, setMapping] = useState<Mapping>({});
  const [key, setKey] = useState('');
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const id = job?.id;
  useEffect(() => {
    if (!job) return;
    const m = initialMapping(job);
    setMapping(m);
    setKey(initialKey(job, m));
    if (job.mode === 'valid_rows') setMode('valid_rows');
    // Only a new import resets the draft, not each poll of the same one.
  }, [id]);
  return { mapping, setMapping, key, setKey, mode, setMode };
}

/** One import: map the columns, check the rows, read the report, import, follow it. */
export default function ImportPage() {
  const { t } = useTranslation(NS);
  const { id = '' } = useParams();
  const followed = useImportJob(id);
  const { job } = followed;
  const draft = useDraft(job);
  const form = useFormContent(job?.form);
  const fields = useMemo(() => (form.form ? fieldChoices(form.form) : []), [form.form]);
  const [busy, setBusy] = useState<'check' | 'run'>();
  const [error, setError] = useState<unknown>();

  const start = (what: 'check' | 'run') => {
    if (!job) return;
    setBusy(what);
    setError(undefined);
    const body = runBody(job.columns, draft.mapping, draft.key,
      what === 'run' ? draft.mode : undefined);
    (what === 'run' ? runImport : checkImport)(job.id, body).then(followed.replace, setError)
      .finally(() => setBusy(undefined));
  };

  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('title')}</Typography.Title>
        <Link to="/imports">{t('back')}</Link>
      </div>
      <PageState loading={followed.loading || form.loading} error={followed.error ?? form.error}
        onRetry={followed.reload}>
        {job ? <Job job={job} fields={fields} draft={draft} busy={busy} error={error}
          onStart={start} /> : null}
      </PageState>
    </>
  );
}

/** Props of Job. */
interface JobProps {
  job: ImportJob;
  fields: ReturnType<typeof fieldChoices>;
  draft: ReturnType<typeof useDraft>;
  busy?: 'check' | 'run';
  error: unknown;
  onStart: (what: 'check' | 'run') => void;
}

/** The cards of one import, as its status calls for them. */
function Job({ job, fields, draft, busy, error, onStart }: JobProps) {
  const locked = !canStart(job.status) || busy !== undefined;
  const checked = job.status === 'checked' || job.status === 'refused' ||
    job.status === 'failed';
  const passed = job.status !== 'uploaded' && job.status !== 'receiving';
  return (
    <>
      <Space wrap className="fw-mb">
        <Typography.Text strong>{job.file_name}</Typography.Text>
        <ImportStatus status={job.status} />
        <Typography.Text type="secondary">{job.form}</Typography.Text>
      </Space>
      <ImportSteps job={job} />
      {error ? <div className="fw-mb"><ProblemAlert error={error} /></div> : null}
      {job.status === 'imported' ? <Done job={job} /> : null}
      {passed ? <ProgressCard job={job} /> : null}
      {passed && !running(job.status) ? <ReportCard job={job} /> : null}
      {checked ? <RunCard job={job} mode={draft.mode} onMode={draft.setMode}
        onRun={() => onStart('run')} disabled={locked} busy={busy === 'run'} /> : null}
      {job.status !== 'imported' ? (
        <MappingCard job={job} fields={fields} mapping={draft.mapping} keyField={draft.key}
          onMapping={draft.setMapping} onKey={draft.setKey} onCheck={() => onStart('check')}
          disabled={locked} busy={busy === 'check'} />
      ) : null}
    </>
  );
}
