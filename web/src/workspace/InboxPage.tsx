import { useMemo, useState } from 'react';
import { Button, Card, List, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { query } from '../api/client';
import { PageState, useApi } from '../components';
import { localText } from '../i18n';
import type { InboxItem } from './api';
import { SlaCountdown } from './Countdown';

type Scope = 'open' | 'overdue' | 'done';

/** Ids of the tasks the server counts as overdue. */
export function useOverdue(assignee: string): Set<string> {
  const od = useApi<{ items: InboxItem[] }>(
    '/api/v1/tasks' + query({ assignee, status: 'overdue', limit: 100 }));
  return useMemo(() => new Set((od.data?.items ?? []).map((i) => i.id)), [od.data]);
}

/** A list of tasks with SLA countdowns; shared by the rep and team inboxes. */
export function TaskList({ items, overdue, names }: {
  items: InboxItem[]; overdue: Set<string>; names?: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <List dataSource={items} renderItem={(it) => (
      <List.Item data-task={it.id} extra={<SlaCountdown due={it.due_at}
        overdue={overdue.has(it.id)} />}>
        <List.Item.Meta
          title={it.record_id
            ? <Link to={`/records/${encodeURIComponent(it.record_id)}`}>{localText(it.title)}</Link>
            : localText(it.title)}
          description={<Space size="small" wrap>
            <span>{t(`task.kind_${it.kind}`, { defaultValue: it.kind })}</span>
            {names ? <span>{names.get(it.assignee_id) ?? it.assignee_id}</span> : null}
            <span>{t(`task.status_${it.status}`, { defaultValue: it.status })}</span>
          </Space>} />
      </List.Item>
    )} />
  );
}

/** The rep's task inbox: open, overdue and done tasks with SLA countdowns. */
export default function InboxPage() {
  const { t } = useTranslation();
  const [scope, setScope] = useState<Scope>('open');
  const tasks = useApi<{ items: InboxItem[] }>(
    '/api/v1/tasks' + query({ assignee: 'me', status: scope, limit: 100 }));
  const overdue = useOverdue('me');
  const items = [...(tasks.data?.items ?? [])].sort((a, b) =>
    (a.due_at ?? '9').localeCompare(b.due_at ?? '9'));
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('inbox.title')}</Typography.Title>
        <Space wrap>
          <Segmented<Scope> value={scope} onChange={setScope} options={[
            { value: 'open', label: t('inbox.open') },
            { value: 'overdue', label: t('inbox.overdue') },
            { value: 'done', label: t('inbox.done') }]} />
          <Button onClick={tasks.reload}>{t('action.refresh')}</Button>
        </Space>
      </div>
      <Card>
        <PageState loading={tasks.loading} error={tasks.error} onRetry={tasks.reload}
          empty={items.length === 0} emptyText={t('inbox.empty')}>
          <TaskList items={items} overdue={overdue} />
        </PageState>
      </Card>
    </>
  );
}
