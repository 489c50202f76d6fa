import { useMemo } from 'react';
import { List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { PageState } from '../components';
import { localText } from '../i18n';
import { SlaCountdown } from '../workspace/Countdown';
import { NS } from './locales';
import { useWork } from './useWork';
import { byDue, escalationReason, type Reason, type TaskDetail } from './work';

function TaskTitle({ t }: { t: TaskDetail }) {
  const title = localText(t.title) || t.node_id || t.id;
  return t.record_id
    ? <Link to={`/records/${encodeURIComponent(t.record_id)}`}>{title}</Link>
    : <span>{title}</span>;
}

/** Tasks escalated, handed or copied to me, with the reason and who from. */
export function Escalations({ names }: { names: Map<string, string> }) {
  const { t } = useTranslation(NS);
  const { me } = useAuth();
  const work = useWork(['me']);
  const rows = useMemo(() => byDue(work.tasks).flatMap((task) => {
    const reason = me ? escalationReason(task, me.id, work.records) : null;
    return reason ? [{ task, reason }] : [];
  }), [work, me]);
  const from = (task: TaskDetail, reason: Reason) => {
    const id = reason === 'handed' ? (task.handoffs ?? []).at(-1)?.by
      : work.records.get(task.record_id ?? '')?.owner_id;
    return id ? names.get(id) ?? id : '';
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('escalations.note')}</Typography.Paragraph>
      <PageState loading={work.loading} error={work.error} onRetry={work.reload}
        empty={rows.length === 0} emptyText={t('escalations.empty')}>
        <List dataSource={rows} renderItem={({ task, reason }) => (
          <List.Item data-escalation={task.id} extra={<SlaCountdown due={task.due_at ?? null} />}>
            <List.Item.Meta title={<Space wrap>
              <Tag color={reason === 'escalated' ? 'red' : 'blue'}>
                {t(`escalations.reason_${reason}`, { name: from(task, reason) })}</Tag>
              <TaskTitle t={task} />
            </Space>} />
          </List.Item>
        )} />
      </PageState>
    </>
  );
}
