import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, DatePicker, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';

import { query } from '../api/client';
import { hasRole, useAuth } from '../auth/AuthContext';
import { PageState, useApi } from '../components';
import type { Definition } from '../designer/shared/definitions';
import { pickText } from '../designer/shared/text';
import { BaselineDialog } from './BaselineDialog';
import { dashboardEditors } from './baselines';
import './dashboards.css';
import { DrillDrawer, type DrillTarget } from './DrillDrawer';
import { NS } from './locales';
import { groupLabel, gridSpans } from './options';
import type { DashboardContent, DashboardData, DashboardFilters, Group, WidgetData,
  WidgetDef } from './types';
import { WidgetCard } from './WidgetCard';

interface UserItem {
  id: string;
  name: string;
}

/** RESERVED are the query parameters that are not dimension filters. */
const RESERVED = new Set(['from', 'to']);

/** filtersOf reads the dashboard's filters from the page's query string. */
export function filtersOf(params: URLSearchParams): DashboardFilters {
  const dims: Record<string, string> = {};
  params.forEach((v, k) => {
    if (!RESERVED.has(k) && v) dims[k] = v;
  });
  return { from: params.get('from') ?? '', to: params.get('to') ?? '', dims };
}

/** lastDay is the last day a period ending at to (exclusive) includes. */
export function lastDay(to: string): string {
  const d = dayjs(to);
  return d.isValid() ? d.subtract(1, 'day').format('YYYY-MM-DD') : to;
}

/** The definition of widget id as the baseline editor edits it: the draft's, else published. */
function editedWidget(def: Definition<DashboardContent>, id: string): WidgetDef | null {
  return (def.draft ?? def.published)?.widgets.find((w) => w.id === id) ?? null;
}

/** DashboardPage shows one dashboard at /dashboards/:id, with filters and drill-down. */
export default function DashboardPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(NS);
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const def = useApi<Definition<DashboardContent>>(`/api/v1/dashboards/${encodeURIComponent(id)}`);
  const dataPath = `/api/v1/dashboards/${encodeURIComponent(id)}/data` +
    query({ from: filters.from, to: filters.to, ...filters.dims });
  const data = useApi<DashboardData>(def.data ? dataPath : null);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const { me } = useAuth();
  const [editing, setEditing] = useState<WidgetData | null>(null);
  const [published, setPublished] = useState(0);

  const content = def.data?.published ?? def.data?.draft;
  const widgets = data.data?.widgets ?? [];
  const spans = gridSpans(widgets.map((w) => ({ chart: w.chart,
    span: content?.widgets.find((x) => x.id === w.id)?.span })));
  const onDrill = (w: WidgetData, g: Group | null) => {
    if (!w.metric) return;
    const wd = content?.widgets.find((x) => x.id === w.id);
    const name = pickText(w.title, i18n.language, w.id) +
      (g ? ` · ${groupLabel(g, wd?.group_by)}` : '');
    setDrill({ metric: w.metric, name, group: g });
  };
  const setFilter = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <PageState loading={def.loading} error={def.error} onRetry={def.reload}
      empty={!def.data} emptyText={t('page.notFound')}>
      <div className="fw-dashboard">
        <div className="fw-page-title">
          <Space orientation="vertical" size={0}>
            <Link to="/dashboards">{t('page.back')}</Link>
            <Typography.Title level={2}>
              {pickText(def.data?.name, i18n.language, def.data?.key)}
            </Typography.Title>
            {data.data ? (
              <Typography.Text type="secondary">
                {t('page.period', { from: data.data.from, to: lastDay(data.data.to) })}
              </Typography.Text>
            ) : null}
          </Space>
          <Button icon={<ReloadOutlined />} onClick={data.reload} loading={data.loading}>
            {t('page.refresh')}
          </Button>
        </div>
        {published ? <Alert type="success" showIcon closable className="fw-mb" role="status"
          title={t('baselines.published', { version: published })} /> : null}
        <FilterBar dims={content?.filters ?? []} filters={filters} widgets={widgets}
          onRange={(from, to) => {
            const next = new URLSearchParams(params);
            for (const [k, v] of [['from', from], ['to', to]] as const) {
              if (v) next.set(k, v);
              else next.delete(k);
            }
            setParams(next, { replace: true });
          }} onDim={setFilter} />
        <PageState loading={data.loading && !data.data} error={data.error} onRetry={data.reload}
          empty={data.data !== undefined && widgets.length === 0} emptyText={t('page.empty')}>
          <Row gutter={[16, 16]}>
            {widgets.map((w, i) => (
              <Col key={w.id} xs={24} md={spans[i] >= 2 ? 24 : 12} lg={spans[i] * 6}>
                <WidgetCard data={w} def={content?.widgets.find((x) => x.id === w.id)}
                  onDrill={onDrill} onEditBaselines={hasRole(me, ...dashboardEditors)
                    ? (x) => { setPublished(0); setEditing(x); } : undefined} />
              </Col>
            ))}
          </Row>
        </PageState>
        <DrillDrawer target={drill} filters={filters} onClose={() => setDrill(null)} />
        {def.data ? (
          <BaselineDialog def={def.data} stages={editing?.stages ?? []}
            widget={editing ? editedWidget(def.data, editing.id) : null}
            onClose={() => setEditing(null)} onReload={def.reload}
            onPublished={(v) => {
              setEditing(null);
              setPublished(v);
              def.reload();
              data.reload();
            }} />
        ) : null}
      </div>
    </PageState>
  );
}

