import { Alert, Card, Col, Progress, Row, Spin, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { percentOf, running, tallies, type ImportJob } from './imports';
import { NS } from './locales';

/**
 * A pass's progress: the share of the file read (or a spinner while it is
 * not known), and the rows read, valid and failed and, for an import,
 * created, merged and unchanged; live while the pass runs.
 */
export function ProgressCard({ job }: { job: ImportJob }) {
  const { t } = useTranslation(NS);
  const percent = percentOf(job);
  const live = running(job.status);
  return (
    <Card title={t('progress.label')} className="fw-mb" data-progress={job.status}>
      <div aria-live="polite" role="status">
        {percent === undefined ? (
          <Typography.Paragraph><Spin size="small" /> {t('progress.unknown')}
          </Typography.Paragraph>
        ) : (
          <Progress percent={percent} status={live ? 'active' : statusOf(job.status)}
            aria-label={t('progress.label')} />
        )}
        <Row gutter={[16, 16]} className="fw-mt">
          {tallies(job).map((x) => (
            <Col key={x.key} xs={8} sm={4}>
              <Statistic title={t(`progress.${x.key}`)} value={x.value} />
            </Col>
          ))}
        </Row>
      </div>
      {live ? <Typography.Paragraph type="secondary" className="fw-mt">
        {t('run.resumes')}</Typography.Paragraph> : null}
      {job.error ? (
        <Alert className="fw-mt" type="error" showIcon role="alert" title={t('error_title')}
          description={job.error.message} />
      ) : null}
    </Card>
  );
}

function statusOf(status: string): 'success' | 'exception' | 'normal' {
  if (status === 'imported' || status === 'checked') return 'success';
  if (status === 'refused' || status === 'failed') return 'exception';
  return 'normal';
}
