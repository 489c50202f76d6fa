/**
 * Dashboard figures turned into what the page draws: ECharts options for
 * line, bar, pie and funnel widgets, rows for tables and leaderboards, and
 * formatted numbers. Pure functions of the data, tested without a browser.
 * Texts from the data (labels, stage names) go into ECharts as plain
 * strings; ECharts draws them on a canvas, never as HTML, and tooltips are
 * built by the formatter below, which escapes them.
 */
import type { EChartsCoreOption } from 'echarts/core';

import type { Group, Metric, Stage, WidgetData } from './types';

/** groupLabel names a group by its labels (or keys), dimension by dimension. */
export function groupLabel(g: Group, dims?: string[]): string {
  const names = dims && dims.length > 0 ? dims : Object.keys(g.keys);
  const parts = names.map((d) => g.labels?.[d] || g.keys[d] || '').filter((s) => s !== '');
  return parts.length > 0 ? parts.join(' · ') : '—';
}

/** isRatio reports whether a metric's values are fractions (0.83 is 83 %). */
export function isRatio(m: Metric | undefined): boolean {
  return m?.kind === 'ratio';
}

/** formatValue writes a figure in locale lng, as a percentage for ratios. */
export function formatValue(v: number | null | undefined, lng: string, ratio = false): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (ratio) {
    return new Intl.NumberFormat(lng, { style: 'percent', maximumFractionDigits: 1 }).format(v);
  }
  return new Intl.NumberFormat(lng, { maximumFractionDigits: 2 }).format(v);
}

/** escapeHTML makes text safe inside an HTML tooltip. */
export function escapeHTML(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

interface TooltipParam {
  name?: string;
  value?: unknown;
  seriesName?: string;
}

/**
 * tooltipFormatter builds ECharts tooltips from escaped text only: the
 * default tooltip renders series and category names as HTML.
 */
export function tooltipFormatter(lng: string, ratio: boolean) {
  return (params: TooltipParam | TooltipParam[]): string => {
    const list = Array.isArray(params) ? params : [params];
    return list.map((p) => {
      const v = typeof p.value === 'number' ? p.value
        : Array.isArray(p.value) ? Number(p.value[p.value.length - 1]) : Number(p.value);
      return `${escapeHTML(String(p.name ?? ''))}: ${escapeHTML(formatValue(v, lng, ratio))}`;
    }).join('<br/>');
  };
}

/** Options are what the chart of one widget needs. */
export interface ChartContext {
  lng: string;
  ratio: boolean;
  dims?: string[];
}

function axisOption(names: string[], values: (number | null)[], type: 'line' | 'bar',
  ctx: ChartContext): EChartsCoreOption {
  return {
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', formatter: tooltipFormatter(ctx.lng, ctx.ratio) },
    xAxis: { type: 'category', data: names, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) =>
      formatValue(v, ctx.lng, ctx.ratio) } },
    series: [{ type, data: values, smooth: type === 'line', showSymbol: names.length < 40 }],
  };
}

/**
 * lineOption draws a series over its buckets; a widget with groups but no
 * series is drawn over its groups.
 */
export function lineOption(w: WidgetData, ctx: ChartContext): EChartsCoreOption {
  if (w.series && w.series.length > 0) {
    return axisOption(w.series.map((p) => p.bucket), w.series.map((p) => p.value), 'line', ctx);
  }
  const groups = w.groups ?? [];
  return axisOption(groups.map((g) => groupLabel(g, ctx.dims)), groups.map((g) => g.value),
    'line', ctx);
}

/** barOption draws groups as bars (or a series when there are no groups). */
export function barOption(w: WidgetData, ctx: ChartContext): EChartsCoreOption {
  const groups = w.groups ?? [];
  if (groups.length === 0 && w.series && w.series.length > 0) {
    return axisOption(w.series.map((p) => p.bucket), w.series.map((p) => p.value), 'bar', ctx);
  }
  return axisOption(groups.map((g) => groupLabel(g, ctx.dims)), groups.map((g) => g.value),
    'bar', ctx);
}

