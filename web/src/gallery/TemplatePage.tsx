import { useState } from 'react';
import { App, Alert, Button, Card, Checkbox, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { PageState, ProblemAlert, useApi } from '../components';
import { localText } from '../i18n';
import type { Installation, PackItem, TemplatePreview } from './types';

function ItemList({ title, items }: { title: string; items: PackItem[] }) {
  if (items.length === 0) return null;
  return (
    <Card size="small" title={title}>
      <List size="small" dataSource={items} renderItem={(it) => (
        <List.Item>
          <List.Item.Meta title={localText(it.name)} description={localText(it.description)} />
        </List.Item>
      )} />
    </Card>
  );
}

/** One pack: what it brings and needs, and the install button. */
export default function TemplatePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const pv = useApi<TemplatePreview>(`/api/v1/templates/${encodeURIComponent(id)}`);
  const [samples, setSamples] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<Installation>();

  const install = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await api<Installation>('POST',
        `/api/v1/templates/${encodeURIComponent(id)}/install`, { sample_data: samples },
        { headers: { 'Idempotency-Key': `install-${id}-${Date.now()}` } });
      setDone(res);
      void message.success(t('gallery.installed'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const p = pv.data;
  return (
    <PageState loading={pv.loading} error={pv.error} onRetry={pv.reload}>
      {p ? (
        <Space orientation="vertical" size="middle" className="fw-block">
          <div className="fw-page-title">
            <Typography.Title level={2}>{localText(p.name)}</Typography.Title>
            <Link to="/gallery">{t('gallery.back')}</Link>
          </div>
          <Typography.Paragraph>{localText(p.description)}</Typography.Paragraph>
          <Space size={[4, 4]} wrap>
            {p.capabilities.map((c) => <Tag key={c}>{c}</Tag>)}
          </Space>
          <div className="fw-grid">
            <ItemList title={t('gallery.forms')} items={p.forms} />
            <ItemList title={t('gallery.processes')} items={p.processes} />
            <ItemList title={t('gallery.dashboards')} items={p.dashboards} />
            <ItemList title={t('gallery.calendars')} items={p.calendars} />
          </div>
          {p.requires.channels.length + p.requires.roles.length > 0 ? (
            <Alert type="info" showIcon title={t('gallery.requires', {
              list: [...p.requires.channels, ...p.requires.roles].join(', ') })} />
          ) : null}
          <ProblemAlert error={error} />
          {done ? (
            <Card title={t('gallery.installed')}>
              {done.needs.map((n) => (
                <Alert key={n.kind + n.key} type="warning" showIcon title={n.message}
                  className="fw-mb" />
              ))}
              <Space wrap>
                <Button type="primary" onClick={() => void navigate('/apps')}>
                  {t('gallery.see_apps')}
                </Button>
                <Button onClick={() => void navigate('/admin/users')}>
                  {t('guide.open_users')}
                </Button>
              </Space>
            </Card>
          ) : (
            <Space wrap>
              {p.sample_records > 0 ? (
                <Checkbox checked={samples} onChange={(e) => setSamples(e.target.checked)}>
                  {t('gallery.samples', { count: p.sample_records })}
                </Checkbox>
              ) : null}
              <Button type="primary" loading={busy} onClick={() => void install()}>
                {t('gallery.install')}
              </Button>
            </Space>
          )}
        </Space>
      ) : null}
    </PageState>
  );
}
