import {
  Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, applyNodeChanges, useReactFlow,
  type Connection, type Edge, type Node, type NodeChange, type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Alert, Button, Col, Row, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
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
import { useLeaveWarning } from '../shared/useLeaveWarning';
import { useLint } from '../shared/useLint';
import { VersionDrawer } from '../shared/VersionDrawer';
import {
  autoLayout, drawable, FLOW_NODE_TYPE, mapGraphFindings, toFlowEdges, toFlowNodes, withPositions,
  type FlowNodeData,
} from './canvas';
import { EdgeProperties } from './EdgeProperties';
import {
  addNode, connect, normalizeGraph, NODE_KINDS, removeElements, renameNode, updateConfig,
  updateEdge, updateNode, type Graph, type NodeKind,
} from './graph';
import { NodeProperties, type Choices } from './NodeProperties';
import { SimulateDrawer } from './SimulateDrawer';
import { StepNode } from './StepNode';

/** ProcessContent is a process definition's stored content. */
interface ProcessContent {
  graph: Graph;
}

const nodeTypes: NodeTypes = { [FLOW_NODE_TYPE]: StepNode };

/** DRAG_MIME carries a palette step's kind in an HTML drag. */
const DRAG_MIME = 'application/x-formwork-step';

/** ProcessDesignerPage is the process designer at /design/processes/:id. */
export default function ProcessDesignerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(NS);
  const state = useDefinition<ProcessContent>('processes', id);
  return (
    <PageState loading={state.loading && !state.def} error={!state.def ? state.error : undefined}
      onRetry={state.reload} empty={!state.def} emptyText={t('common.notFound')}>
      {state.def ? (
        <ReactFlowProvider><ProcessDesigner id={id} state={state} /></ReactFlowProvider>
      ) : null}
    </PageState>
  );
}

interface ProcessDesignerProps {
  id: string;
  state: ReturnType<typeof useDefinition<ProcessContent>>;
}

function useChoices(): Choices {
  const { i18n } = useTranslation(NS);
  const forms = useApi<{ items: Definition<unknown>[] }>('/api/v1/forms');
  const calendars = useApi<{ items: Definition<unknown>[] }>('/api/v1/calendars');
  return useMemo(() => {
    const opts = (items?: Definition<unknown>[]) => (items ?? []).map((d) => ({
      value: d.key, label: `${pickText(d.name, i18n.language, d.key)} (${d.key})` }));
    const published = forms.data?.items?.filter((d) => d.published_version > 0);
    return { forms: opts(forms.data?.items), published: opts(published),
      calendars: opts(calendars.data?.items) };
  }, [forms.data, calendars.data, i18n.language]);
}

