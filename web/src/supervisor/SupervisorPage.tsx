import { useMemo, useState } from 'react';
import { Button, Card, List, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { query } from '../api/client';
import type { BreachView } from '../api/types';
import { PageState, useApi } from '../components';
import { localText } from '../i18n';
import type { InboxItem, UserItem } from '../workspace/api';
import { SlaCountdown } from '../workspace/Countdown';
import { TaskList, useOverdue } from '../workspace/InboxPage';
import { Coaching } from './Coaching';
import { Escalations } from './Escalations';
import { NS } from './locales';

/** One piece of work about to breach its deadline. */
export type Breach = BreachView;

function useNames(): Map<string, string> {
  const users = useApi<{ items: UserItem[] }>('/api/v1/users?limit=200');
  return useMemo(() => new Map((users.data?.items ?? []).map((u) => [u.id, u.name])),
    [users.data]);
}

function BreachList({ names }: { names: Map<string, string> }) {
  const { t } = useTranslation();
  const team = useApi<{ items: InboxItem[] }>(
    '/api/v1/tasks' + query({ assignee: 'team', status: 'open', limit: 100 }));
  const titles = useMemo(() => new Map((team.data?.items ?? []).map((i) =>
    [i.id, localText(i.title)])), [team.data]);
  const [within, setWithin] = useState('4h');
  const b = useApi<{ items: Breach[] | null }>(
    '/api/v1/tasks/about-to-breach' + query({ within }));
  const items = b.data?.items ?? [];
  return (
    <>
      <Space wrap className="fw-mb">
        <span id="fw-within">{t('supervisor.within')}</span>
        <Segmented aria-labelledby="fw-within" value={within}
          onChange={(v) => setWithin(String(v))} options={['1h', '4h', '24h', '48h']} />
        <Button onClick={b.reload}>{t('action.refresh')}</Button>
      </Space>
      <PageState loading={b.loading} error={b.error} onRetry={b.reload}
        empty={items.length === 0} emptyText={t('supervisor.no_breach')}>
        <List dataSource={items} renderItem={(it) => (
          <List.Item data-breach={it.id} extra={<SlaCountdown due={it.due_at} />}>
            <List.Item.Meta
              title={<Space wrap>
                <Tag color={it.kind === 'task' ? 'orange' : 'purple'}>
                  {t(`supervisor.kind_${it.kind}`, { defaultValue: it.kind })}</Tag>
                {it.record_id
                  ? <Link to={`/records/${encodeURIComponent(it.record_id)}`}>
                    {titles.get(it.id) || it.node}</Link>
                  : <span>{titles.get(it.id) || it.node}</span>}
              </Space>}
              description={names.get(it.person_id) ?? it.person_id} />
          </List.Item>
        )} />
      </PageState>
    </>
  );
}

function TeamInbox({ names }: { names: Map<string, string> }) {
  const { t } = useTranslation();
  const tasks = useApi<{ items: InboxItem[] }>(
    '/api/v1/tasks' + query({ assignee: 'team', status: 'open', limit: 100 }));
  const overdue = useOverdue('team');
  const items = [...(tasks.data?.items ?? [])].sort((a, b) =>
    (a.due_at ?? '9').localeCompare(b.due_at ?? '9'));
  return (
    <PageState loading={tasks.loading} error={tasks.error} onRetry={tasks.reload}
      empty={items.length === 0} emptyText={t('inbox.empty')}>
      <TaskList items={items} overdue={overdue} names={names} />
    </PageState>
  );
}

/**
 * The supervisor's view: who is about to breach, the team's inbox, what was
 * escalated to me and whom to coach.
 */
export default function SupervisorPage() {
  const { t } = useTranslation();
  const { t: ts } = useTranslation(NS);
  const names = useNames();
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('supervisor.title')}</Typography.Title>
      </div>
      <Card>
        <Tabs destroyOnHidden items={[
          { key: 'breach', label: t('supervisor.breach'), children: <BreachList names={names} /> },
          { key: 'team', label: t('supervisor.team'), children: <TeamInbox names={names} /> },
          { key: 'escalations', label: ts('tabs.escalations'),
            children: <Escalations names={names} /> },
          { key: 'coaching', label: ts('tabs.coaching'), children: <Coaching names={names} /> },
        ]} />
      </Card>
    </>
  );
}
