// The funnel baseline editor's model: which stages it offers, how typed
// percentages become a widget's configured baselines, and where a
// refused save's findings land. Configured baselines are percentages
// (60 for 60 %); the figures' baselines are fractions (0.6).
import { pointerTokens } from '../api/problems';
import type { FieldProblem } from '../api/client';
import type { DashboardContent, Stage, WidgetDef } from './types';

/** One row of the editor: a stage, its configured percent, and the learnt one. */
export interface BaselineRow {
  stage: string;
  /** percent is the configured baseline; null leaves it to what is learnt. */
  percent: number | null;
  /** learnt is the baseline the figures show when it is not configured, in percent. */
  learnt: number | null;
}

/** The roles the server lets change dashboards (definitions.write). */
export const dashboardEditors = ['admin', 'implementer'];

/**
 * The stages a funnel's baselines can be set for: every stage after the
 * first of the figures (the first has no conversion), then configured
 * stages the figures did not show, in name order.
 */
export function baselineRows(w: WidgetDef, stages: Stage[]): BaselineRow[] {
  const conf = w.baselines ?? {};
  const rows: BaselineRow[] = stages.slice(1).map((s) => ({ stage: s.stage,
    percent: conf[s.stage] ?? null,
    learnt: !s.configured && typeof s.baseline === 'number' ? round(s.baseline * 100) : null }));
  const shown = new Set(rows.map((r) => r.stage));
  const extra = Object.keys(conf).filter((k) => !shown.has(k)).sort();
  return [...rows, ...extra.map((stage) => ({ stage, percent: conf[stage], learnt: null }))];
}

/** v rounded to one decimal. */
function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Says whether p is a baseline the server accepts: above 0, at most 100. */
export function validPercent(p: number | null): boolean {
  return p === null || (Number.isFinite(p) && p > 0 && p <= 100);
}

/** The configured baselines of rows, omitted when none is set. */
export function baselinesOf(rows: BaselineRow[]): Record<string, number> | undefined {
  const set = rows.filter((r) => r.percent !== null);
  return set.length ? Object.fromEntries(set.map((r) => [r.stage, r.percent!])) : undefined;
}

/** content with the widget id's baselines replaced by baselines. */
export function withBaselines(content: DashboardContent, id: string,
  baselines: Record<string, number> | undefined): DashboardContent {
  return { ...content, widgets: content.widgets.map((w) => {
    if (w.id !== id) return w;
    const next: WidgetDef = { ...w, baselines };
    if (!baselines) delete next.baselines;
    return next;
  }) };
}

/**
 * The findings of a save that concern the widget at index, by stage
 * (pointers /widgets/<index>/baselines/<stage>); the rest under "".
 */
export function findingsByStage(list: FieldProblem[], index: number): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of list) {
    const tk = pointerTokens(f.pointer);
    const mine = tk[0] === 'widgets' && tk[1] === String(index) && tk[2] === 'baselines';
    const key = mine && tk.length > 3 ? tk[3] : '';
    (out[key] ??= []).push(f.message || f.code);
  }
  return out;
}