function ProcessDesigner({ id, state }: ProcessDesignerProps) {
  const { t, i18n } = useTranslation(NS);
  const def = state.def!;
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const choices = useChoices();
  // A graph without positions (a pack's, say) is laid out before it is
  // drawn; that layout counts as the saved state, so opening is not an edit.
  const [graph, setGraph] = useState<Graph>(() => drawable(normalizeGraph(def.draft?.graph)));
  const [saved, setSaved] = useState(() => JSON.stringify(graph));
  const [selected, setSelected] = useState<string | null>(null);
  const [panel, setPanel] = useState<'publish' | 'history' | 'simulate' | null>(null);
  const [published, setPublished] = useState<number>();
  const loads = useRef(state.loads);

  useEffect(() => {
    if (state.loads === loads.current) return;
    loads.current = state.loads;
    const g = drawable(normalizeGraph(def.draft?.graph));
    setGraph(g);
    setSaved(JSON.stringify(g));
  }, [state.loads, def.draft]);

  const graphJSON = useMemo(() => JSON.stringify(graph), [graph]);
  const dirty = graphJSON !== saved;
  useLeaveWarning(dirty);
  const lint = useLint('processes', useMemo(() =>
    JSON.stringify({ name: def.name, graph: JSON.parse(graphJSON) as Graph }),
  [graphJSON, def.name]));
  const problems = useMemo(() => [...(lint.result?.errors ?? []),
    ...(lint.result?.warnings ?? []), ...saveFields(state.saveError)],
  [lint.result, state.saveError]);
  const findings = useMemo(() => mapGraphFindings(graph, problems), [graph, problems]);

  const [nodes, setNodes] = useState<Node<FlowNodeData>[]>([]);
  useEffect(() => {
    setNodes((prev) => {
      const old = new Map(prev.map((n) => [n.id, n]));
      return toFlowNodes(graph, findings, i18n.language, selected).map((n) => {
        const o = old.get(n.id);
        return o ? { ...n, measured: o.measured } : n;
      });
    });
  }, [graph, findings, i18n.language, selected]);
  const edges = useMemo<Edge[]>(() => toFlowEdges(graph, findings, i18n.language, selected),
    [graph, findings, i18n.language, selected]);

  const onNodesChange = useCallback((changes: NodeChange<Node<FlowNodeData>>[]) => {
    setNodes((nds) => applyNodeChanges(changes, nds));
    for (const c of changes) {
      if (c.type === 'select' && c.selected) setSelected(c.id);
    }
  }, []);
  const onConnect = useCallback((c: Connection) => {
    setGraph((g) => connect(g, c.source, c.target, c.sourceHandle === 'boundary') ?? g);
  }, []);
  const remove = (nodeIds: string[], edgeIds: string[]) => {
    setGraph((g) => removeElements(g, nodeIds, edgeIds));
    setSelected(null);
  };

  const placeAt = (kind: NodeKind, x: number, y: number) => {
    const pos = flow.screenToFlowPosition({ x, y });
    const r = addNode(graph, kind, { x: Math.round(pos.x - 100), y: Math.round(pos.y - 32) });
    setGraph(r.graph);
    setSelected(r.id);
  };
  const addCentered = (kind: NodeKind) => {
    const box = wrapper.current?.getBoundingClientRect();
    placeAt(kind, (box?.left ?? 0) + (box?.width ?? 400) / 2,
      (box?.top ?? 0) + (box?.height ?? 300) / 2);
  };
  const onDrop = (e: DragEvent) => {
    const kind = e.dataTransfer.getData(DRAG_MIME) as NodeKind;
    if (!NODE_KINDS.includes(kind)) return;
    e.preventDefault();
    placeAt(kind, e.clientX, e.clientY);
  };

  const save = useCallback(async () => {
    await state.save({ graph: JSON.parse(graphJSON) as Graph });
    setSaved(graphJSON);
  }, [state, graphJSON]);
  const saveIfDirty = async () => { if (dirty) await save(); };
  const openPublish = async () => {
    try {
      await saveIfDirty();
      setPublished(undefined);
      setPanel('publish');
    } catch { /* the save error is shown */ }
  };
  const layout = () => {
    setGraph((g) => autoLayout(g));
    window.setTimeout(() => { void flow.fitView({ padding: 0.2 }); }, 50);
  };

  const node = graph.nodes.find((n) => n.id === selected);
  const edge = !node ? graph.edges.find((e) => e.id === selected) : undefined;
  const properties = node ? (
    <NodeProperties key={node.id} node={node} problems={findings.byNode[node.id] ?? []}
      choices={choices} onChange={(c) => setGraph((g) => updateNode(g, node.id, c))}
      onConfig={(c) => setGraph((g) => updateConfig(g, node.id, c))}
      onRename={(next) => {
        const g = renameNode(graph, node.id, next);
        if (!g) return false;
        setGraph(g);
        setSelected(next);
        return true;
      }}
      onRemove={() => remove([node.id], [])}
      outgoing={graph.edges.filter((e) => e.from === node.id)}
      targets={graph.nodes.filter((n) => n.id !== node.id && n.kind !== 'trigger').map((n) => ({
        value: n.id, label: pickText(n.name, i18n.language, n.id) }))}
      onConnect={(to, boundary) => setGraph((g) => connect(g, node.id, to, boundary) ?? g)}
      onPickEdge={setSelected} />
  ) : edge ? (
    <EdgeProperties key={edge.id} edge={edge} from={graph.nodes.find((n) => n.id === edge.from)}
      problems={findings.byEdge[edge.id] ?? []}
      onChange={(c) => setGraph((g) => updateEdge(g, edge.id, c))}
      onRemove={() => remove([], [edge.id])} />
  ) : null;

  const extra = (
    <>
      <Button onClick={layout} disabled={graph.nodes.length === 0}>
        {t('process.autoLayout')}
      </Button>
      <Button onClick={() => setPanel('simulate')} disabled={graph.nodes.length === 0}>
        {t('process.simulate')}
      </Button>
    </>
  );

  return (
    <div className="fw-designer">
      <DesignerHeader def={def} dirty={dirty} saving={state.saving} lint={lint.result}
        checking={lint.checking} onSave={() => { save().catch(() => undefined); }}
        onPublish={() => { void openPublish(); }} onVersions={() => setPanel('history')}
        extra={extra} />
      {state.conflict ? <Alert type="warning" showIcon title={t('common.conflict')}
        action={<Button size="small" onClick={state.reload}>{t('common.reload')}</Button>} />
        : <ProblemAlert error={state.saveError} />}
      {lint.error ? <ProblemAlert error={lint.error} /> : null}
      {published ? <Alert type="success" showIcon
        closable={{ onClose: () => setPublished(undefined) }}
        title={t('publish.done', { version: published })} /> : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={5}>
          <StepPalette onAdd={addCentered} />
        </Col>
        <Col xs={24} md={19} lg={12}>
          <div className="fw-flow" ref={wrapper} onDrop={onDrop}
            onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }}>
            {graph.nodes.length === 0 ? (
              <Alert type="info" showIcon title={t('process.emptyCanvas')} className="fw-gap" />
            ) : null}
            <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView
              onNodesChange={onNodesChange} onConnect={onConnect}
              onNodeDragStop={(_, __, moved) => setGraph((g) => withPositions(g, moved))}
              onEdgeClick={(_, e) => setSelected(e.id)} onPaneClick={() => setSelected(null)}
              onNodesDelete={(ns) => remove(ns.map((n) => n.id), [])}
              onEdgesDelete={(es) => remove([], es.map((e) => e.id))}
              deleteKeyCode={['Delete', 'Backspace']} nodesFocusable edgesFocusable
              proOptions={{ hideAttribution: true }}>
              <Background />
              <Controls />
              <MiniMap pannable zoomable className="fw-minimap" />
            </ReactFlow>
          </div>
          <section aria-label={t('process.findings')} className="fw-gap">
            {findings.graph.length > 0 ? (
              <Typography.Title level={5}>{t('process.graphFindings')}</Typography.Title>
            ) : null}
            <FindingList problems={findings.graph} />
            <FindingList problems={problems.filter((p) => !findings.graph.includes(p))}
              onPick={(p) => setSelected(nodeOrEdge(graph, p.node, p.edge, p.pointer))} />
          </section>
        </Col>
        <Col xs={24} lg={7}>
          <PropertiesPane open={properties !== null} onClose={() => setSelected(null)}
            title={node ? t('process.props.node') : t('process.props.edge')}
            hint={<Typography.Paragraph type="secondary">{t('process.selectHint')}
            </Typography.Paragraph>}>{properties}</PropertiesPane>
        </Col>
      </Row>
      <PublishDialog open={panel === 'publish'} kind="processes" id={id}
        published={def.published_version} dirty={false} onClose={() => setPanel(null)}
        onPublish={async () => {
          const r = await state.publish();
          setPublished(r.version);
          setPanel(null);
        }} />
      <VersionDrawer open={panel === 'history'} kind="processes" id={id}
        versions={def.versions ?? []} onClose={() => setPanel(null)} />
      <SimulateDrawer open={panel === 'simulate'} id={id} graph={graph} beforeRun={saveIfDirty}
        onPickNode={(n) => setSelected(n)} onClose={() => setPanel(null)} />
    </div>
  );
}

