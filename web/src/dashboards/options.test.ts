import { describe, expect, it } from 'vitest';

import {
  barOption, BELOW_COLOR, chartOption, escapeHTML, formatValue, funnelOption, gridSpans,
  groupLabel, hasFigures, leaderRows, lineOption, pieOption, tooltipFormatter,
} from './options';
import type { WidgetData } from './types';

const ctx = { lng: 'en', ratio: false };

/** figures is what the server sends for a widget without groups or series. */
const figures = { value: null, groups: null, series: null, metric: 'd1.w' };

const byOwner: WidgetData = {
  ...figures, id: 'first_follow_up', chart: 'bar', title: { en: 'By owner' },
  groups: [
    { keys: { owner: 'u1' }, labels: { owner: 'Wang Lei' }, value: 12, rank: 2 },
    { keys: { owner: 'u2' }, labels: { owner: '<img src=x onerror=alert(1)>' }, value: 30,
      rank: 1 },
    { keys: { owner: 'u3' }, labels: null, value: 7, rank: 3 },
  ],
};

const daily: WidgetData = {
  ...figures, id: 'daily', chart: 'line', title: { en: 'Daily' },
  series: [{ bucket: '2026-12-01', value: 3 }, { bucket: '2026-12-02', value: 5 }],
};

const funnel: WidgetData = {
  ...figures, id: 'funnel', chart: 'funnel', title: { en: 'Funnel' },
  stages: [
    { stage: 'new', count: 100, conversion: 1, baseline: 1, below: false },
    { stage: 'contacted', count: 40, conversion: 0.4, baseline: 0.6, below: true },
  ],
};

type Axis = { data: string[] };
type Series = { type: string; data: unknown[] }[];

describe('dashboard data to echarts options', () => {
  it('draws a series over its buckets as a line', () => {
    const o = lineOption(daily, ctx) as { xAxis: Axis; series: Series };
    expect(o.xAxis.data).toEqual(['2026-12-01', '2026-12-02']);
    expect(o.series[0]).toMatchObject({ type: 'line', data: [3, 5] });
  });

  it('draws groups as bars labelled by their labels, keys when unlabelled', () => {
    const o = barOption(byOwner, ctx) as { xAxis: Axis; series: Series };
    expect(o.xAxis.data).toEqual(['Wang Lei', '<img src=x onerror=alert(1)>', 'u3']);
    expect(o.series[0].data).toEqual([12, 30, 7]);
  });

  it('draws groups as pie slices', () => {
    const o = pieOption({ ...byOwner, chart: 'pie' }, ctx) as { series: Series };
    expect(o.series[0].data[0]).toEqual({ name: 'Wang Lei', value: 12 });
  });

  it('marks funnel stages below their baseline', () => {
    const o = funnelOption(funnel, ctx, (s) => s.stage.toUpperCase()) as { series: Series };
    expect(o.series[0].data).toEqual([
      { name: 'NEW', value: 100, itemStyle: undefined },
      { name: 'CONTACTED', value: 40, itemStyle: { color: BELOW_COLOR } },
    ]);
  });

  it('picks the builder by chart kind; number and table have none', () => {
    expect(chartOption({ ...byOwner, chart: 'number' }, ctx)).toBeNull();
    expect(chartOption({ ...byOwner, chart: 'table' }, ctx)).toBeNull();
    expect(chartOption(funnel, ctx)).not.toBeNull();
  });

  it('escapes labels in tooltips, which ECharts renders as HTML', () => {
    const html = tooltipFormatter('en', false)({ name: '<img src=x onerror=alert(1)>',
      value: 30 });
    expect(html).toBe('&lt;img src=x onerror=alert(1)&gt;: 30');
    expect(escapeHTML(`a"b'c&`)).toBe('a&quot;b&#39;c&amp;');
  });

  it('formats ratios as percentages and missing values as a dash', () => {
    expect(formatValue(0.8345, 'en', true)).toBe('83.5%');
    expect(formatValue(1234.5, 'en')).toBe('1,234.5');
    expect(formatValue(null, 'en')).toBe('—');
  });
});

describe('leaderboards and layout', () => {
  it('ranks by the server rank, keeping the top N', () => {
    const rows = leaderRows(byOwner, 2);
    expect(rows.map((r) => [r.rank, r.name, r.value])).toEqual([
      [1, '<img src=x onerror=alert(1)>', 30], [2, 'Wang Lei', 12]]);
  });

  it('ranks by value when the server gives no rank', () => {
    // An older server sent groups without ranks; the type says they have one.
    const w = { ...byOwner, groups: byOwner.groups?.map(({ rank: _r, ...g }) => g) } as
      unknown as WidgetData;
    expect(leaderRows(w).map((r) => r.value)).toEqual([30, 12, 7]);
  });

  it('puts two leaderboards that follow each other side by side', () => {
    expect(gridSpans([{ chart: 'number' }, { chart: 'leaderboard' },
      { chart: 'leaderboard' }, { chart: 'bar', span: 4 }, { chart: 'leaderboard', span: 4 }]))
      .toEqual([1, 2, 2, 4, 4]);
  });

  it('joins labels of several dimensions', () => {
    expect(groupLabel({ keys: { owner: 'u1', region: 'east' }, labels: { owner: 'Li' },
      value: 1, rank: 1 }, ['owner', 'region'])).toBe('Li · east');
  });

  it('knows when a widget has nothing to draw', () => {
    expect(hasFigures({ ...byOwner, groups: [] })).toBe(false);
    expect(hasFigures({ ...byOwner, chart: 'number', value: 0 })).toBe(true);
    expect(hasFigures({ ...funnel, stages: [] })).toBe(false);
  });
});
