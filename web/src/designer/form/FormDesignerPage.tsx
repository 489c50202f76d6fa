import { DragDropProvider, type DragDropEventHandlers } from '@dnd-kit/react';
import { Alert, Button, Col, Row, Segmented, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';

import { ApiProblem } from '../../api/client';
import { PageState, ProblemAlert, useApi } from '../../components';
import '../designer.css';
import { NS } from '../locales';
import type { Definition } from '../shared/definitions';
import { DesignerHeader } from '../shared/DesignerHeader';
import { FindingList } from '../shared/FindingList';
import { PropertiesPane } from '../shared/PropertiesPane';
import { PublishDialog } from '../shared/PublishDialog';
import { pickText } from '../shared/text';
import { useDefinition } from '../shared/useDefinition';
import { useLint } from '../shared/useLint';
import { useLeaveWarning } from '../shared/useLeaveWarning';
import { VersionDrawer } from '../shared/VersionDrawer';
import { Canvas, type DropSlot } from './Canvas';
import {
  addSection, findField, insertField, moveField, moveSection, removeField, removeSection,
  renameField, shiftField, updateField, updateSection,
} from './edit';
import { FieldProperties } from './FieldProperties';
import { FormPreview } from './FormPreview';
import { mapFormFindings } from './lint';
import {
  emptyForm, fromContent, newField, newSection, toContent, type DesignerForm, type FieldKind,
  type FormContent,
} from './model';
import { Palette, PALETTE_TYPE } from './Palette';
import { RulesEditor } from './RulesEditor';
import { SectionProperties } from './SectionProperties';

/** FormDesignerPage is the form designer at /design/forms/:id. */
export default function FormDesignerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(NS);
  const state = useDefinition<FormContent>('forms', id);
  const kinds = useApi<{ items: FieldKind[] }>('/api/v1/field-kinds');
  const loading = state.loading || kinds.loading;
  const error = state.error ?? kinds.error;
  return (
    <PageState loading={loading && !state.def} error={!state.def ? error : undefined}
      onRetry={() => { state.reload(); kinds.reload(); }}
      empty={!state.def} emptyText={t('common.notFound')}>
      {state.def ? <FormDesigner id={id} state={state} kinds={kinds.data?.items ?? []} /> : null}
    </PageState>
  );
}

interface FormDesignerProps {
  id: string;
  state: ReturnType<typeof useDefinition<FormContent>>;
  kinds: FieldKind[];
}

