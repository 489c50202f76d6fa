import { useState } from 'react';
import { App, Button, Card, Input, List, Modal, Space, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { PageState, ProblemAlert, useApi } from '../components';
import { FormRenderer } from '../workspace/FormRenderer';
import { cleanData } from '../workspace/formModel';
import type { FormContent, FormData } from '../workspace/formModel';
import { useSubmit } from '../workspace/useSubmit';

interface PluginInfo {
  name: string;
  kind: string;
  channel?: string;
  version: string;
  settings_schema: FormContent['schema'];
}

interface Instance {
  id: string;
  key: string;
  plugin: string;
  channel?: string;
  name: string;
  enabled: boolean;
  settings: FormData;
}

function SettingsDialog({ plugin, onClose }: {
  plugin: PluginInfo | null; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [data, setData] = useState<FormData>({});
  const submit = useSubmit(() => api('POST',
    `/api/v1/plugins/${encodeURIComponent(plugin?.name ?? '')}/instances`,
    { key: key || plugin?.channel || plugin?.name, name, enabled, settings: cleanData(data) }), 'settings');
  const errors = submit.errors;
  const save = async () => {
    if ((await submit.run()) !== undefined) onClose(true);
  };
  return (
    <Modal open={plugin !== null} title={t('plugins.configure', { name: plugin?.name ?? '' })}
      onCancel={() => onClose(false)} onOk={() => void save()} confirmLoading={submit.busy}
      okText={t('action.save')} cancelText={t('action.cancel')} destroyOnHidden>
      {plugin ? (
        <Space orientation="vertical" className="fw-block">
          <Input addonBefore={t('plugins.key')} value={key} placeholder={plugin.channel ?? plugin.name}
            onChange={(e) => setKey(e.target.value)} />
          <Input addonBefore={t('plugins.name')} value={name} onChange={(e) => setName(e.target.value)} />
          <Space><Switch checked={enabled} onChange={setEnabled} aria-label={t('plugins.enabled')} />
            {t('plugins.enabled')}</Space>
          <FormRenderer form={{ schema: plugin.settings_schema }} value={data} onChange={setData}
            errors={errors} />
          {submit.error ? <ProblemAlert error={submit.error} /> : null}
        </Space>
      ) : null}
    </Modal>
  );
}

/**
 * The plugins compiled into the server and the organisation's configured
 * instances; each plugin's settings form comes from its JSON Schema.
 */
export function PluginsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const plugins = useApi<{ items: PluginInfo[] }>('/api/v1/plugins');
  const instances = useApi<{ items: Instance[] }>('/api/v1/plugins/instances');
  const [open, setOpen] = useState<PluginInfo | null>(null);
  const test = async (id: string) => {
    try {
      await api('POST', `/api/v1/plugins/instances/${encodeURIComponent(id)}/test`);
      void message.success(t('plugins.test_ok'));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <PageState loading={plugins.loading || instances.loading}
      error={plugins.error ?? instances.error}
      onRetry={() => { plugins.reload(); instances.reload(); }}>
      <Card size="small" title={t('plugins.instances')} className="fw-mb">
        <List dataSource={instances.data?.items ?? []}
          locale={{ emptyText: t('plugins.no_instances') }}
          renderItem={(it) => (
            <List.Item extra={<Button size="small" onClick={() => void test(it.id)}>
              {t('plugins.test')}</Button>}>
              <List.Item.Meta title={<Space>{it.name || it.key}
                <Tag color={it.enabled ? 'green' : 'default'}>
                  {it.enabled ? t('plugins.on') : t('plugins.off')}</Tag></Space>}
                description={<Typography.Text type="secondary">{it.plugin}</Typography.Text>} />
            </List.Item>
          )} />
      </Card>
      <Card size="small" title={t('plugins.available')}>
        <List dataSource={plugins.data?.items ?? []} renderItem={(p) => (
          <List.Item extra={<Button size="small" onClick={() => setOpen(p)}>
            {t('plugins.add')}</Button>}>
            <List.Item.Meta title={p.name}
              description={`${t(`plugins.kind_${p.kind}`, { defaultValue: p.kind })} · ${p.version}`} />
          </List.Item>
        )} />
      </Card>
      <SettingsDialog plugin={open} onClose={(saved) => {
        setOpen(null);
        if (saved) instances.reload();
      }} />
    </PageState>
  );
}
