import { useState, type ReactNode } from 'react';
import { Button, Card, Empty, Input, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageState } from '../components';
import type { RecordItem } from '../workspace/api';
import { MAX_SEARCH, openFirst, SEARCH_DELAY, searchText, useDebounced } from './search';
import { useSearch, type SearchState } from './useSearch';

export { openFirst } from './search';

function PromiseItem({ r }: { r: RecordItem }) {
  const { t } = useTranslation();
  return (
    <List.Item extra={<Tag color={r.data.status === 'open' ? 'orange' : 'default'}>
      {t(`promise.status_${String(r.data.status)}`,
        { defaultValue: String(r.data.status ?? '') })}</Tag>}>
      <List.Item.Meta
        title={<Link to={`/records/${encodeURIComponent(r.id)}`}>
          {String(r.data.customer ?? r.id)}</Link>}
        description={<>
          <div>{t('service.promise_line', {
            at: r.data.delivery_at ? new Date(String(r.data.delivery_at)).toLocaleString() : '',
            price: String(r.data.price_range ?? '') })}</div>
          <div className="fw-pre">{String(r.data.extra_benefits ?? '')}</div>
        </>} />
    </List.Item>
  );
}

function LeadItem({ r }: { r: RecordItem }) {
  const detail = [r.data.contact_name, r.data.mobile].filter(Boolean).map(String).join(' · ');
  return (
    <List.Item>
      <List.Item.Meta title={<Link to={`/records/${encodeURIComponent(r.id)}`}>
        {String(r.data.company ?? r.data.customer ?? r.id)}</Link>} description={detail} />
    </List.Item>
  );
}

function Results({ title, s, empty, sort, render }: { title: string; s: SearchState;
  empty: string; sort?: (r: RecordItem[]) => RecordItem[];
  render: (r: RecordItem) => ReactNode }) {
  const { t } = useTranslation();
  const first = s.items.length === 0;
  return (
    <Card title={title} className="fw-mb">
      <PageState loading={first && s.loading} error={s.error} onRetry={s.retry}
        empty={first} emptyText={empty}>
        <List dataSource={sort ? sort(s.items) : s.items} renderItem={render} />
        {s.next ? <Button className="fw-mt" loading={s.loading} onClick={s.more}>
          {t('service.more')}</Button> : null}
      </PageState>
    </Card>
  );
}

/** Customer service: find a customer on the server, see what sales promised first. */
export default function ServicePage() {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const text = useDebounced(searchText(typed), SEARCH_DELAY);
  const promises = useSearch('promise', text);
  const leads = useSearch('lead', text);
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('service.title')}</Typography.Title>
      </div>
      <Input.Search allowClear size="large" placeholder={t('service.search')}
        aria-label={t('service.search')} maxLength={MAX_SEARCH} value={typed}
        onSearch={setTyped} onChange={(e) => setTyped(e.target.value)} className="fw-mb" />
      {!text ? <Empty description={t('service.hint')} /> : (
        <>
          <Results title={t('service.promises')} s={promises} empty={t('service.no_promises')}
            sort={openFirst} render={(r) => <PromiseItem r={r} />} />
          <Results title={t('service.customers')} s={leads} empty={t('service.no_customers')}
            render={(r) => <LeadItem r={r} />} />
        </>
      )}
    </>
  );
}