/** pieOption draws groups as slices. */
export function pieOption(w: WidgetData, ctx: ChartContext): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: tooltipFormatter(ctx.lng, ctx.ratio) },
    legend: { type: 'scroll', bottom: 0 },
    series: [{
      type: 'pie', radius: ['40%', '70%'], top: 0, bottom: 24,
      data: (w.groups ?? []).map((g) => ({ name: groupLabel(g, ctx.dims), value: g.value })),
    }],
  };
}

/** BELOW_COLOR marks funnel stages under their baseline. */
export const BELOW_COLOR = '#cf1322';

/** funnelOption draws the stages, those below their baseline in red. */
export function funnelOption(w: WidgetData, ctx: ChartContext,
  stageName: (s: Stage) => string): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: tooltipFormatter(ctx.lng, false) },
    series: [{
      type: 'funnel', sort: 'none', left: 8, right: 8, top: 8, bottom: 8, minSize: '10%',
      label: { show: true, position: 'inside' },
      data: (w.stages ?? []).map((s) => ({
        name: stageName(s), value: s.count,
        itemStyle: s.below ? { color: BELOW_COLOR } : undefined,
      })),
    }],
  };
}

/** chartOption picks the option builder of a widget's chart kind. */
export function chartOption(w: WidgetData, ctx: ChartContext,
  stageName: (s: Stage) => string = (s) => s.stage): EChartsCoreOption | null {
  switch (w.chart) {
    case 'line': return lineOption(w, ctx);
    case 'bar': return barOption(w, ctx);
    case 'pie': return pieOption(w, ctx);
    case 'funnel': return funnelOption(w, ctx, stageName);
    default: return null;
  }
}

/** hasFigures reports whether a widget has anything to draw. */
export function hasFigures(w: WidgetData): boolean {
  switch (w.chart) {
    case 'number': return w.value !== null && w.value !== undefined;
    case 'funnel': return (w.stages ?? []).length > 0;
    case 'line': return (w.series ?? []).length > 0 || (w.groups ?? []).length > 0;
    default: return (w.groups ?? []).length > 0 || (w.series ?? []).length > 0;
  }
}

/** LeaderRow is one line of a leaderboard. */
export interface LeaderRow {
  rank: number;
  name: string;
  value: number | null;
  group: Group;
}

/** leaderRows ranks the groups, best first, keeping top (10 when 0). */
export function leaderRows(w: WidgetData, top = 10, dims?: string[]): LeaderRow[] {
  const groups = [...(w.groups ?? [])];
  const ranked = groups.every((g) => typeof g.rank === 'number');
  const v = (g: Group) => g.value ?? Number.NEGATIVE_INFINITY;
  groups.sort((a, b) => (ranked ? (a.rank ?? 0) - (b.rank ?? 0) : v(b) - v(a)));
  return groups.slice(0, top > 0 ? top : 10).map((g, i) => ({
    rank: ranked ? (g.rank ?? i + 1) : i + 1, name: groupLabel(g, dims), value: g.value, group: g,
  }));
}

/**
 * gridSpans says how many of the grid's four columns each widget takes:
 * its own span (1 when unset), except that two leaderboards that follow
 * each other take half the row each, side by side (the dual top-10
 * boards: process health beside results).
 */
export function gridSpans(widgets: { chart: string; span?: number }[]): number[] {
  const out = widgets.map((w) => Math.min(4, Math.max(1, w.span || 1)));
  for (let i = 0; i + 1 < widgets.length; i += 1) {
    if (widgets[i].chart === 'leaderboard' && widgets[i + 1].chart === 'leaderboard') {
      out[i] = 2;
      out[i + 1] = 2;
      i += 1;
    }
  }
  return out;
}
