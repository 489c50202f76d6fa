import { Alert, Button, Card, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { modeAdvice, type ImportJob, type ImportMode } from './imports';
import { NS } from './locales';

/** Props of RunCard. */
export interface RunCardProps {
  job: ImportJob;
  mode: ImportMode;
  onMode: (m: ImportMode) => void;
  onRun: () => void;
  disabled: boolean;
  busy: boolean;
}

/**
 * The import itself, after a check: what to do with the rows that failed
 * (refuse the file, or import the valid rows), what that will do, and
 * the button that starts it.
 */
export function RunCard({ job, mode, onMode, onRun, disabled, busy }: RunCardProps) {
  const { t } = useTranslation(NS);
  const advice = modeAdvice(job, mode);
  const failed = job.progress.rows_failed;
  return (
    <Card title={t('run.title')} className="fw-mb">
      <Typography.Paragraph strong id="import_mode_label">{t('run.mode')}</Typography.Paragraph>
      <Radio.Group aria-labelledby="import_mode_label" value={mode} disabled={disabled}
        onChange={(e) => onMode(e.target.value as ImportMode)}>
        <Space orientation="vertical">
          <Radio value="all_or_nothing">{t('run.all_or_nothing')}</Radio>
          <Radio value="valid_rows">{t('run.valid_rows')}</Radio>
        </Space>
      </Radio.Group>
      {advice !== 'all' ? (
        <Alert className="fw-mt" type={advice === 'refuse' ? 'warning' : 'info'} showIcon
          title={t(`run.${advice}`, { count: failed })} />
      ) : null}
      <div className="fw-mt">
        <Button type="primary" onClick={onRun} disabled={disabled} loading={busy}>
          {mode === 'valid_rows' ? t('run.start_valid') : t('run.start')}
        </Button>
      </div>
    </Card>
  );
}
