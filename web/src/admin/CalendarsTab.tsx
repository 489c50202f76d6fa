import { Button, List, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageState, useApi } from '../components';
import { localText } from '../i18n';
import type { DefinitionItem } from '../workspace/api';
import { NS } from './locales';

/** The business calendars of the organisation, each with a way to edit it. */
export function CalendarsTab() {
  const { t } = useTranslation();
  const { t: ta } = useTranslation(NS);
  const navigate = useNavigate();
  const cals = useApi<{ items: DefinitionItem[] }>('/api/v1/calendars');
  const items = cals.data?.items ?? [];
  return (
    <>
      <Space className="fw-mb">
        <Button type="primary" onClick={() => void navigate('/admin/calendars/new')}>
          {ta('calendars.add')}</Button>
      </Space>
      <PageState loading={cals.loading} error={cals.error} onRetry={cals.reload}
        empty={items.length === 0} emptyText={t('calendars.empty')}>
        <List dataSource={items} renderItem={(c) => (
          <List.Item actions={[<Link key="edit" to={`/admin/calendars/${encodeURIComponent(c.id)}`}
            aria-label={`${ta('calendars.edit')}: ${localText(c.name) || c.key}`}>
            {ta('calendars.edit')}</Link>]}
            extra={<Tag color={c.published_version ? 'green' : 'default'}>
              {c.published_version ? t('design.published', { version: c.published_version })
                : t('design.draft')}</Tag>}>
            <List.Item.Meta title={localText(c.name) || c.key} description={c.key} />
          </List.Item>
        )} />
      </PageState>
    </>
  );
}
