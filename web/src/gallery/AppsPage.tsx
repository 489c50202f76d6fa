import { Card, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageState, useApi } from '../components';
import { localText } from '../i18n';
import type { InstalledApp } from './types';

/** The apps installed in the organisation. */
export default function AppsPage() {
  const { t } = useTranslation();
  const apps = useApi<{ items: InstalledApp[] }>('/api/v1/apps');
  const items = apps.data?.items ?? [];
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('apps.title')}</Typography.Title>
        <Link to="/gallery">{t('apps.add')}</Link>
      </div>
      <PageState loading={apps.loading} error={apps.error} onRetry={apps.reload}
        empty={items.length === 0} emptyText={t('apps.empty')}>
        <Card>
          <List dataSource={items} renderItem={(a) => (
            <List.Item extra={<Tag color={a.status === 'installed' ? 'green' : 'orange'}>
              {t(`apps.status_${a.status}`, { defaultValue: a.status })}</Tag>}>
              <List.Item.Meta title={localText(a.name)}
                description={t('apps.summary', { version: a.pack_version,
                  count: a.definitions?.length ?? 0,
                  at: new Date(a.installed_at).toLocaleString() })} />
            </List.Item>
          )} />
        </Card>
      </PageState>
    </>
  );
}
