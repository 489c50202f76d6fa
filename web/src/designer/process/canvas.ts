/**
 * Conversion between the process graph and the @xyflow/react canvas, lint
 * findings mapped onto nodes and edges, and auto-layout with dagre. Plain
 * functions over plain data, tested without a browser.
 */
import dagre from '@dagrejs/dagre';
import type { Edge, Node } from '@xyflow/react';

import type { FieldProblem } from '../shared/definitions';
import { pickText } from '../shared/text';
import type { Graph, NodeKind, ProcessEdge, ProcessNode } from './graph';

/** GraphFindings groups lint findings by the element they concern. */
export interface GraphFindings {
  byNode: Record<string, FieldProblem[]>;
  byEdge: Record<string, FieldProblem[]>;
  /** graph holds findings about the whole graph (no trigger, no end …). */
  graph: FieldProblem[];
}

/**
 * mapGraphFindings attaches each finding to its node or edge: by the ids
 * the server puts on graph findings, else by the index in its pointer
 * ("/graph/nodes/3/config/due" is the fourth node).
 */
export function mapGraphFindings(g: Graph, problems: FieldProblem[]): GraphFindings {
  const out: GraphFindings = { byNode: {}, byEdge: {}, graph: [] };
  const nodeIds = new Set(g.nodes.map((n) => n.id));
  const edgeIds = new Set(g.edges.map((e) => e.id));
  for (const p of problems) {
    const [what, id] = targetOf(g, p, nodeIds, edgeIds);
    if (what === 'edge') (out.byEdge[id] ??= []).push(p);
    else if (what === 'node') (out.byNode[id] ??= []).push(p);
    else out.graph.push(p);
  }
  return out;
}

function targetOf(g: Graph, p: FieldProblem, nodeIds: Set<string>, edgeIds: Set<string>):
  ['node' | 'edge' | 'graph', string] {
  if (p.edge && edgeIds.has(p.edge)) return ['edge', p.edge];
  if (p.node && nodeIds.has(p.node)) return ['node', p.node];
  const m = /^(?:\/graph)?\/(nodes|edges)\/(\d+)(?:\/|$)/.exec(p.pointer);
  const i = Number(m?.[2]);
  if (m?.[1] === 'edges' && g.edges[i]) return ['edge', g.edges[i].id];
  if (m?.[1] === 'nodes' && g.nodes[i]) return ['node', g.nodes[i].id];
  return ['graph', ''];
}

/** FlowNodeData is what a canvas node carries. */
export interface FlowNodeData extends Record<string, unknown> {
  kind: NodeKind;
  title: string;
  problems: FieldProblem[];
}

/** FlowEdgeData is what a canvas edge carries. */
export interface FlowEdgeData extends Record<string, unknown> {
  boundary: boolean;
  problems: FieldProblem[];
}

/** FLOW_NODE_TYPE is the custom node type every process node is drawn with. */
export const FLOW_NODE_TYPE = 'step';

/** toFlowNodes draws the graph's nodes, titled in lng, with their findings. */
export function toFlowNodes(g: Graph, f: GraphFindings, lng: string,
  selected: string | null): Node<FlowNodeData>[] {
  return g.nodes.map((n) => ({
    id: n.id, type: FLOW_NODE_TYPE, position: { ...n.position }, selected: n.id === selected,
    data: { kind: n.kind, title: pickText(n.name, lng, n.id), problems: f.byNode[n.id] ?? [] },
    ariaLabel: pickText(n.name, lng, n.id),
  }));
}

/**
 * toFlowEdges draws the graph's edges with captions and findings; an SLA
 * edge leaves its task's boundary handle (other kinds have none, and lint
 * says such an edge is wrong).
 */
export function toFlowEdges(g: Graph, f: GraphFindings, lng: string,
  selected: string | null): Edge<FlowEdgeData>[] {
  const tasks = new Set(g.nodes.filter((n) => n.kind === 'user_task').map((n) => n.id));
  return g.edges.map((e) => {
    const problems = f.byEdge[e.id] ?? [];
    const boundary = e.kind === 'boundary';
    const classes = [boundary ? 'fw-edge-boundary' : '', problems.length ? 'fw-edge-error' : '']
      .filter(Boolean).join(' ');
    return {
      id: e.id, source: e.from, target: e.to, selected: e.id === selected,
      sourceHandle: boundary && tasks.has(e.from) ? 'boundary' : null,
      label: edgeCaption(e, lng) || undefined,
      className: classes || undefined, animated: boundary,
      data: { boundary, problems },
    };
  });
}

/** edgeCaption is the text drawn on an edge: label, else condition or after. */
export function edgeCaption(e: ProcessEdge, lng: string): string {
  const label = pickText(e.label, lng);
  if (label) return label;
  if (e.kind === 'boundary' && e.after) return `⏱ ${e.after}`;
  if (e.default) return '∅';
  return e.condition ?? '';
}

/** withPositions writes canvas positions back into the graph. */
export function withPositions(g: Graph, nodes: Pick<Node, 'id' | 'position'>[]): Graph {
  const pos = new Map(nodes.map((n) => [n.id, n.position]));
  return { ...g, nodes: g.nodes.map((n): ProcessNode => {
    const p = pos.get(n.id);
    return p && (p.x !== n.position.x || p.y !== n.position.y)
      ? { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } } : n;
  }) };
}

/** Node box size dagre lays out with; the canvas draws nodes this size. */
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;

/**
 * autoLayout places the nodes top to bottom with dagre; boundary edges get
 * less weight so the main path stays straight.
 */
export function autoLayout(g: Graph, direction: 'TB' | 'LR' = 'TB'): Graph {
  const d = new dagre.graphlib.Graph();
  d.setGraph({ rankdir: direction, nodesep: 48, ranksep: 64, marginx: 16, marginy: 16 });
  d.setDefaultEdgeLabel(() => ({}));
  for (const n of g.nodes) d.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of g.edges) {
    if (d.hasNode(e.from) && d.hasNode(e.to)) {
      d.setEdge(e.from, e.to, { weight: e.kind === 'boundary' ? 1 : 4 });
    }
  }
  dagre.layout(d);
  return { ...g, nodes: g.nodes.map((n) => {
    const p = d.node(n.id);
    if (!p) return n;
    return { ...n, position: { x: Math.round(p.x - NODE_WIDTH / 2),
      y: Math.round(p.y - NODE_HEIGHT / 2) } };
  }) };
}

/**
 * needsLayout reports whether nodes sit on top of each other, as in a graph
 * written by hand or shipped in a pack without positions; the designer then
 * lays it out before drawing it.
 */
export function needsLayout(g: Graph): boolean {
  const seen = new Set<string>();
  for (const n of g.nodes) {
    const key = `${n.position.x},${n.position.y}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** drawable is the graph as first drawn: laid out when it has to be. */
export function drawable(g: Graph): Graph {
  return needsLayout(g) ? autoLayout(g) : g;
}
