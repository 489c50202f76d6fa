import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { fieldErrors } from '../api/problems';
import { PageState, ProblemAlert, useApi } from '../components';
import type { UserItem } from '../workspace/api';

/** The roles a person may hold. */
export const roles = ['owner', 'admin', 'implementer', 'supervisor', 'rep', 'service', 'marketing'];

interface UserForm {
  email: string;
  name: string;
  password?: string;
  roles: string[];
  manager_id?: string;
  team?: string;
  region?: string;
}

function UserDialog({ user, users, onClose }: {
  user: UserItem | 'new' | null; users: UserItem[]; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<UserForm>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const isNew = user === 'new';
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      if (isNew) {
        await api('POST', '/api/v1/users', v,
          { headers: { 'Idempotency-Key': `user-${v.email}-${Date.now()}` } });
      } else if (user) {
        await api('PATCH', `/api/v1/users/${encodeURIComponent(user.id)}`, {
          name: v.name, roles: v.roles, manager_id: v.manager_id ?? '', team: v.team ?? '',
          region: v.region ?? '' });
      }
      onClose(true);
    } catch (e) {
      setError(e);
      form.setFields(Object.entries(fieldErrors(e, ''))
        .filter(([n]) => n !== '')
        .map(([name, errors]) => ({ name: name as keyof UserForm, errors })));
    } finally {
      setBusy(false);
    }
  };
  const initial = user && user !== 'new' ? user : { roles: ['rep'] };
  return (
    <Modal open={user !== null} title={isNew ? t('users.add') : t('users.edit')}
      onCancel={() => onClose(false)} onOk={() => void save()} confirmLoading={busy}
      okText={t('action.save')} cancelText={t('action.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} name="user" preserve={false}>
        <Form.Item name="email" label={t('auth.email')}
          rules={[{ required: true, type: 'email', message: t('auth.email_required') }]}>
          <Input disabled={!isNew} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('auth.name')}
          rules={[{ required: true, message: t('form.required') }]}>
          <Input />
        </Form.Item>
        {isNew ? (
          <Form.Item name="password" label={t('auth.password')} extra={t('auth.password_hint')}
            rules={[{ required: true, message: t('auth.password_required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
        <Form.Item name="roles" label={t('users.roles')}>
          <Select mode="multiple" options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="manager_id" label={t('users.manager')}>
          <Select allowClear showSearch optionFilterProp="label"
            options={users.filter((u) => user === 'new' || u.id !== user?.id)
              .map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="team" label={t('users.team')}><Input /></Form.Item>
        <Form.Item name="region" label={t('users.region')}><Input /></Form.Item>
        <ProblemAlert error={error} />
      </Form>
    </Modal>
  );
}

/** People of the organisation with their roles, manager and team. */
export function UsersTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const users = useApi<{ items: UserItem[] }>('/api/v1/users?limit=200');
  const [editing, setEditing] = useState<UserItem | 'new' | null>(null);
  const items = users.data?.items ?? [];
  const names = new Map(items.map((u) => [u.id, u.name]));
  return (
    <>
      <Space className="fw-mb">
        <Button type="primary" onClick={() => setEditing('new')}>{t('users.add')}</Button>
      </Space>
      <PageState loading={users.loading} error={users.error} onRetry={users.reload}
        empty={items.length === 0}>
        <Table<UserItem> rowKey="id" dataSource={items} pagination={false} scroll={{ x: true }}
          columns={[
            { title: t('auth.name'), dataIndex: 'name', key: 'name' },
            { title: t('auth.email'), dataIndex: 'email', key: 'email' },
            { title: t('users.roles'), key: 'roles', render: (_, u) => u.roles.map((r) =>
              <Tag key={r}>{t(`role.${r}`, { defaultValue: r })}</Tag>) },
            { title: t('users.manager'), key: 'manager',
              render: (_, u) => (u.manager_id ? names.get(u.manager_id) ?? u.manager_id : '') },
            { title: t('users.team'), dataIndex: 'team', key: 'team' },
            { title: '', key: 'edit', render: (_, u) =>
              <Button size="small" onClick={() => setEditing(u)}>{t('action.edit')}</Button> },
          ]} />
      </PageState>
      <UserDialog user={editing} users={items} onClose={(saved) => {
        setEditing(null);
        if (saved) {
          void message.success(t('users.saved'));
          users.reload();
        }
      }} />
    </>
  );
}
