import { useMemo } from 'react';
import { List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageState } from '../components';
import { localText } from '../i18n';
import type { RecordItem } from '../workspace/api';
import { SlaCountdown } from '../workspace/Countdown';
import { NS } from './locales';
import { useWork } from './useWork';
import { byDue, isCoaching, repOf, type TaskDetail } from './work';

function Why({ task, rec }: { task: TaskDetail; rec?: RecordItem }) {
  const { t } = useTranslation(NS);
  const subject = rec ? String(rec.data.company ?? rec.data.customer ?? '') : '';
  const why = [localText(task.title), subject].filter(Boolean).join(' · ');
  return (
    <Space orientation="vertical" size={0}>
      <span>{t('coaching.why', { why })}</span>
      {rec?.stage ? <span className="fw-muted">{t('coaching.stage', { stage: rec.stage })}</span>
        : null}
      {rec?.last_activity_at ? <span className="fw-muted">{t('coaching.silent',
        { at: new Date(rec.last_activity_at).toLocaleString() })}</span> : null}
    </Space>
  );
}

/** Coaching tasks of me and my team, each with the rep it is about and why. */
export function Coaching({ names }: { names: Map<string, string> }) {
  const { t } = useTranslation(NS);
  const work = useWork(['me', 'team']);
  const rows = useMemo(() => byDue(work.tasks.filter(isCoaching)), [work.tasks]);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('coaching.note')}</Typography.Paragraph>
      <PageState loading={work.loading} error={work.error} onRetry={work.reload}
        empty={rows.length === 0} emptyText={t('coaching.empty')}>
        <List dataSource={rows} renderItem={(task) => {
          const rep = repOf(task, work.records);
          const rec = work.records.get(task.record_id ?? '');
          return (
            <List.Item data-coaching={task.id} extra={<SlaCountdown due={task.due_at ?? null} />}>
              <List.Item.Meta
                title={task.record_id
                  ? <Link to={`/records/${encodeURIComponent(task.record_id)}`}>
                    {t('coaching.rep', { name: names.get(rep) ?? rep })}</Link>
                  : <span>{t('coaching.rep', { name: names.get(rep) ?? rep })}</span>}
                description={<Why task={task} rec={rec} />} />
            </List.Item>
          );
        }} />
      </PageState>
    </>
  );
}
