import { Alert, Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { ProblemAlert, useApi } from '../components';
import { channelsOf, type IncidentList } from './deliveries';
import { NS } from './locales';

/**
 * The delivery incidents (messages that gave up after every retry) as a
 * banner listing each one; nothing while there are none, and nothing for
 * people the server does not show incidents to.
 */
export function Incidents({ onChannel }: { onChannel: (channel: string) => void }) {
  const { t } = useTranslation(NS);
  const list = useApi<IncidentList>('/api/v1/incidents?limit=50');
  if (list.error instanceof ApiProblem && list.error.status === 403) return null;
  if (list.error) return <ProblemAlert error={list.error} />;
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert type="error" showIcon className="fw-mb" role="region"
      aria-label={t('incidents.title')} title={t('incidents.title')}
      description={
        <>
          <div className="fw-mb">{t('incidents.banner', { count: items.length })}</div>
          <Space wrap className="fw-mb">
            {channelsOf(items).map((c) => (
              <Button key={c} size="small" onClick={() => onChannel(c)}>
                {t('incidents.show',
                  { channel: t(`channel.${c}`, { defaultValue: c }) })}</Button>
            ))}
          </Space>
          <ul className="fw-problem-list">
            {items.map((i) => (
              <li key={i.id} data-incident={i.id}>
                <Space wrap>
                  <span>{t(`channel.${i.channel}`, { defaultValue: i.channel })}</span>
                  <span className="fw-muted">{new Date(i.created_at).toLocaleString()}</span>
                  <span className="fw-muted">{t('attempts', { count: i.attempts })}</span></Space>
                <div>{t('incidents.reason')}: {i.reason}</div>
                <Typography.Text type="secondary">
                  {t('incidents.message')}: {i.message_id}</Typography.Text>
              </li>
            ))}
          </ul>
        </>
      } />
  );
}
