import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { DeliveriesTab } from '../deliveries/DeliveriesTab';
import { NS as DNS } from '../deliveries/locales';
import { AuditTab } from './AuditTab';
import { CalendarsTab } from './CalendarsTab';
import { NS } from './locales';
import { PluginsTab } from './PluginsTab';
import { TeamsTab } from './TeamsTab';
import { TokensTab } from './TokensTab';
import { UsersTab } from './UsersTab';

/**
 * Administration: people, teams, API tokens, plugins, calendars, the
 * delivery log and the audit log.
 */
export default function AdminPage() {
  const { t } = useTranslation();
  const { t: ta } = useTranslation(NS);
  const { t: td } = useTranslation(DNS);
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
            { key: 'teams', label: ta('tabs.teams'), children: <TeamsTab /> },
            { key: 'tokens', label: t('admin.tokens'), children: <TokensTab /> },
            { key: 'plugins', label: t('admin.plugins'), children: <PluginsTab /> },
            { key: 'calendars', label: t('admin.calendars'), children: <CalendarsTab /> },
            { key: 'deliveries', label: td('tab'), children: <DeliveriesTab /> },
            { key: 'audit', label: ta('tabs.audit'), children: <AuditTab /> },
          ]} />
      </Card>
    </>
  );
}
