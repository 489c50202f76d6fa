import { useState } from 'react';
import { Card, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { query } from '../api/client';
import { PageState, useApi } from '../components';
import { localText } from '../i18n';
import { industries, kinds, sizes } from './types';
import type { TemplateSummary } from './types';

/** The template library, filtered by industry and company size. */
export default function GalleryPage() {
  const { t } = useTranslation();
  const [industry, setIndustry] = useState<string>();
  const [size, setSize] = useState<string>();
  const [kind, setKind] = useState<string>();
  const list = useApi<{ items: TemplateSummary[] }>(
    '/api/v1/templates' + query({ industry, size, kind }),
  );
  const items = list.data?.items ?? [];
  const nameOf = (id = '') => localText(items.find((p) => p.id === id)?.name) || id;
  return (
    <>
      <div className="fw-page-title">
        <Typography.Title level={2}>{t('gallery.title')}</Typography.Title>
        <Space wrap>
          <Select allowClear placeholder={t('gallery.industry')} aria-label={t('gallery.industry')}
            value={industry} onChange={setIndustry} className="fw-filter"
            options={industries.map((v) => ({ value: v, label: t(`industry.${v}`) }))} />
          <Select allowClear placeholder={t('gallery.size')} aria-label={t('gallery.size')}
            value={size} onChange={setSize} className="fw-filter"
            options={sizes.map((v) => ({ value: v, label: t(`size.${v}`) }))} />
          <Select allowClear placeholder={t('gallery.kind')} aria-label={t('gallery.kind')}
            value={kind} onChange={setKind} className="fw-filter"
            options={kinds.map((v) => ({ value: v, label: t(`gallery.kind_${v}`) }))} />
        </Space>
      </div>
      <PageState loading={list.loading} error={list.error} onRetry={list.reload}
        empty={items.length === 0} emptyText={t('gallery.empty')}>
        <div className="fw-grid">
          {items.map((p) => (
            <Card key={p.id} title={localText(p.name)}
              extra={<Link to={`/gallery/${encodeURIComponent(p.id)}`}>{t('gallery.open')}</Link>}>
              <Typography.Paragraph ellipsis={{ rows: 3 }}>
                {localText(p.description)}
              </Typography.Paragraph>
              <Space size={[4, 4]} wrap>
                {p.kind === 'edition' && (
                  <Tag color="purple">{t('gallery.edition_of', { base: nameOf(p.base) })}</Tag>
                )}
                {p.kind === 'starter' && <Tag color="gold">{t('gallery.kind_starter')}</Tag>}
                {p.sizes.map((s) => <Tag key={s} color="blue">{t(`size.${s}`)}</Tag>)}
                {p.industries.slice(0, 3).map((i) => <Tag key={i}>{t(`industry.${i}`)}</Tag>)}
              </Space>
            </Card>
          ))}
        </div>
      </PageState>
    </>
  );
}
