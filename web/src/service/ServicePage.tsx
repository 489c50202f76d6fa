import { useEffect, useMemo, useState } from 'react';
import { Card, Empty, Input, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageState } from '../components';
import { listAll, recordsPath } from '../workspace/api';
import type { RecordItem } from '../workspace/api';

/** Says whether a record mentions the customer searched for. */
export function matches(r: RecordItem, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return false;
  return ['customer', 'company', 'contact_name', 'mobile'].some((k) => {
    const v = r.data[k];
    return typeof v === 'string' && v.toLowerCase().includes(needle);
  });
}

/** Promises with the open ones first, soonest delivery first. */
export function openFirst(promises: RecordItem[]): RecordItem[] {
  const rank = (r: RecordItem) => (r.data.status === 'open' ? 0 : 1);
  const due = (r: RecordItem) => String(r.data.delivery_at ?? '');
  return [...promises].sort((a, b) => rank(a) - rank(b) || due(a).localeCompare(due(b)));
}

/** Customer service: find a customer, see what sales promised first. */
export default function ServicePage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [promises, setPromises] = useState<RecordItem[]>();
  const [leads, setLeads] = useState<RecordItem[]>();
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setError(undefined);
    Promise.all([listAll<RecordItem>(recordsPath({ form: 'promise' })),
      listAll<RecordItem>(recordsPath({ form: 'lead' }))]).then(([p, l]) => {
      if (!live) return;
      setPromises(p);
      setLeads(l);
    }, (e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [tick]);
  const found = useMemo(() => openFirst((promises ?? []).filter((r) => matches(r, q))),
    [promises, q]);
  const customers = useMemo(() => (leads ?? []).filter((r) => matches(r, q)), [leads, q]);
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('service.title')}</Typography.Title>
      </div>
      <Input.Search allowClear size="large" placeholder={t('service.search')}
        aria-label={t('service.search')} onSearch={setQ} onChange={(e) => setQ(e.target.value)}
        className="fw-mb" />
      <PageState loading={!promises && !error} error={error} onRetry={() => setTick((x) => x + 1)}>
        {!q.trim() ? <Empty description={t('service.hint')} /> : (
          <>
            <Card title={t('service.promises')} className="fw-mb">
              <List dataSource={found} locale={{ emptyText: t('service.no_promises') }}
                renderItem={(r) => (
                  <List.Item extra={<Tag color={r.data.status === 'open' ? 'orange' : 'default'}>
                    {t(`promise.status_${String(r.data.status)}`,
                      { defaultValue: String(r.data.status ?? '') })}</Tag>}>
                    <List.Item.Meta
                      title={<Link to={`/records/${encodeURIComponent(r.id)}`}>
                        {String(r.data.customer ?? '')}</Link>}
                      description={<>
                        <div>{t('service.promise_line', {
                          at: r.data.delivery_at ? new Date(String(r.data.delivery_at))
                            .toLocaleString() : '', price: String(r.data.price_range ?? '') })}</div>
                        <div className="fw-pre">{String(r.data.extra_benefits ?? '')}</div>
                      </>} />
                  </List.Item>
                )} />
            </Card>
            <Card title={t('service.customers')}>
              <List dataSource={customers} locale={{ emptyText: t('service.no_customers') }}
                renderItem={(r) => (
                  <List.Item>
                    <Link to={`/records/${encodeURIComponent(r.id)}`}>
                      {String(r.data.company ?? r.id)}</Link>
                  </List.Item>
                )} />
            </Card>
          </>
        )}
      </PageState>
    </>
  );
}
