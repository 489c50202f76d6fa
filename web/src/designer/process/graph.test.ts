import { describe, expect, it } from 'vitest';

import {
  autoLayout, drawable, edgeCaption, needsLayout, mapGraphFindings, NODE_HEIGHT, toFlowEdges,
  toFlowNodes,
  withPositions,
} from './canvas';
import {
  addNode, connect, normalizeGraph, removeElements, renameNode, updateConfig, type Graph,
} from './graph';

/** sla is the lead pack's 2-hour response process, trimmed. */
const sla: Graph = {
  nodes: [
    { id: 'lead_created', kind: 'trigger', name: { en: 'Lead created', 'zh-CN': '新线索' },
      position: { x: 0, y: 0 }, config: { on: 'record_created', form: 'lead' } },
    { id: 'first_follow_up', kind: 'user_task', name: { en: 'First follow-up' },
      position: { x: 0, y: 100 }, config: { assignee: { rule: 'owner' }, due: '2h business' } },
    { id: 'done', kind: 'end', position: { x: 0, y: 200 }, config: {} },
    { id: 'remind', kind: 'notify', position: { x: 300, y: 200 }, config: {} },
  ],
  edges: [
    { id: 'e_start', from: 'lead_created', to: 'first_follow_up' },
    { id: 'e_done', from: 'first_follow_up', to: 'done' },
    { id: 'sla_2h', from: 'first_follow_up', to: 'remind', kind: 'boundary', after: '2h' },
  ],
};

const p = (pointer: string, extra: { node?: string; edge?: string } = {}) =>
  ({ pointer, code: 'c', message: `m ${pointer}`, ...extra });

describe('graph to canvas', () => {
  it('draws every node with its title in the language and its findings', () => {
    const f = mapGraphFindings(sla, [p('/graph/nodes/1/config/due', { node: 'first_follow_up' })]);
    const nodes = toFlowNodes(sla, f, 'zh-CN', 'done');
    expect(nodes.map((n) => n.id)).toEqual(sla.nodes.map((n) => n.id));
    expect(nodes[0].data.title).toBe('新线索');
    expect(nodes[1].data.title).toBe('First follow-up');
    expect(nodes[2].data.title).toBe('done');
    expect(nodes[1].data.problems).toHaveLength(1);
    expect(nodes[2].selected).toBe(true);
    expect(nodes[1].position).toEqual({ x: 0, y: 100 });
  });

  it('draws boundary edges from the boundary handle, captioned by their delay', () => {
    const edges = toFlowEdges(sla, mapGraphFindings(sla, []), 'en', null);
    const sl = edges.find((e) => e.id === 'sla_2h');
    expect(sl?.sourceHandle).toBe('boundary');
    expect(sl?.data?.boundary).toBe(true);
    expect(sl?.label).toBe('⏱ 2h');
    expect(edges[0]).toMatchObject({ source: 'lead_created', target: 'first_follow_up' });
  });

  it('writes dragged positions back, rounded, leaving others untouched', () => {
    const g = withPositions(sla, [{ id: 'done', position: { x: 10.4, y: 220.6 } }]);
    expect(g.nodes[2].position).toEqual({ x: 10, y: 221 });
    expect(g.nodes[0]).toBe(sla.nodes[0]);
  });

  it('captions edges by label, then condition, default or delay', () => {
    expect(edgeCaption({ id: 'a', from: 'x', to: 'y', label: { en: 'Yes' } }, 'en')).toBe('Yes');
    expect(edgeCaption({ id: 'a', from: 'x', to: 'y', condition: 'a > 1' }, 'en')).toBe('a > 1');
    expect(edgeCaption({ id: 'a', from: 'x', to: 'y', default: true }, 'en')).toBe('∅');
  });
});

