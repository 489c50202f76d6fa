import { useEffect, useState } from 'react';
import { Badge, Button, Drawer, Layout, Menu, Select, Space, Typography } from 'antd';
import { BellOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { hasRole, useAuth } from '../auth/AuthContext';
import type { Me } from '../auth/AuthContext';
import { PageState } from '../components';
import { currentLanguage, setLanguage } from '../i18n';
import type { Language } from '../i18n';

const { Header, Sider, Content } = Layout;

interface NavItem {
  key: string;
  roles: string[];
}

// Who sees which entry; owners see everything.
const nav: NavItem[] = [
  { key: '/welcome', roles: ['admin'] },
  { key: '/inbox', roles: [] },
  { key: '/records', roles: [] },
  { key: '/supervisor', roles: ['supervisor', 'admin'] },
  { key: '/service', roles: ['service', 'supervisor', 'admin'] },
  { key: '/dashboards', roles: ['supervisor', 'admin', 'implementer', 'marketing'] },
  { key: '/gallery', roles: ['admin', 'implementer'] },
  { key: '/apps', roles: ['admin', 'implementer'] },
  { key: '/design', roles: ['admin', 'implementer'] },
  // Imports need WriteDefinitions on the server: owners, admins, implementers.
  { key: '/imports', roles: ['admin', 'implementer'] },
  { key: '/admin', roles: ['admin'] },
];

/** The navigation entries me may use. */
export function navFor(me: Me | null): string[] {
  return nav.filter((n) => n.roles.length === 0 || hasRole(me, ...n.roles)).map((n) => n.key);
}

function useUnread(enabled: boolean, path: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const load = () =>
      api<{ items: unknown[] }>('GET', '/api/v1/notifications?unread=true&limit=100').then(
        (p) => live && setCount(p.items?.length ?? 0),
        () => undefined,
      );
    void load();
    const timer = setInterval(load, 30000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [enabled, path]);
  return count;
}

/** The language switch of the header. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Select<Language>
      aria-label={t('nav.language')}
      size="small"
      value={currentLanguage()}
      onChange={(v) => void setLanguage(v)}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      className="fw-lang"
    />
  );
}

/** The signed-in frame: header, navigation, the routed page. */
export function Shell() {
  const { t } = useTranslation();
  const { me, loading, error, refresh, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [drawer, setDrawer] = useState(false);
  const unread = useUnread(!!me, location.pathname);

  if (loading || error) return <PageState loading={loading} error={error} onRetry={refresh} />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  const selected = '/' + (location.pathname.split('/')[1] ?? '');
  const items = navFor(me).map((key) => ({ key, label: t(`nav.${key.slice(1)}`) }));
  const go = ({ key }: { key: string }) => {
    setDrawer(false);
    void navigate(key);
  };
  const menu = (
    <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={go} />
  );

  return (
    <Layout className="fw-shell">
      <Header className="fw-header">
        <Space>
          <Button
            className="fw-menu-button"
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('nav.menu')}
            onClick={() => setDrawer(true)}
          />
          <Typography.Text strong className="fw-brand">
            Formwork
          </Typography.Text>
        </Space>
        <Space size="small">
          <Badge count={unread} size="small" overflowCount={99}>
            <Button
              type="text"
              icon={<BellOutlined />}
              aria-label={t('nav.notifications_count', { count: unread })}
              onClick={() => void navigate('/notifications')}
            />
          </Badge>
          <LanguageSwitch />
          <span className="fw-user" title={me.name}>{me.name}</span>
          <Button
            type="text"
            icon={<LogoutOutlined />}
            aria-label={t('nav.logout')}
            onClick={() => void logout().then(() => navigate('/login'))}
          />
        </Space>
      </Header>
      <Layout>
        <Sider className="fw-sider" width={200} theme="light" breakpoint="md" collapsedWidth={0}
          trigger={null}>
          {menu}
        </Sider>
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={240}
          title="Formwork">
          {menu}
        </Drawer>
        <Content className="fw-content">
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
