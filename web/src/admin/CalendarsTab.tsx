import { List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageState, useApi } from '../components';
import { localText } from '../i18n';
import type { DefinitionItem } from '../workspace/api';

/** The business calendars of the organisation. */
export function CalendarsTab() {
  const { t } = useTranslation();
  const cals = useApi<{ items: DefinitionItem[] }>('/api/v1/calendars');
  const items = cals.data?.items ?? [];
  return (
    <PageState loading={cals.loading} error={cals.error} onRetry={cals.reload}
      empty={items.length === 0} emptyText={t('calendars.empty')}>
      <List dataSource={items} renderItem={(c) => (
        <List.Item extra={<Tag color={c.published_version ? 'green' : 'default'}>
          {c.published_version ? t('design.published', { version: c.published_version })
            : t('design.draft')}</Tag>}>
          <List.Item.Meta title={localText(c.name) || c.key} description={c.key} />
        </List.Item>
      )} />
    </PageState>
  );
}