function FormDesigner({ id, state, kinds }: FormDesignerProps) {
  const { t, i18n } = useTranslation(NS);
  const formList = useApi<{ items: Definition<unknown>[] }>('/api/v1/forms');
  const forms = useMemo(() => (formList.data?.items ?? []).map((d) => ({ value: d.key,
    label: `${pickText(d.name, i18n.language, d.key)} (${d.key})` })),
  [formList.data, i18n.language]);
  const def = state.def!;
  const [model, setModel] = useState<DesignerForm>(() => initial(def.draft));
  const [saved, setSaved] = useState(() => JSON.stringify(toContent(initial(def.draft))));
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState('design');
  const [phone, setPhone] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [published, setPublished] = useState<number>();
  const loads = useRef(state.loads);

  useEffect(() => {
    if (state.loads === loads.current) return;
    loads.current = state.loads;
    const m = initial(def.draft);
    setModel(m);
    setSaved(JSON.stringify(toContent(m)));
  }, [state.loads, def.draft]);

  const contentJSON = useMemo(() => JSON.stringify(toContent(model)), [model]);
  const dirty = contentJSON !== saved;
  useLeaveWarning(dirty);
  const lintBody = useMemo(() => JSON.stringify({ name: def.name,
    ...JSON.parse(contentJSON) as object }), [contentJSON, def.name]);
  const lint = useLint('forms', lintBody);
  const problems = useMemo(() => [...(lint.result?.errors ?? []),
    ...(lint.result?.warnings ?? []), ...saveFields(state.saveError)],
  [lint.result, state.saveError]);
  // Lint pointers index sections and fields as they were when linted; map
  // them with that model, whose fields keep their uids, so a field moved
  // meanwhile keeps its own findings.
  const linted = useRef(new Map<string, DesignerForm>());
  if (!linted.current.has(lintBody)) {
    linted.current.set(lintBody, model);
    if (linted.current.size > 20) linted.current.delete(linted.current.keys().next().value!);
  }
  const basis = (lint.answered && linted.current.get(lint.answered)) || model;
  const findings = useMemo(() => mapFormFindings(basis, problems), [basis, problems]);

  const save = useCallback(async () => {
    // A patch keeps the members it leaves out: rules go along even when
    // there are none left, so deleting the last rule sticks.
    const body = JSON.parse(contentJSON) as FormContent;
    await state.save({ ...body, rules: body.rules ?? [] });
    setSaved(contentJSON);
  }, [state, contentJSON]);
  const trySave = () => { save().catch(() => undefined); };
  const openPublish = async () => {
    try {
      if (dirty) await save();
      setPublished(undefined);
      setPublishOpen(true);
    } catch { /* the save error is shown */ }
  };

  const targetSection = () => {
    if (selected) {
      const at = findField(model, selected);
      if (at) return model.sections[at.section].uid;
      if (model.sections.some((s) => s.uid === selected)) return selected;
    }
    return model.sections[model.sections.length - 1].uid;
  };
  const add = (k: FieldKind, slot?: DropSlot) => {
    const f = newField(model, k);
    const section = slot?.section ?? targetSection();
    const sec = model.sections.find((s) => s.uid === section);
    const index = slot && slot.index >= 0 ? slot.index : sec?.fields.length ?? 0;
    setModel(insertField(model, section, index, f));
    setSelected(f.uid);
  };

  const onDragEnd: DragDropEventHandlers['onDragEnd'] = (event) => {
    const { source, target } = event.operation;
    if (event.canceled || !source || !target) return;
    const slot = target.data as DropSlot | undefined;
    if (!slot?.section) return;
    if (source.type === PALETTE_TYPE) {
      const k = kinds.find((x) => x.name === (source.data as { kind: string }).kind);
      if (k) add(k, slot);
      return;
    }
    const uid = String(source.id);
    if (`slot:${uid}` === target.id) return;
    setModel((m) => {
      const sec = m.sections.find((s) => s.uid === slot.section);
      const from = findField(m, uid);
      if (!sec || !from) return m;
      let index = slot.index < 0 ? sec.fields.filter((f) => f.uid !== uid).length : slot.index;
      if (from.section === m.sections.indexOf(sec) && from.index < index && slot.index >= 0) {
        index -= 1;
      }
      return moveField(m, uid, slot.section, index);
    });
  };

  const field = selected ? findField(model, selected)?.field : undefined;
  const section = !field ? model.sections.find((s) => s.uid === selected) : undefined;
  const panel = field ? (
    <FieldProperties key={field.uid} model={model} field={field}
      kind={kinds.find((k) => k.name === field.kind)} kinds={kinds} forms={forms}
      problems={findings.byField[field.uid] ?? []}
      onChange={(c) => setModel((m) => updateField(m, field.uid, c))}
      onRename={(name) => setModel((m) => renameField(m, field.uid, name))}
      onRemove={() => { setModel((m) => removeField(m, field.uid)); setSelected(null); }} />
  ) : section ? (
    <SectionProperties section={section} problems={findings.bySection[section.uid] ?? []}
      onChange={(c) => setModel((m) => updateSection(m, section.uid, c))} />
  ) : null;

  const design = (
    <DragDropProvider onDragEnd={onDragEnd}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={7} lg={5}><Palette kinds={kinds} onAdd={(k) => add(k)} /></Col>
        <Col xs={24} md={17} lg={11}>
          {model.sections.every((s) => s.fields.length === 0) ? (
            <Alert type="info" showIcon title={t('form.noFields')} className="fw-gap" />
          ) : null}
          <Canvas model={model} kinds={kinds} findings={findings} selected={selected}
            onSelect={setSelected} onShift={(uid, d) => setModel((m) => shiftField(m, uid, d))}
            onRemoveField={(uid) => { setModel((m) => removeField(m, uid)); setSelected(null); }}
            onMoveSection={(uid, d) => setModel((m) => moveSection(m, uid, d))}
            onRemoveSection={(uid) => setModel((m) => removeSection(m, uid))}
            onAddSection={() => { const s = newSection(); setModel((m) => addSection(m, s));
              setSelected(s.uid); }} />
        </Col>
        <Col xs={24} lg={8}>
          <PropertiesPane open={panel !== null} onClose={() => setSelected(null)}
            title={field ? t('form.props.field') : t('form.props.section')}
            hint={<Typography.Paragraph type="secondary">{t('form.selectHint')}
            </Typography.Paragraph>}>{panel}</PropertiesPane>
        </Col>
      </Row>
    </DragDropProvider>
  );

  const preview = (
    <>
      <Segmented value={phone ? 'phone' : 'desktop'} onChange={(v) => setPhone(v === 'phone')}
        options={[{ value: 'desktop', label: t('form.preview.desktop') },
          { value: 'phone', label: t('form.preview.phone') }]} className="fw-gap" />
      <FormPreview model={model} phone={phone} />
    </>
  );

  return (
    <div className="fw-designer">
      <DesignerHeader def={def} dirty={dirty} saving={state.saving} lint={lint.result}
        checking={lint.checking} onSave={trySave} onPublish={() => { void openPublish(); }}
        onVersions={() => setHistoryOpen(true)} />
      {state.conflict ? <Alert type="warning" showIcon title={t('common.conflict')}
        action={<Button size="small" onClick={state.reload}>{t('common.reload')}</Button>} />
        : <ProblemAlert error={state.saveError} />}
      {lint.error ? <ProblemAlert error={lint.error} /> : null}
      {published ? <Alert type="success" showIcon
        closable={{ onClose: () => setPublished(undefined) }}
        title={t('publish.done', { version: published })} /> : null}
      <FindingList problems={findings.form} />
      <Tabs activeKey={tab} onChange={setTab} items={[
        { key: 'design', label: t('form.tabs.design'), children: design },
        { key: 'rules', label: t('form.tabs.rules'), children: (
          <RulesEditor model={model} byRule={findings.byRule}
            onChange={(rules) => setModel((m) => ({ ...m, rules }))} />) },
        { key: 'preview', label: t('form.tabs.preview'), children: preview },
      ]} />
      <PublishDialog open={publishOpen} kind="forms" id={id} published={def.published_version}
        dirty={false} onClose={() => setPublishOpen(false)}
        onPublish={async () => {
          const r = await state.publish();
          setPublished(r.version);
          setPublishOpen(false);
        }} />
      <VersionDrawer open={historyOpen} kind="forms" id={id} versions={def.versions ?? []}
        onClose={() => setHistoryOpen(false)} />
    </div>
  );
}

function initial(draft: FormContent | undefined): DesignerForm {
  const m = fromContent(draft);
  return m.sections.length > 0 ? m : { ...emptyForm(), ...m, sections: emptyForm().sections };
}

/** saveFields are the per-field findings of a refused save. */
function saveFields(e: unknown) {
  return e instanceof ApiProblem && e.status === 422 ? e.fields : [];
}