describe('lint findings on the graph', () => {
  it('uses node and edge ids first, pointers second, the graph last', () => {
    const f = mapGraphFindings(sla, [
      p('/graph/nodes/0', { node: 'done' }),
      p('/graph/edges/2/after', { edge: 'sla_2h' }),
      p('/graph/nodes/3/config/channel'),
      p('/edges/0/to'),
      p('/graph/nodes', {}),
      p('/graph/nodes/1', { node: 'gone' }),
    ]);
    expect(Object.keys(f.byNode).sort()).toEqual(['done', 'first_follow_up', 'remind']);
    expect(f.byEdge.sla_2h).toHaveLength(1);
    expect(f.byEdge.e_start).toHaveLength(1);
    expect(f.graph.map((x) => x.pointer)).toEqual(['/graph/nodes']);
  });

  it('marks edges with findings for the canvas to draw in red', () => {
    const f = mapGraphFindings(sla, [p('/graph/edges/1/condition', { edge: 'e_done' })]);
    const e = toFlowEdges(sla, f, 'en', null).find((x) => x.id === 'e_done');
    expect(e?.className).toBe('fw-edge-error');
    expect(e?.data?.problems).toHaveLength(1);
  });
});

describe('graph edits', () => {
  it('adds nodes with fresh ids and default configs', () => {
    const a = addNode(sla, 'user_task', { x: 1, y: 2 });
    const b = addNode(a.graph, 'user_task', { x: 1, y: 2 });
    expect([a.id, b.id]).toEqual(['user_task_1', 'user_task_2']);
    expect(b.graph.nodes.at(-1)?.config).toEqual({ assignee: { rule: 'owner' },
      due: '2h business' });
  });

  it('connects once per direction, never a node to itself', () => {
    expect(connect(sla, 'lead_created', 'first_follow_up')).toBeNull();
    expect(connect(sla, 'done', 'done')).toBeNull();
    expect(connect(sla, 'done', 'nowhere')).toBeNull();
    const g = connect(sla, 'remind', 'done');
    expect(g?.edges.at(-1)).toEqual({ id: 'e_1', from: 'remind', to: 'done' });
    const b = connect(sla, 'first_follow_up', 'lead_created', true);
    expect(b?.edges.at(-1)).toMatchObject({ kind: 'boundary', after: '2h' });
  });

  it('removes a node with its edges', () => {
    const g = removeElements(sla, ['first_follow_up'], []);
    expect(g.nodes).toHaveLength(3);
    expect(g.edges).toEqual([]);
  });

  it('renames a node and its edges, refusing taken and bad ids', () => {
    expect(renameNode(sla, 'done', 'remind')).toBeNull();
    expect(renameNode(sla, 'done', 'has space')).toBeNull();
    const g = renameNode(sla, 'first_follow_up', 'call');
    expect(g?.edges.map((e) => [e.from, e.to])).toEqual([['lead_created', 'call'],
      ['call', 'done'], ['call', 'remind']]);
  });

  it('merges config changes', () => {
    const g = updateConfig(sla, 'lead_created', { form: 'promise' });
    expect(g.nodes[0].config).toEqual({ on: 'record_created', form: 'promise' });
  });

  it('fills in missing positions and lists', () => {
    expect(normalizeGraph(undefined)).toEqual({ nodes: [], edges: [] });
    const g = normalizeGraph({ nodes: [{ id: 'a', kind: 'end' } as never] });
    expect(g.nodes[0].position).toEqual({ x: 0, y: 0 });
  });
});

describe('auto layout', () => {
  it('lays out a graph whose nodes share a place, and only such a graph', () => {
    expect(needsLayout(sla)).toBe(false);
    const stacked = { ...sla, nodes: sla.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) };
    expect(needsLayout(stacked)).toBe(true);
    expect(needsLayout(drawable(stacked))).toBe(false);
    expect(drawable(sla)).toBe(sla);
  });

  it('puts each step below the one before it', () => {
    const g = autoLayout(sla);
    const y = Object.fromEntries(g.nodes.map((n) => [n.id, n.position.y]));
    expect(y.first_follow_up - y.lead_created).toBeGreaterThanOrEqual(NODE_HEIGHT);
    expect(y.done).toBeGreaterThan(y.first_follow_up);
    expect(y.remind).toBeGreaterThan(y.first_follow_up);
    const x = g.nodes.map((n) => n.position.x);
    expect(new Set(x.map((v) => Number.isFinite(v))).has(false)).toBe(false);
  });
});
