/**
 * The shapes of the dashboards API: a dashboard definition's content
 * (designer/dashboard.go) and the figures GET /api/v1/dashboards/{id}/data
 * answers (the insights engine).
 */
import type { Text } from '../designer/shared/text';

/** ChartKind is how a widget is drawn. */
export type ChartKind = 'number' | 'line' | 'bar' | 'pie' | 'table' | 'funnel' | 'leaderboard';

/** Metric is what a widget measures. */
export interface Metric {
  kind: 'count' | 'sum' | 'avg' | 'distinct' | 'ratio';
  source?: string;
  form?: string;
  field?: string;
  filter?: string;
  numerator?: Metric;
  denominator?: Metric;
}

/** WidgetDef is one widget of a dashboard definition. */
export interface WidgetDef {
  id: string;
  title: Text;
  chart: ChartKind;
  metric: Metric;
  group_by?: string[];
  bucket?: string;
  top?: number;
  span?: number;
  /**
   * baselines, for a funnel, are the expected conversions into stages in
   * percent of the previous stage (above 0, at most 100), by stage; they
   * override the baselines learnt from earlier periods.
   */
  baselines?: Record<string, number>;
}

/** DashboardContent is a dashboard definition's content. */
export interface DashboardContent {
  widgets: WidgetDef[];
  filters?: string[];
}

/** Group is one group of a grouped figure. */
export interface Group {
  keys: Record<string, string>;
  labels?: Record<string, string>;
  /** value is null when undefined (an average or a ratio of nothing). */
  value: number | null;
  numerator?: number;
  denominator?: number;
  /** rank is 1 for the highest value. */
  rank?: number;
}

/** SeriesPoint is one time bucket of a series. */
export interface SeriesPoint {
  bucket: string;
  value: number | null;
}

/** Stage is one stage of a funnel with its baseline conversion. */
export interface Stage {
  stage: string;
  count: number;
  /** conversion is count over the previous stage's; null for the first. */
  conversion?: number | null;
  /** baseline is the expected conversion, learnt from earlier periods. */
  baseline?: number | null;
  /** configured says the baseline is the widget's, not learnt. */
  configured?: boolean;
  below?: boolean;
}

/** WidgetData is one widget's figures. */
export interface WidgetData {
  id: string;
  chart: ChartKind;
  title: Text;
  /** metric names the widget's figures for drill-down: "<dashboard>.<widget>". */
  metric?: string;
  value: number | null;
  numerator?: number;
  denominator?: number;
  groups?: Group[];
  series?: SeriesPoint[];
  stages?: Stage[];
  /** capped says a distinct count reached its limit and is a lower bound. */
  capped?: boolean;
  /** unsupported, when set, says why the widget has no figures. */
  unsupported?: string;
}

/** DashboardData is the answer of GET /api/v1/dashboards/{id}/data. */
export interface DashboardData {
  dashboard_id: string;
  key: string;
  version: number;
  from: string;
  to: string;
  widgets: WidgetData[];
}

/** Records are the records behind a figure (GET …/metrics/{m}/records). */
export interface RecordItem {
  id: string;
  form: string;
  owner_id: string;
  stage?: string;
  data: Record<string, unknown>;
  created_at: string;
}

/** DashboardFilters are what a viewer narrows every widget by. */
export interface DashboardFilters {
  from: string;
  to: string;
  /** dims maps a dimension (owner, team …) to the chosen value. */
  dims: Record<string, string>;
}
