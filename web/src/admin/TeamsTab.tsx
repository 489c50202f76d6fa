import { useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Empty, Form, List, Modal, Select, Space, Tag,
  Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { fieldErrors } from '../api/problems';
import { PageState, ProblemAlert, useApi } from '../components';
import type { UserItem } from '../workspace/api';
import { NS } from './locales';
import { deriveTeams, makesCycle, teamNames, type Team } from './teams';

interface Placement {
  team?: string;
  manager_id?: string;
}

function PlacementDialog({ user, users, onClose }: {
  user: UserItem | null; users: UserItem[]; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation(NS);
  const [form] = Form.useForm<Placement>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!user) return;
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await api('PATCH', `/api/v1/users/${encodeURIComponent(user.id)}`,
        { team: (v.team ?? '').trim(), manager_id: v.manager_id ?? '' });
      onClose(true);
    } catch (e) {
      setError(e);
      form.setFields(Object.entries(fieldErrors(e, ''))
        .filter(([n]) => n === 'team' || n === 'manager_id')
        .map(([name, errors]) => ({ name: name as keyof Placement, errors })));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={user !== null} title={t('teams.edit_title', { name: user?.name ?? '' })}
      onCancel={() => onClose(false)} onOk={() => void save()} confirmLoading={busy}
      okText={t('common:action.save')} cancelText={t('common:action.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" name="placement" preserve={false}
        initialValues={{ team: user?.team ?? '', manager_id: user?.manager_id || undefined }}>
        <Form.Item name="team" label={t('teams.team')}>
          <AutoComplete options={teamNames(users).map((n) => ({ value: n }))}
            filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
        </Form.Item>
        <Form.Item name="manager_id" label={t('teams.manager')} rules={[{
          validator: async (_, v?: string) => {
            if (user && v && makesCycle(users, user.id, v)) {
              throw new Error(t('teams.cycle', { name: user.name }));
            }
          } }]}>
          <Select allowClear showSearch optionFilterProp="label"
            options={users.filter((u) => u.id !== user?.id && !u.disabled)
              .map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <ProblemAlert error={error} />
      </Form>
    </Modal>
  );
}

function TeamCard({ team, names, onEdit }: {
  team: Team; names: Map<string, string>; onEdit: (u: UserItem) => void }) {
  const { t } = useTranslation(NS);
  const sup = team.supervisorId ? names.get(team.supervisorId) ?? team.supervisorId : '';
  return (
    <Card size="small" data-team={team.name}
      title={<Typography.Text strong>{team.name || t('teams.no_team')}</Typography.Text>}
      extra={<Tag>{t('teams.members', { count: team.members.length })}</Tag>}>
      {team.name ? (
        <div className="fw-mb">
          <span className="fw-muted">{t('teams.supervisor')}: </span>
          <span>{sup || t('teams.no_supervisor')}</span>
        </div>
      ) : null}
      <List size="small" dataSource={team.members} renderItem={(u) => (
        <List.Item actions={[<Button key="edit" size="small" onClick={() => onEdit(u)}
          aria-label={`${t('teams.edit')}: ${u.name}`}>{t('teams.edit')}</Button>]}>
          <List.Item.Meta title={u.name} description={u.manager_id
            ? `${t('teams.manager')}: ${names.get(u.manager_id) ?? u.manager_id}` : undefined} />
        </List.Item>
      )} />
    </Card>
  );
}

/** Teams derived from people's team and manager, with a way to move people. */
export function TeamsTab() {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const users = useApi<{ items: UserItem[] }>('/api/v1/users?limit=200');
  const [editing, setEditing] = useState<UserItem | null>(null);
  const items = useMemo(() => users.data?.items ?? [], [users.data]);
  const teams = useMemo(() => deriveTeams(items), [items]);
  const names = useMemo(() => new Map(items.map((u) => [u.id, u.name])), [items]);
  return (
    <>
      <Alert type="info" showIcon className="fw-mb" title={t('teams.calendar_note')} />
      <PageState loading={users.loading} error={users.error} onRetry={users.reload}
        empty={items.length === 0} emptyText={t('teams.empty')}>
        {teams.some((tm) => tm.name) ? null
          : <Empty className="fw-mb" description={t('teams.empty')} />}
        <Space orientation="vertical" className="fw-block">
          {teams.map((tm) => (
            <TeamCard key={tm.name || '-'} team={tm} names={names} onEdit={setEditing} />
          ))}
        </Space>
      </PageState>
      <PlacementDialog user={editing} users={items} onClose={(saved) => {
        setEditing(null);
        if (saved) {
          void message.success(t('teams.saved'));
          users.reload();
        }
      }} />
    </>
  );
}