function StepPalette({ onAdd }: { onAdd: (k: NodeKind) => void }) {
  const { t } = useTranslation(NS);
  return (
    <nav aria-label={t('process.palette')} className="fw-palette">
      <Typography.Title level={5}>{t('process.palette')}</Typography.Title>
      <Typography.Paragraph type="secondary" className="fw-hint">
        {t('process.paletteHint')}
      </Typography.Paragraph>
      <div className="fw-step-palette">
        {NODE_KINDS.map((k) => (
          <Button key={k} size="small" className="fw-step-palette-item" draggable
            onDragStart={(e) => { e.dataTransfer.setData(DRAG_MIME, k);
              e.dataTransfer.effectAllowed = 'move'; }}
            onClick={() => onAdd(k)}>{t(`process.kinds.${k}`)}</Button>
        ))}
      </div>
    </nav>
  );
}

/** nodeOrEdge finds what a finding is about, for selecting it. */
function nodeOrEdge(g: Graph, node?: string, edge?: string, pointer = ''): string | null {
  if (edge) return edge;
  if (node) return node;
  const m = /\/(nodes|edges)\/(\d+)/.exec(pointer);
  if (!m) return null;
  const list = m[1] === 'nodes' ? g.nodes : g.edges;
  return list[Number(m[2])]?.id ?? null;
}

function saveFields(e: unknown) {
  return e instanceof ApiProblem && e.status === 422 ? e.fields : [];
}
