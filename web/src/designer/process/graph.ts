/**
 * The process graph as the server stores it (designer/process: nodes with
 * kind, name, position and config; edges with kind, condition, default,
 * after) and the edits the designer makes to it. The canvas conversion is
 * in canvas.ts; nothing here imports React.
 */
import type { Text } from '../shared/text';

/** NodeKind is a kind of process step. */
export type NodeKind =
  | 'trigger' | 'user_task' | 'timer' | 'silence_watch' | 'exclusive_gateway'
  | 'parallel_split' | 'parallel_join' | 'notify' | 'set_fields' | 'move_stage'
  | 'assign_owner' | 'create_ticket' | 'create_record' | 'award_points' | 'call_action'
  | 'sub_process' | 'end';

/** NODE_KINDS lists every node kind in the palette's order (the server's). */
export const NODE_KINDS: NodeKind[] = [
  'trigger', 'user_task', 'timer', 'silence_watch', 'exclusive_gateway', 'parallel_split',
  'parallel_join', 'notify', 'set_fields', 'move_stage', 'assign_owner', 'create_ticket',
  'create_record', 'award_points', 'call_action', 'sub_process', 'end',
];

/** Config is a node's kind-specific settings, as JSON. */
export type Config = Record<string, unknown>;

/** ProcessNode is one step. */
export interface ProcessNode {
  id: string;
  kind: NodeKind;
  name?: Text;
  position: { x: number; y: number };
  config?: Config;
}

/** ProcessEdge connects two steps. */
export interface ProcessEdge {
  id: string;
  from: string;
  to: string;
  kind?: 'normal' | 'boundary';
  condition?: string;
  default?: boolean;
  after?: string;
  interrupting?: boolean;
  label?: Text;
}

/** Graph is a process's content member "graph". */
export interface Graph {
  nodes: ProcessNode[];
  edges: ProcessEdge[];
}

/** defaultConfig is the config a new node of kind k starts with. */
export function defaultConfig(k: NodeKind): Config {
  switch (k) {
    case 'trigger': return { on: 'record_created', form: '' };
    case 'user_task': return { assignee: { rule: 'owner' }, due: '2h business' };
    case 'timer': return { duration: '1h' };
    case 'silence_watch': return { duration: '48h' };
    case 'notify': return { channel: 'in_app', recipients: [{ kind: 'owner' }], message: {} };
    case 'set_fields': return { assignments: {} };
    case 'move_stage': return { stage: '' };
    case 'assign_owner': return { assignee: { rule: 'least_loaded', role: 'rep' } };
    case 'create_ticket': return { form: '', title: {}, assignee: { rule: 'owner_manager' } };
    case 'create_record': return { form: '', fields: {} };
    case 'award_points': return { ledger: '', points: 1, to: 'owner' };
    case 'call_action': return { webhook: '' };
    case 'sub_process': return { process: '' };
    default: return {};
  }
}

/** ID_PATTERN is the server's alphabet for node and edge ids. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function freshId(taken: Set<string>, prefix: string): string {
  for (let n = 1; ; n += 1) {
    const id = `${prefix}_${n}`;
    if (!taken.has(id)) return id;
  }
}

/** addNode adds a node of kind k at position; it returns the graph and the id. */
export function addNode(g: Graph, k: NodeKind, position: { x: number; y: number }):
  { graph: Graph; id: string } {
  const id = freshId(new Set(g.nodes.map((n) => n.id)), k);
  const node: ProcessNode = { id, kind: k, position, config: defaultConfig(k) };
  return { graph: { ...g, nodes: [...g.nodes, node] }, id };
}

/**
 * connect adds an edge from one node to another; a second edge between the
 * same two nodes in the same direction, or an edge to itself, is refused
 * (null). Edges leaving a user task from its "boundary" handle are SLA
 * edges, due after 2 hours until the designer says otherwise.
 */
export function connect(g: Graph, from: string, to: string, boundary = false): Graph | null {
  if (from === to || g.edges.some((e) => e.from === from && e.to === to)) return null;
  if (!g.nodes.some((n) => n.id === from) || !g.nodes.some((n) => n.id === to)) return null;
  const id = freshId(new Set(g.edges.map((e) => e.id)), 'e');
  const edge: ProcessEdge = boundary ? { id, from, to, kind: 'boundary', after: '2h' }
    : { id, from, to };
  return { ...g, edges: [...g.edges, edge] };
}

/** removeElements drops nodes (with their edges) and edges by id. */
export function removeElements(g: Graph, nodeIds: string[], edgeIds: string[]): Graph {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    nodes: g.nodes.filter((n) => !nodes.has(n.id)),
    edges: g.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.from) && !nodes.has(e.to)),
  };
}

/** updateNode applies change to the node with id. */
export function updateNode(g: Graph, id: string, change: Partial<ProcessNode>): Graph {
  return { ...g, nodes: g.nodes.map((n) => (n.id === id ? { ...n, ...change } : n)) };
}

/** updateConfig merges change into the config of the node with id. */
export function updateConfig(g: Graph, id: string, change: Config): Graph {
  return { ...g, nodes: g.nodes.map((n) => (n.id === id
    ? { ...n, config: { ...(n.config ?? {}), ...change } } : n)) };
}

/** updateEdge applies change to the edge with id. */
export function updateEdge(g: Graph, id: string, change: Partial<ProcessEdge>): Graph {
  return { ...g, edges: g.edges.map((e) => (e.id === id ? { ...e, ...change } : e)) };
}

/**
 * renameNode changes a node's id and every edge that names it; an id
 * already taken or outside the server's alphabet is refused (null).
 */
export function renameNode(g: Graph, id: string, next: string): Graph | null {
  if (next === id) return g;
  if (!ID_PATTERN.test(next) || g.nodes.some((n) => n.id === next)) return null;
  return {
    nodes: g.nodes.map((n) => (n.id === id ? { ...n, id: next } : n)),
    edges: g.edges.map((e) => ({ ...e, from: e.from === id ? next : e.from,
      to: e.to === id ? next : e.to })),
  };
}

/** normalizeGraph fills in what the server may leave out of a stored graph. */
export function normalizeGraph(raw: Partial<Graph> | undefined): Graph {
  return {
    nodes: (raw?.nodes ?? []).map((n) => ({ ...n, position: n.position ?? { x: 0, y: 0 } })),
    edges: (raw?.edges ?? []).map((e) => ({ ...e })),
  };
}
