/**
 * The shapes of the dashboards API, from the generated OpenAPI types
 * (src/api/schema.d.ts): a dashboard definition's content (designer.Dashboard)
 * and the figures GET /api/v1/dashboards/{id}/data answers (insights). A
 * field renamed or dropped on the server breaks the build here, not the
 * screen. Two corrections are made to what the generator can know:
 *
 * - Go's *float64 reflects as a plain number and a nil slice as an array,
 *   but the server writes null for both (an average or a ratio of nothing,
 *   no groups), so those fields also accept null;
 * - texts are the app's per-locale Text, which the generator types as an
 *   open string map.
 */
import type { components } from '../api/schema';
import type { RecordView } from '../api/types';
import type { Text } from '../designer/shared/text';

type S = components['schemas'];

/**
 * Override replaces the types of some fields of T, keeping whether each is
 * optional. Every key of R must be a field of T, so a field the server
 * renames or drops breaks the build here.
 */
type Override<T, R extends { [P in keyof R]: P extends keyof T ? unknown : never }> = {
  [P in keyof T]: P extends keyof R ? R[P] : T[P];
};

/**
 * CHART_KINDS are the chart kinds this app draws; the server's type says
 * only "string", so a kind outside them renders as an unsupported widget.
 */
export const CHART_KINDS = ['number', 'line', 'bar', 'pie', 'table', 'funnel',
  'leaderboard'] as const;

/** ChartKind is how a widget is drawn. */
export type ChartKind = (typeof CHART_KINDS)[number];

/** Metric is what a widget measures (count, sum, avg, distinct, ratio). */
export type Metric = S['Metric'];

/**
 * WidgetDef is one widget of a dashboard definition. Its baselines, for a
 * funnel, are the expected conversions into stages in percent of the
 * previous stage (above 0, at most 100), by stage; they override the
 * baselines learnt from earlier periods.
 */
export type WidgetDef = Override<S['Widget'], { title: Text }>;

/** DashboardContent is a dashboard definition's content. */
export type DashboardContent = Override<S['Dashboard'], { widgets: WidgetDef[] }>;

/**
 * Group is one group of a grouped figure; value is null when undefined,
 * rank is 1 for the highest value.
 */
export type Group = Override<S['GroupData'],
  { value: number | null; labels: Record<string, string> | null }>;

/** SeriesPoint is one time bucket of a series. */
export type SeriesPoint = Override<S['Point'], { value: number | null }>;

/**
 * Stage is one stage of a funnel: conversion is its count over the
 * previous stage's (null for the first), baseline the expected conversion
 * (configured when it is the widget's, not learnt).
 */
export type Stage = Override<S['StageData'],
  { conversion: number | null; baseline: number | null }>;

/**
 * WidgetData is one widget's figures; metric names them for drill-down
 * ("<dashboard>.<widget>"), capped says a distinct count is a lower bound,
 * unsupported says why a widget has none.
 */
export type WidgetData = Override<S['WidgetData'], {
  title: Text;
  value: number | null;
  groups: Group[] | null;
  series: SeriesPoint[] | null;
  stages: Stage[] | null;
}>;

/** DashboardData is the answer of GET /api/v1/dashboards/{id}/data. */
export type DashboardData = Override<S['DashboardData'], { widgets: WidgetData[] }>;

/** RecordItem is one record behind a figure (GET …/metrics/{m}/records). */
export type RecordItem = RecordView;

/** DashboardFilters are what a viewer narrows every widget by. */
export interface DashboardFilters {
  from: string;
  to: string;
  /** dims maps a dimension (owner, team …) to the chosen value. */
  dims: Record<string, string>;
}
