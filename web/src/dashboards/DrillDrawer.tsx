import { Drawer, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { query } from '../api/client';
import { PageState, useApi } from '../components';
import { NS } from './locales';
import type { DashboardFilters, Group, RecordItem } from './types';

/** DrillTarget is the figure whose records are shown. */
export interface DrillTarget {
  metric: string;
  name: string;
  group: Group | null;
}

/** DRILL_LIMIT is how many records a drill-down shows. */
export const DRILL_LIMIT = 50;

/**
 * drillPath builds the records query of a figure: the dashboard's filters,
 * narrowed to the group's own dimension values.
 */
export function drillPath(target: DrillTarget, f: DashboardFilters): string {
  const params: Record<string, string> = { from: f.from, to: f.to, ...f.dims,
    ...(target.group?.keys ?? {}), limit: String(DRILL_LIMIT) };
  return `/api/v1/metrics/${encodeURIComponent(target.metric)}/records${query(params)}`;
}

function summary(data: Record<string, unknown>): string {
  return Object.entries(data ?? {})
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .slice(0, 4).map(([k, v]) => `${k}: ${String(v)}`).join(' · ');
}

/** DrillDrawer lists the records behind a figure, as text. */
export function DrillDrawer({ target, filters, onClose }: { target: DrillTarget | null;
  filters: DashboardFilters; onClose: () => void }) {
  const { t, i18n } = useTranslation(NS);
  const rec = useApi<{ items: RecordItem[] }>(target ? drillPath(target, filters) : null);
  const users = useApi<{ items: { id: string; name: string }[] }>(target ? '/api/v1/users' : null);
  const names = new Map((users.data?.items ?? []).map((u) => [u.id, u.name]));
  const items = rec.data?.items ?? [];
  return (
    <Drawer open={target !== null} onClose={onClose} size="large"
      title={t('drill.title', { name: target?.name ?? '' })}>
      <PageState loading={rec.loading} error={rec.error} onRetry={rec.reload}
        empty={items.length === 0} emptyText={t('drill.empty')}>
        <Table size="small" rowKey="id" dataSource={items} scroll={{ x: true }}
          pagination={items.length > 20 ? { pageSize: 20 } : false}
          columns={[
            { key: 'id', title: t('drill.id'), render: (_, r) => (
              <Link to={`/records/${encodeURIComponent(r.id)}`}>{r.id.slice(-8)}</Link>) },
            { key: 'owner', title: t('drill.owner'), render: (_, r) =>
              names.get(r.owner_id) ?? r.owner_id },
            { key: 'stage', title: t('drill.stage'), dataIndex: 'stage' },
            { key: 'created', title: t('drill.created'), render: (_, r) =>
              new Date(r.created_at).toLocaleString(i18n.language) },
            { key: 'data', title: t('drill.data'), render: (_, r) => (
              <Typography.Text className="fw-drill-data">{summary(r.data)}</Typography.Text>) },
          ]} />
      </PageState>
    </Drawer>
  );
}
