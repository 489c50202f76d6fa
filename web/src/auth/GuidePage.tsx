import { Button, Card, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../components';
import { useAuth } from './AuthContext';

/** First-run guide: install a pack, invite a rep, open the inbox. */
export default function GuidePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const apps = useApi<{ items: unknown[] }>('/api/v1/apps');
  const users = useApi<{ items: unknown[] }>('/api/v1/users');
  const installed = (apps.data?.items?.length ?? 0) > 0;
  const invited = (users.data?.items?.length ?? 0) > 1;
  const current = !installed ? 0 : !invited ? 1 : 2;
  return (
    <Card>
      <Typography.Title level={3}>{t('guide.title', { name: me?.name ?? '' })}</Typography.Title>
      <Typography.Paragraph>{t('guide.intro')}</Typography.Paragraph>
      <Steps
        orientation="vertical"
        current={current}
        items={[
          {
            title: t('guide.step_pack'),
            content: (
              <Button type={current === 0 ? 'primary' : 'default'}
                onClick={() => void navigate('/gallery')}>
                {t('guide.open_gallery')}
              </Button>
            ),
          },
          {
            title: t('guide.step_invite'),
            content: (
              <Button type={current === 1 ? 'primary' : 'default'}
                onClick={() => void navigate('/admin/users')}>
                {t('guide.open_users')}
              </Button>
            ),
          },
          {
            title: t('guide.step_work'),
            content: (
              <Button onClick={() => void navigate('/inbox')}>{t('guide.open_inbox')}</Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
