import { Button, Card, Empty, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { pickText } from '../designer/shared/text';
import { Chart } from './Chart';
import { NS } from './locales';
import {
  chartOption, formatValue, groupLabel, hasFigures, isRatio, leaderRows, type ChartContext,
} from './options';
import type { Group, Stage, WidgetData, WidgetDef } from './types';

/** WidgetCardProps are the props of WidgetCard. */
export interface WidgetCardProps {
  data: WidgetData;
  def: WidgetDef | undefined;
  /** onDrill opens the records behind a group (null: the whole figure). */
  onDrill: (w: WidgetData, g: Group | null) => void;
  /** onEditBaselines, when set, offers a funnel's baselines for editing. */
  onEditBaselines?: (w: WidgetData) => void;
}

/** WidgetCard draws one widget by its chart kind, with drill-down. */
export function WidgetCard({ data: w, def, onDrill, onEditBaselines }: WidgetCardProps) {
  const { t, i18n } = useTranslation(NS);
  const lng = i18n.language;
  const title = pickText(w.title, lng, w.id);
  const ctx: ChartContext = { lng, ratio: isRatio(def?.metric), dims: def?.group_by };
  let body;
  if (w.unsupported) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={t('widget.unsupported', { reason: w.unsupported })} />;
  } else if (!hasFigures(w)) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('widget.noData')} />;
  } else {
    body = <WidgetBody w={w} def={def} ctx={ctx} title={title} onDrill={onDrill} />;
  }
  return (
    <Card size="small" title={title} className={`fw-widget fw-widget-${w.chart}`}
      extra={w.chart === 'funnel' && onEditBaselines ? (
        <Button size="small" onClick={() => onEditBaselines(w)}
          aria-label={`${t('baselines.edit')}: ${title}`}>{t('baselines.edit')}</Button>
      ) : undefined}>
      {body}
    </Card>
  );
}

interface BodyProps {
  w: WidgetData;
  def: WidgetDef | undefined;
  ctx: ChartContext;
  title: string;
  onDrill: (w: WidgetData, g: Group | null) => void;
}

function WidgetBody(p: BodyProps) {
  switch (p.w.chart) {
    case 'number': return <NumberBody {...p} />;
    case 'table': return <GroupTable {...p} />;
    case 'leaderboard': return <Leaderboard {...p} />;
    case 'funnel': return <FunnelBody {...p} />;
    default: return <ChartBody {...p} />;
  }
}

function NumberBody({ w, ctx, onDrill }: BodyProps) {
  const { t } = useTranslation(NS);
  const fraction = w.numerator !== undefined && w.denominator !== undefined;
  return (
    <div className="fw-number">
      <Statistic value={formatValue(w.value, ctx.lng, ctx.ratio)} />
      {fraction ? (
        <Typography.Text type="secondary">
          {t('widget.fraction', { numerator: formatValue(w.numerator, ctx.lng),
            denominator: formatValue(w.denominator, ctx.lng) })}
        </Typography.Text>
      ) : null}
      {w.capped ? <Typography.Paragraph type="secondary">{t('widget.capped')}</Typography.Paragraph>
        : null}
      {w.metric ? <Button size="small" type="link" onClick={() => onDrill(w, null)}>
        {t('widget.drill')}</Button> : null}
    </div>
  );
}

function ChartBody(p: BodyProps) {
  const { w, ctx, title, onDrill } = p;
  const option = chartOption(w, ctx);
  const groups = w.groups ?? [];
  const grouped = groups.length > 0 && (w.chart !== 'line' || (w.series ?? []).length === 0);
  const pick = grouped && w.metric ? (i: number) => groups[i] && onDrill(w, groups[i]) : undefined;
  return (
    <>
      {option ? <Chart option={option} label={title} onPick={pick} /> : null}
      {grouped && w.metric ? <GroupButtons {...p} /> : null}
    </>
  );
}

