import { Button, Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client';
import { PageState, useApi } from '../components';
import { localText } from '../i18n';
import type { Text } from '../gallery/types';

interface Notification {
  id: string;
  title?: Text;
  body?: Text;
  link?: string;
  record_id?: string;
  created_at: string;
  read_at?: string;
}

/** A link inside the app only: anything else is dropped. */
export function appLink(n: { link?: string; record_id?: string }): string | undefined {
  if (n.link && n.link.startsWith('/') && !n.link.startsWith('//')) return n.link;
  if (n.record_id) return `/records/${encodeURIComponent(n.record_id)}`;
  return undefined;
}

/** The in-app notification feed; bodies are shown as plain text. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const feed = useApi<{ items: Notification[] }>('/api/v1/notifications?limit=100');
  const read = async (id: string) => {
    await api('POST', `/api/v1/notifications/${encodeURIComponent(id)}/read`);
    feed.reload();
  };
  const items = feed.data?.items ?? [];
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('notifications.title')}</Typography.Title>
      </div>
      <Card>
        <PageState loading={feed.loading} error={feed.error} onRetry={feed.reload}
          empty={items.length === 0} emptyText={t('notifications.empty')}>
          <List dataSource={items} renderItem={(n) => {
            const link = appLink(n);
            const title = localText(n.title) || t('notifications.untitled');
            return (
              <List.Item className={n.read_at ? 'fw-read' : 'fw-unread'}
                extra={n.read_at ? null : <Button size="small" onClick={() => void read(n.id)}>
                  {t('notifications.mark_read')}</Button>}>
                <List.Item.Meta
                  title={link ? <Link to={link}>{title}</Link> : title}
                  description={<>
                    <div className="fw-pre">{localText(n.body)}</div>
                    <Typography.Text type="secondary">
                      {new Date(n.created_at).toLocaleString()}</Typography.Text>
                  </>} />
              </List.Item>
            );
          }} />
        </PageState>
      </Card>
    </>
  );
}
