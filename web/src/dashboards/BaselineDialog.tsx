import { useMemo, useState } from 'react';
import { Alert, Button, Form, InputNumber, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { ProblemAlert } from '../components';
import { publishDraft, saveDraft, type Definition } from '../designer/shared/definitions';
import { baselineRows, baselinesOf, findingsByStage, validPercent, withBaselines,
  type BaselineRow } from './baselines';
import { NS } from './locales';
import type { DashboardContent, Stage, WidgetDef } from './types';

/** Props of BaselineDialog. */
export interface BaselineDialogProps {
  /** def is the dashboard as loaded: its draft (else published content) and revision. */
  def: Definition<DashboardContent>;
  /** widget is the funnel being edited; the dialog is closed while it is null. */
  widget: WidgetDef | null;
  /** stages are the funnel's current figures, for the stages and learnt baselines. */
  stages: Stage[];
  onClose: () => void;
  /** onPublished receives the version the change was published as. */
  onPublished: (version: number) => void;
  /** onReload reloads the dashboard after someone else's change. */
  onReload: () => void;
}

/** Saves content as a draft at the loaded revision, publishes it, and returns the version. */
async function saveAndPublish(def: Definition<DashboardContent>,
  content: DashboardContent): Promise<number> {
  await saveDraft('dashboards', def.id, def.revision, { widgets: content.widgets });
  return (await publishDraft('dashboards', def.id)).version;
}

/** One stage's input: percent, the learnt baseline as placeholder, and its findings. */
function StageInput({ row, msgs, onChange }: { row: BaselineRow; msgs?: string[];
  onChange: (p: number | null) => void }) {
  const { t } = useTranslation(NS);
  const bad = !validPercent(row.percent);
  const help = [...(bad ? [t('baselines.range')] : []), ...(msgs ?? [])];
  return (
    <Form.Item label={row.stage} validateStatus={help.length ? 'error' : undefined}
      help={help.length ? help.join(' ') : undefined}
      extra={row.learnt !== null ? t('baselines.learnt', { percent: row.learnt }) : undefined}>
      <InputNumber aria-label={t('baselines.stage', { stage: row.stage })} value={row.percent}
        min={0} max={100} step={1} suffix="%" className="fw-block"
        placeholder={t('baselines.unset')} onChange={(v) => onChange(v ?? null)} />
    </Form.Item>
  );
}

/**
 * Edits a funnel widget's configured baselines (percent per stage) and
 * publishes the dashboard with them: a new draft at the loaded revision,
 * then a publish. A save that lost to someone else's (409) is explained
 * with a way to reload.
 */
export function BaselineDialog(p: BaselineDialogProps) {
  const { t } = useTranslation(NS);
  const content = p.def.draft ?? p.def.published;
  const initial = useMemo(() => (p.widget ? baselineRows(p.widget, p.stages) : []),
    [p.widget, p.stages]);
  const [rows, setRows] = useState<BaselineRow[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const shown = rows ?? initial;
  const index = content?.widgets.findIndex((w) => w.id === p.widget?.id) ?? -1;
  const findings = error instanceof ApiProblem ? findingsByStage(error.fields, index) : {};
  const conflict = error instanceof ApiProblem && error.status === 409;
  const close = () => { setRows(null); setError(undefined); p.onClose(); };
  const save = async () => {
    if (!content || !p.widget || !shown.every((r) => validPercent(r.percent))) return;
    setBusy(true);
    setError(undefined);
    try {
      const v = await saveAndPublish(p.def, withBaselines(content, p.widget.id,
        baselinesOf(shown)));
      setRows(null);
      p.onPublished(v);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const set = (i: number, percent: number | null) =>
    setRows(shown.map((r, j) => (j === i ? { ...r, percent } : r)));
  return (
    <Modal open={p.widget !== null} title={t('baselines.title')} onCancel={close}
      onOk={() => void save()} confirmLoading={busy} okText={t('baselines.publish')}
      cancelText={t('baselines.cancel')} okButtonProps={{ disabled: conflict }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('baselines.hint')}</Typography.Paragraph>
      {p.def.status === 'modified' ? (
        <Alert type="warning" showIcon className="fw-mb" title={t('baselines.draft_pending')} />
      ) : null}
      {shown.length === 0 ? <Typography.Paragraph>{t('baselines.no_stages')}
      </Typography.Paragraph> : null}
      <Form layout="vertical" component="div" name="baselines">
        {shown.map((r, i) => (
          <StageInput key={r.stage} row={r} msgs={findings[r.stage]}
            onChange={(v) => set(i, v)} />
        ))}
      </Form>
      {conflict ? (
        <Alert type="warning" showIcon role="alert" title={t('baselines.conflict')}
          action={<Button size="small" onClick={() => { close(); p.onReload(); }}>
            {t('baselines.reload')}</Button>} />
      ) : <ProblemAlert error={error} />}
    </Modal>
  );
}
