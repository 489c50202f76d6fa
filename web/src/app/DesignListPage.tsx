import { Card, List, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageState, useApi } from '../components';
import { localText } from '../i18n';
import type { DefinitionItem } from '../workspace/api';

/**
 * The definitions at path, linking to their designer at to; importable
 * ones (published forms) also link to the data import.
 */
function Definitions({ path, to, importable = false }: { path: string; to: string;
  importable?: boolean }) {
  const { t } = useTranslation();
  const defs = useApi<{ items: DefinitionItem[] }>(path);
  const items = defs.data?.items ?? [];
  return (
    <PageState loading={defs.loading} error={defs.error} onRetry={defs.reload}
      empty={items.length === 0} emptyText={t('design.empty')}>
      <List dataSource={items} renderItem={(d) => (
        <List.Item extra={<Tag color={d.published_version ? 'green' : 'default'}>
          {d.published_version ? t('design.published', { version: d.published_version })
            : t('design.draft')}</Tag>}
          actions={importable && d.published_version ? [
            <Link key="import" to={`/imports?form=${encodeURIComponent(d.key)}`}>
              {t('design.import')}</Link>] : undefined}>
          <List.Item.Meta
            title={<Link to={`${to}/${encodeURIComponent(d.id)}`}>{localText(d.name) || d.key}</Link>}
            description={d.key} />
        </List.Item>
      )} />
    </PageState>
  );
}

/** The implementer's list of forms and processes, linking to the designers. */
export default function DesignListPage() {
  const { t } = useTranslation();
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('design.title')}</Typography.Title>
      </div>
      <Card>
        <Tabs items={[
          { key: 'forms', label: t('design.forms'),
            children: <Definitions path="/api/v1/forms" to="/design/forms" importable /> },
          { key: 'processes', label: t('design.processes'),
            children: <Definitions path="/api/v1/processes" to="/design/processes" /> },
        ]} />
      </Card>
    </>
  );
}