interface FilterBarProps {
  dims: string[];
  filters: DashboardFilters;
  widgets: WidgetData[];
  onRange: (from: string, to: string) => void;
  onDim: (dim: string, value: string | undefined) => void;
}

/**
 * FilterBar sets the date range (the API's "to" is exclusive, the picker
 * shows the last day included) and the dashboard's dimension filters,
 * offering the values the figures have shown so far.
 */
function FilterBar({ dims, filters, widgets, onRange, onDim }: FilterBarProps) {
  const { t } = useTranslation(NS);
  const users = useApi<{ items: UserItem[] }>(dims.includes('owner') ? '/api/v1/users' : null);
  const seen = useRef<Record<string, Map<string, string>>>({});
  for (const w of widgets) {
    for (const g of w.groups ?? []) {
      for (const [d, v] of Object.entries(g.keys)) {
        (seen.current[d] ??= new Map()).set(v, g.labels?.[d] || v);
      }
    }
  }
  for (const u of users.data?.items ?? []) (seen.current.owner ??= new Map()).set(u.id, u.name);
  const range: [Dayjs, Dayjs] | null = filters.from && filters.to
    ? [dayjs(filters.from), dayjs(filters.to).subtract(1, 'day')] : null;
  return (
    <section className="fw-filters" aria-label={t('page.filters')}>
      <DatePicker.RangePicker aria-label={t('page.range')} value={range}
        placeholder={[t('page.from'), t('page.to')]}
        onChange={(v) => onRange(v?.[0]?.format('YYYY-MM-DD') ?? '',
          v?.[1] ? v[1].add(1, 'day').format('YYYY-MM-DD') : '')} />
      {dims.map((d) => {
        const known = seen.current[d] ?? new Map<string, string>();
        const value = filters.dims[d];
        if (value && !known.has(value)) known.set(value, value);
        return (
          <Select key={d} aria-label={t(`dims.${d}`, { defaultValue: d })} allowClear showSearch
            optionFilterProp="label" className="fw-filter-select" value={value}
            placeholder={`${t(`dims.${d}`, { defaultValue: d })}: ${t('page.all')}`}
            options={[...known].map(([v, label]) => ({ value: v, label }))}
            onChange={(v?: string) => onDim(d, v)} />
        );
      })}
    </section>
  );
}
