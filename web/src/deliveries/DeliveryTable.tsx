import { useMemo, useState } from 'react';
import { App, Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ProblemAlert } from '../components';
import { currentLanguage } from '../i18n';
import { refusedReason, retriable, retryPath, statusColor, vendorIds,
  type Delivery } from './deliveries';
import { NS } from './locales';

/** A status as a coloured, localised tag. */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation(NS);
  return <Tag color={statusColor(status)}>{t(`status.${status}`, { defaultValue: status })}</Tag>;
}

/** The recipients of d, with the refused ones and why. */
function Recipients({ d }: { d: Delivery }) {
  const { t } = useTranslation(NS);
  const refused = d.refused_recipients ?? [];
  const lng = currentLanguage();
  return (
    <>
      <div>{d.recipients.join(', ')}</div>
      {refused.length ? (
        <div className="fw-mt" data-refused>
          <Typography.Text type="warning">
            {t('refused_title', { count: refused.length })}</Typography.Text>
          <ul className="fw-problem-list">
            {refused.map((r) => (
              <li key={r.recipient}>
                <Typography.Text code>{r.recipient}</Typography.Text>{' '}
                {r.code ? <Tag>{r.code}</Tag> : null}
                <span>{refusedReason(r, lng)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** The columns of the delivery table; the record column only when wanted. */
function useColumns(onRetry: ((d: Delivery) => void) | null, busy: string) {
  const { t } = useTranslation(NS);
  return useMemo(() => {
    const cols: ColumnsType<Delivery> = [
      { title: t('col.created'), key: 'created', render: (_, d) => (
        <>
          <div>{new Date(d.created_at).toLocaleString()}</div>
          {d.delivered_at ? <div className="fw-muted">{t('delivered_at',
            { at: new Date(d.delivered_at).toLocaleString() })}</div> : null}
        </>) },
      { title: t('col.channel'), key: 'channel', render: (_, d) => (
        <Space orientation="vertical" size={0}>
          <span>{t(`channel.${d.channel}`, { defaultValue: d.channel })}</span>
          <span className="fw-muted">{t(`kind.${d.kind}`, { defaultValue: d.kind })}</span>
        </Space>) },
      { title: t('col.recipients'), key: 'recipients', render: (_, d) => <Recipients d={d} /> },
      { title: t('col.status'), key: 'status', render: (_, d) => (
        <Space orientation="vertical" size={0}>
          <StatusTag status={d.status} />
          <span className="fw-muted">{t('attempts', { count: d.attempts })}</span>
        </Space>) },
      { title: t('col.error'), key: 'error', render: (_, d) => d.last_error ?? '' },
      { title: t('col.vendor'), key: 'vendor', render: (_, d) => vendorIds(d).map((v) => (
        <div key={v}><Typography.Text code copyable>{v}</Typography.Text></div>)) },
    ];
    if (onRetry) {
      cols.push({ title: t('col.actions'), key: 'actions', render: (_, d) => retriable(d) ? (
        <Button size="small" loading={busy === d.id} onClick={() => onRetry(d)}
          aria-label={`${t('retry')}: ${d.channel} ${d.id}`}>{t('retry')}</Button>
      ) : null });
    }
    return cols;
  }, [t, onRetry, busy]);
}

/** Props of DeliveryTable. */
export interface DeliveryTableProps {
  items: Delivery[];
  /** canRetry shows the retry button on failed and dead messages. */
  canRetry: boolean;
  /** onRetried receives the message as the server answers after a retry. */
  onRetried: (d: Delivery) => void;
}

/** Outbox messages with their status, refusals and vendor ids, and a confirmed retry. */
export function DeliveryTable({ items, canRetry, onRetried }: DeliveryTableProps) {
  const { t } = useTranslation(NS);
  const { modal, message } = App.useApp();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState('');
  const retry = useMemo(() => canRetry ? (d: Delivery) => {
    void modal.confirm({
      title: t('retry_title'), okText: t('retry'), cancelText: t('common:action.cancel'),
      content: t('retry_body', { channel: t(`channel.${d.channel}`,
        { defaultValue: d.channel }), recipients: d.recipients.join(', ') }),
      onOk: async () => {
        setError(undefined);
        setBusy(d.id);
        try {
          const next = await api<Delivery>('POST', retryPath(d.id));
          onRetried(next);
          void message.success(t('retried', { status: t(`status.${next.status}`,
            { defaultValue: next.status }) }));
        } catch (e) {
          setError(e);
        } finally {
          setBusy('');
        }
      },
    });
  } : null, [canRetry, modal, message, t, onRetried]);
  const columns = useColumns(retry, busy);
  return (
    <>
      <ProblemAlert error={error} onClose={() => setError(undefined)} />
      <Table<Delivery> rowKey="id" dataSource={items} pagination={false} size="small"
        scroll={{ x: true }} columns={columns} />
    </>
  );
}
