import { useMemo } from 'react';
import { List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../auth/AuthContext';
import { PageState } from '../components';
import { localText } from '../i18n';
import { SlaCountdown } from '../workspace/Countdown';
import { NS } from './locales';
import { useWork, type Work } from './useWork';
import { byDue, escalationReason, originOf, type Reason,
  type TaskDetail } from './work';

/** One row of the list: a task, why it reached me, and where it came from. */
interface Row {
  task: TaskDetail;
  reason: Reason;
  origin: ReturnType<typeof originOf>;
}

function TaskTitle({ t }: { t: TaskDetail }) {
  const title = localText(t.title) || t.node_id || t.id;
  return t.record_id
    ? <Link to={`/records/${encodeURIComponent(t.record_id)}`}>{title}</Link>
    : <span>{title}</span>;
}

/** The rows of work, soonest due first. */
function rowsOf(work: Work, me: string): Row[] {
  return byDue(work.tasks).flatMap((task) => {
    const reason = escalationReason(task, me);
    return reason ? [{ task, reason, origin: originOf(task, work.byId, work.records) }] : [];
  });
}

/** Why a row reached me, as tags: the escalation level and who from, or the hand-over. */
function ReasonTags({ row, names }: { row: Row; names: Map<string, string> }) {
  const { t } = useTranslation(NS);
  const { task, reason, origin } = row;
  const name = (id?: string) => (id ? names.get(id) ?? id : '');
  if (reason === 'escalated') {
    return (
      <>
        <Tag color="red">{t('escalations.level', { count: task.escalation_level })}</Tag>
        {origin.from ? <Tag>{t('escalations.from', { name: name(origin.from) })}</Tag> : null}
      </>
    );
  }
  const by = reason === 'handed' ? (task.handoffs ?? []).at(-1)?.by : origin.from;
  return (
    <Tag color="blue">
      {t(`escalations.reason_${reason}`, { name: name(by) })}</Tag>
  );
}

/** A link to the record of the task this one was escalated from, when it is another. */
function OriginLink({ row }: { row: Row }) {
  const { t } = useTranslation(NS);
  const { recordId, task } = row.origin;
  if (!task || !recordId) return null;
  return (
    <Link to={`/records/${encodeURIComponent(recordId)}`} data-origin={task.id}>
      {t('escalations.original', { title: localText(task.title) || task.node_id || task.id })}
    </Link>
  );
}

/**
 * Tasks escalated, handed or copied to me, with the escalation level and
 * who from, and a link to the original task's record.
 */
export function Escalations({ names }: { names: Map<string, string> }) {
  const { t } = useTranslation(NS);
  const { me } = useAuth();
  const work = useWork(['me'], true);
  const rows = useMemo(() => (me ? rowsOf(work, me.id) : []), [work, me]);
  return (
    <>
      <Typography.Paragraph type="secondary">{t('escalations.note')}</Typography.Paragraph>
      <PageState loading={work.loading} error={work.error} onRetry={work.reload}
        empty={rows.length === 0} emptyText={t('escalations.empty')}>
        <List dataSource={rows} renderItem={(row) => (
          <List.Item data-escalation={row.task.id}
            extra={<SlaCountdown due={row.task.due_at ?? null} />}>
            <List.Item.Meta title={<Space wrap>
              <ReasonTags row={row} names={names} />
              <TaskTitle t={row.task} />
            </Space>} description={<OriginLink row={row} />} />
          </List.Item>
        )} />
      </PageState>
    </>
  );
}