/** GroupButtons let a keyboard reach the drill-down of each group. */
function GroupButtons({ w, ctx, onDrill }: BodyProps) {
  const { t } = useTranslation(NS);
  return (
    <ul className="fw-group-buttons" aria-label={t('widget.drill')}>
      {(w.groups ?? []).slice(0, 12).map((g, i) => (
        <li key={i}>
          <button type="button" className="fw-link-button" onClick={() => onDrill(w, g)}>
            <Tag>{groupLabel(g, ctx.dims)}: {formatValue(g.value, ctx.lng, ctx.ratio)}</Tag>
          </button>
        </li>
      ))}
    </ul>
  );
}

function GroupTable({ w, def, ctx, onDrill }: BodyProps) {
  const { t } = useTranslation(NS);
  const groups = w.groups ?? [];
  if (groups.length === 0) {
    return <Table size="small" pagination={false} rowKey="bucket" dataSource={w.series ?? []}
      columns={[{ key: 'b', title: t('widget.bucket'), dataIndex: 'bucket' },
        { key: 'v', title: t('widget.value'), align: 'right',
          render: (_, r) => formatValue(r.value, ctx.lng, ctx.ratio) }]} />;
  }
  const dims = def?.group_by?.length ? def.group_by : Object.keys(groups[0].keys);
  return (
    <Table size="small" pagination={groups.length > 10 ? { pageSize: 10 } : false}
      scroll={{ x: true }} rowKey={(g) => JSON.stringify(g.keys)} dataSource={groups}
      columns={[
        ...dims.map((d) => ({ key: d, title: t(`dims.${d}`, { defaultValue: d }),
          render: (_: unknown, g: Group) => g.labels?.[d] || g.keys[d] || '—' })),
        { key: 'v', title: t('widget.value'), align: 'right' as const,
          render: (_: unknown, g: Group) => formatValue(g.value, ctx.lng, ctx.ratio) },
        ...(w.metric ? [{ key: 'd', title: '', render: (_: unknown, g: Group) => (
          <Button size="small" type="link" onClick={() => onDrill(w, g)}>
            {t('widget.drill')}
          </Button>
        ) }] : []),
      ]} />
  );
}

function Leaderboard({ w, def, ctx, onDrill }: BodyProps) {
  const { t } = useTranslation(NS);
  const rows = leaderRows(w, def?.top || 10, ctx.dims);
  return (
    <ol className="fw-leaderboard">
      {rows.map((r) => (
        <li key={r.rank} className={r.rank <= 3 ? `fw-top fw-top-${r.rank}` : undefined}>
          <span className="fw-rank" aria-label={t('widget.rank')}>{r.rank}</span>
          {w.metric ? (
            <button type="button" className="fw-link-button fw-leader-name"
              onClick={() => onDrill(w, r.group)}>{r.name}</button>
          ) : <span className="fw-leader-name">{r.name}</span>}
          <span className="fw-leader-value">{formatValue(r.value, ctx.lng, ctx.ratio)}</span>
        </li>
      ))}
    </ol>
  );
}

function FunnelBody({ w, ctx, title }: BodyProps) {
  const { t } = useTranslation(NS);
  const option = chartOption(w, ctx, (s) => s.stage);
  const pct = (v: number | null | undefined) => formatValue(v, ctx.lng, true);
  return (
    <>
      {option ? <Chart option={option} label={title} /> : null}
      <Table size="small" pagination={false} rowKey="stage" dataSource={w.stages ?? []}
        scroll={{ x: true }}
        rowClassName={(s: Stage) => (s.below ? 'fw-below' : '')}
        columns={[
          { key: 's', title: t('widget.stage'), dataIndex: 'stage' },
          { key: 'c', title: t('widget.count'), align: 'right', render: (_, s) =>
            formatValue(s.count, ctx.lng) },
          { key: 'v', title: t('widget.conversion'), align: 'right', render: (_, s) =>
            pct(s.conversion) },
          { key: 'b', title: t('widget.baseline'), align: 'right', render: (_, s) =>
            pct(s.baseline) },
          { key: 'x', title: '', render: (_, s) => (s.below ? (
            <Tooltip title={t('widget.below')}><Tag color="red">{t('widget.below')}</Tag></Tooltip>
          ) : s.baseline !== null && s.baseline !== undefined
            ? <Tag color="green">{t('widget.ok')}</Tag> : null) },
        ]} />
    </>
  );
}
