import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, DatePicker, Empty, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, ApiProblem } from '../api/client';
import { PageState, useApi } from '../components';
import type { UserItem } from '../workspace/api';
import { actionKey, auditActions, auditObjectKinds, auditPath, auditPrefixes,
  type AuditEntry, type AuditFilter, type AuditPage } from './audit';
import { NS } from './locales';

interface Pages {
  items: AuditEntry[];
  next: string;
  loading: boolean;
  error: unknown;
}

/** Loads the entries matching filter, a page at a time. */
function useAudit(filter: AuditFilter) {
  const [state, setState] = useState<Pages>({ items: [], next: '', loading: true,
    error: undefined });
  const [tick, setTick] = useState(0);
  const load = useCallback((cursor: string, live: () => boolean) => {
    setState((s) => ({ ...s, loading: true, error: undefined }));
    api<AuditPage>('GET', auditPath(filter, cursor)).then((p) => {
      if (!live()) return;
      setState((s) => ({ items: [...(cursor ? s.items : []), ...(p.items ?? [])],
        next: p.next_cursor ?? '', loading: false, error: undefined }));
    }, (e: unknown) => live() && setState((s) => ({ ...s, loading: false, error: e })));
  }, [filter]);
  useEffect(() => {
    let live = true;
    load('', () => live);
    return () => { live = false; };
  }, [load, tick]);
  return { ...state, more: () => load(state.next, () => true),
    reload: () => setTick((n) => n + 1) };
}

function Filters({ filter, onChange, users }: {
  filter: AuditFilter; onChange: (f: AuditFilter) => void; users: UserItem[] }) {
  const { t } = useTranslation(NS);
  const set = (k: keyof AuditFilter) => (v?: string) =>
    onChange({ ...filter, [k]: v || undefined });
  const range = (v: [Dayjs | null, Dayjs | null] | null) => onChange({ ...filter,
    since: v?.[0]?.startOf('day').toISOString(), until: v?.[1]?.endOf('day').toISOString() });
  return (
    <Space wrap className="fw-mb" aria-label={t('audit.filters')}>
      <Select className="fw-filter" allowClear showSearch optionFilterProp="label"
        aria-label={t('audit.action')} placeholder={t('audit.any_action')} value={filter.action}
        onChange={set('action')} options={[...auditPrefixes, ...auditActions]
          .map((a) => ({ value: a, label: t(actionKey(a)) }))} />
      <Select className="fw-filter" allowClear showSearch optionFilterProp="label"
        aria-label={t('audit.actor')} placeholder={t('audit.any_actor')} value={filter.actor_id}
        onChange={set('actor_id')} options={users.map((u) => ({ value: u.id, label: u.name }))} />
      <Select className="fw-filter" allowClear aria-label={t('audit.object')}
        placeholder={t('audit.any_object')} value={filter.object_kind}
        onChange={set('object_kind')} options={auditObjectKinds.map((k) => ({ value: k,
          label: t(`object.${k}`) }))} />
      <Select className="fw-filter" allowClear aria-label={t('audit.outcome')}
        placeholder={t('audit.all')} value={filter.outcome} onChange={set('outcome')}
        options={['ok', 'denied'].map((o) => ({ value: o, label: t(`audit.outcome_${o}`) }))} />
      <DatePicker.RangePicker aria-label={t('audit.range')} onChange={range} />
    </Space>
  );
}

/** The audit log: who did what, newest first, with filters and paging. */
export function AuditTab() {
  const { t } = useTranslation(NS);
  const [filter, setFilter] = useState<AuditFilter>({});
  const users = useApi<{ items: UserItem[] }>('/api/v1/users?limit=200');
  const log = useAudit(filter);
  const columns = useMemo(() => [
    { title: t('audit.at'), key: 'at', render: (_: unknown, e: AuditEntry) =>
      new Date(e.at).toLocaleString() },
    { title: t('audit.actor'), key: 'actor', render: (_: unknown, e: AuditEntry) =>
      e.actor_name || e.actor_id },
    { title: t('audit.action'), key: 'action', render: (_: unknown, e: AuditEntry) =>
      t(actionKey(e.action), { defaultValue: e.action }) },
    { title: t('audit.object'), key: 'object', render: (_: unknown, e: AuditEntry) =>
      [e.object_kind ? t(`object.${e.object_kind}`, { defaultValue: e.object_kind }) : '',
        e.object_id].filter(Boolean).join(' ') },
    { title: t('audit.summary'), dataIndex: 'summary', key: 'summary' },
    { title: t('audit.outcome'), key: 'outcome', render: (_: unknown, e: AuditEntry) =>
      <Tag color={e.outcome === 'denied' ? 'red' : 'green'}>
        {t(`audit.outcome_${e.outcome}`, { defaultValue: e.outcome })}</Tag> },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip' },
  ], [t]);
  if (log.error instanceof ApiProblem && log.error.status === 404) {
    return <Empty description={t('audit.unavailable')} />;
  }
  const first = log.items.length === 0;
  return (
    <>
      <Filters filter={filter} onChange={setFilter} users={users.data?.items ?? []} />
      <PageState loading={first && log.loading} error={log.error} onRetry={log.reload}
        empty={first} emptyText={t('audit.empty')}>
        <Table<AuditEntry> rowKey="id" dataSource={log.items} pagination={false}
          scroll={{ x: true }} size="small" columns={columns} />
        {log.next ? (
          <Button className="fw-mt" loading={log.loading} onClick={log.more}>
            {t('audit.more')}</Button>
        ) : null}
      </PageState>
    </>
  );
}
