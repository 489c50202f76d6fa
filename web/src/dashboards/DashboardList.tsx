import { Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { PageState, useApi } from '../components';
import type { Definition } from '../designer/shared/definitions';
import { pickText } from '../designer/shared/text';
import './dashboards.css';
import { NS } from './locales';

/** DashboardList lists the tenant's dashboards at /dashboards. */
export default function DashboardList() {
  const { t, i18n } = useTranslation(NS);
  const list = useApi<{ items: Definition<unknown>[] }>('/api/v1/dashboards');
  const items = list.data?.items ?? [];
  return (
    <div>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('list.title')}</Typography.Title>
      </div>
      <PageState loading={list.loading} error={list.error} onRetry={list.reload}
        empty={items.length === 0} emptyText={t('list.empty')}>
        <ul className="fw-grid fw-dashboard-list">
          {items.map((d) => (
            <li key={d.id}>
              <Card size="small" title={<Link to={`/dashboards/${encodeURIComponent(d.id)}`}>
                {pickText(d.name, i18n.language, d.key)}</Link>}
                extra={d.published_version > 0
                  ? <Tag color="green">{t('list.version', { version: d.published_version })}</Tag>
                  : <Tag>{t('list.notPublished')}</Tag>}>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
                  {pickText(d.description, i18n.language)}
                </Typography.Paragraph>
                <Link to={`/dashboards/${encodeURIComponent(d.id)}`}>{t('list.open')}</Link>
              </Card>
            </li>
          ))}
        </ul>
      </PageState>
    </div>
  );
}
