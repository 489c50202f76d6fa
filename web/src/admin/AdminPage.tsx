import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { CalendarsTab } from './CalendarsTab';
import { PluginsTab } from './PluginsTab';
import { TokensTab } from './TokensTab';
import { UsersTab } from './UsersTab';

/** Administration: people, API tokens, plugins and calendars. */
export default function AdminPage() {
  const { t } = useTranslation();
  const { tab = 'users' } = useParams();
  const navigate = useNavigate();
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('admin.title')}</Typography.Title>
      </div>
      <Card>
        <Tabs activeKey={tab} onChange={(k) => void navigate(`/admin/${k}`)} destroyOnHidden
          items={[
            { key: 'users', label: t('admin.users'), children: <UsersTab /> },
            { key: 'tokens', label: t('admin.tokens'), children: <TokensTab /> },
            { key: 'plugins', label: t('admin.plugins'), children: <PluginsTab /> },
            { key: 'calendars', label: t('admin.calendars'), children: <CalendarsTab /> },
          ]} />
      </Card>
    </>
  );
}
