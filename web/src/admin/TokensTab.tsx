import { useState } from 'react';
import { Alert, Button, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { PageState, ProblemAlert, useApi } from '../components';

interface TokenItem {
  id: string;
  name: string;
  user_id: string;
  created_at: string;
  expires_at?: string;
  revoked_at?: string;
  token?: string;
}

/** API tokens: create (the secret is shown once) and revoke. */
export function TokensTab() {
  const { t } = useTranslation();
  const tokens = useApi<{ items: TokenItem[] }>('/api/v1/tokens');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<unknown>();
  const create = async () => {
    setError(undefined);
    try {
      const tk = await api<TokenItem>('POST', '/api/v1/tokens', { name },
        { headers: { 'Idempotency-Key': `token-${name}-${Date.now()}` } });
      setSecret(tk.token ?? '');
      setName('');
      tokens.reload();
    } catch (e) {
      setError(e);
    }
  };
  const revoke = async (id: string) => {
    try {
      await api('DELETE', `/api/v1/tokens/${encodeURIComponent(id)}`);
      tokens.reload();
    } catch (e) {
      setError(e);
    }
  };
  const items = tokens.data?.items ?? [];
  return (
    <>
      <Space.Compact className="fw-mb">
        <Input placeholder={t('tokens.name')} aria-label={t('tokens.name')} value={name}
          onChange={(e) => setName(e.target.value)} />
        <Button type="primary" onClick={() => void create()}>{t('tokens.create')}</Button>
      </Space.Compact>
      {secret ? <Alert type="success" showIcon className="fw-mb" title={t('tokens.once')}
        description={<Typography.Text copyable code>{secret}</Typography.Text>} /> : null}
      <ProblemAlert error={error} />
      <PageState loading={tokens.loading} error={tokens.error} onRetry={tokens.reload}
        empty={items.length === 0} emptyText={t('tokens.empty')}>
        <Table<TokenItem> rowKey="id" dataSource={items} pagination={false} scroll={{ x: true }}
          columns={[
            { title: t('tokens.name'), dataIndex: 'name', key: 'name' },
            { title: t('tokens.created'), dataIndex: 'created_at', key: 'c',
              render: (v: string) => new Date(v).toLocaleString() },
            { title: '', key: 'state', render: (_, tk) => tk.revoked_at
              ? <Tag>{t('tokens.revoked')}</Tag>
              : <Popconfirm title={t('tokens.revoke_confirm')} onConfirm={() => void revoke(tk.id)}
                  okText={t('action.ok')} cancelText={t('action.cancel')}>
                  <Button size="small" danger>{t('tokens.revoke')}</Button>
                </Popconfirm> },
          ]} />
      </PageState>
    </>
  );
}
