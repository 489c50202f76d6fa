import { useEffect, useState } from 'react';
import { Button, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasRole, useAuth } from '../auth/AuthContext';
import { PageState } from '../components';
import { channelsOf, deliveryStatuses, retryRoles, type DeliveryFilter } from './deliveries';
import { DeliveryTable } from './DeliveryTable';
import { Incidents } from './Incidents';
import { NS } from './locales';
import { useDeliveries } from './useDeliveries';

/** The filters of the delivery log. */
function Filters({ filter, channels, onChange }: {
  filter: DeliveryFilter; channels: string[]; onChange: (f: DeliveryFilter) => void }) {
  const { t } = useTranslation(NS);
  const set = (k: keyof DeliveryFilter) => (v?: string) =>
    onChange({ ...filter, [k]: v?.trim() || undefined });
  const choices = [...new Set([...channels, ...(filter.channel ? [filter.channel] : [])])];
  return (
    <Space wrap className="fw-mb" aria-label={t('filters')}>
      <Select className="fw-filter" allowClear aria-label={t('col.status')}
        placeholder={t('any_status')} value={filter.status} onChange={set('status')}
        options={deliveryStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
      <Select className="fw-filter" allowClear aria-label={t('col.channel')}
        placeholder={t('any_channel')} value={filter.channel} onChange={set('channel')}
        options={choices.map((c) => ({ value: c,
          label: t(`channel.${c}`, { defaultValue: c }) }))} />
      <Input.Search className="fw-filter" allowClear aria-label={t('record')}
        placeholder={t('record')} defaultValue={filter.record_id}
        onSearch={(v) => set('record_id')(v)} />
    </Space>
  );
}

/** Admin → Deliveries: the outbox log with filters, incidents and retries. */
export function DeliveriesTab() {
  const { t } = useTranslation(NS);
  const { me } = useAuth();
  const [filter, setFilter] = useState<DeliveryFilter>({});
  const log = useDeliveries(filter);
  // The channel choices keep every channel seen, so filtering by one keeps the others.
  const [channels, setChannels] = useState<string[]>([]);
  useEffect(() => setChannels((seen) => channelsOf([...seen.map((channel) => ({ channel })),
    ...log.items])), [log.items]);
  const first = log.items.length === 0;
  return (
    <>
      <Incidents onChannel={(channel) => setFilter({ ...filter, channel })} />
      <Filters filter={filter} channels={channels} onChange={setFilter} />
      <PageState loading={first && log.loading} error={log.error} onRetry={log.reload}
        empty={first} emptyText={t('empty')}>
        <DeliveryTable items={log.items} canRetry={hasRole(me, ...retryRoles)}
          onRetried={log.replace} />
        {log.next ? (
          <Button className="fw-mt" loading={log.loading} onClick={log.more}>{t('more')}</Button>
        ) : null}
      </PageState>
    </>
  );
}
