import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { csrFromPairs, topoOrder } from '../../src/graph/topo';
import type { Graph } from '../../src/graph/types';
import { validateGraph } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';
import { prepare, trace, type Prepared } from '../../src/runtime/compile';
import { GraphBuilder, tensor, withAttrs } from '../support/graph-builder';
import { cpu } from '../support/tf';

function prepared(graph: Graph, options = {}): Prepared {
  const p = prepare(validateGraph(graph, registry), options);
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  return p;
}

const sinTimesTwo = () =>
  new GraphBuilder()
    .input('x', [1, 2, 3])
    .constant('two', [2], [])
    .node('sin', 'Sin', {}, { x: 'x' })
    .node('mul', 'Mul', {}, { x: 'sin', y: 'two' })
    .build();

beforeAll(async () => {
  await cpu();
});

describe('topological order over positions', () => {
  it('keeps each node’s edges in the order given', () => {
    const { start, targets } = csrFromPairs(3, Int32Array.of(2, 0, 2, 0), Int32Array.of(1, 2, 0, 1));
    expect([...start]).toEqual([0, 2, 2, 4]);
    expect([...targets]).toEqual([2, 1, 1, 0]);
  });

  it('orders producers first, ties to the lower number', () => {
    const { order, cycles } = topoOrder(csrFromPairs(4, Int32Array.of(3, 1, 0), Int32Array.of(2, 2, 1)));
    expect([...order]).toEqual([0, 3, 1, 2]);
    expect(cycles).toEqual([]);
  });

  it('reports each cycle once, in edge order, from its lowest-numbered node', () => {
    // 0 → 1, and 3 → 2 → 4 → 3 reached from 1.
    const { order, cycles } = topoOrder(csrFromPairs(5, Int32Array.of(0, 1, 3, 2, 4), Int32Array.of(1, 2, 2, 4, 3)));
    expect([...order]).toEqual([0, 1]);
    expect(cycles).toEqual([[2, 4, 3]]);
  });
});

describe('validation by position', () => {
  it('lists nodes in order, then those on a cycle, like a map by id', () => {
    const g = new GraphBuilder()
      .node('b', 'Sin', {}, { x: 'a.y' })
      .node('a', 'Cos', {}, { x: 'b.y' })
      .input('x', [1])
      .node('y', 'Neg', {}, { x: 'x' })
      .node('q', 'Frobnicate')
      .build();
    const v = validateGraph(g, registry);
    expect(v.order).toEqual(['x', 'q', 'y']);
    expect([...v.nodes.keys()]).toEqual(['x', 'y', 'b', 'a']);
    expect(v.nodes.size).toBe(4);
    expect(v.nodes.has('q')).toBe(false);
    expect(v.nodes.get('y')!.inputRefs).toEqual([{ node: 'x', port: 'output' }]);
    expect([...v.nodes].map(([id, n]) => id === n.node.id)).toEqual([true, true, true, true]);
    const seen: string[] = [];
    v.nodes.forEach((n, id) => seen.push(`${id}:${n.op.name}`));
    expect(seen).toEqual(['x:Placeholder', 'y:Neg', 'b:Sin', 'a:Cos']);
    expect(v.consumersOf('x')).toEqual(['y']);
    expect(v.consumersOf('nobody')).toEqual([]);
  });

  it('keeps a repeated id for the first node that has it', () => {
    const g = new GraphBuilder().input('x', [1]).node('y', 'Neg', {}, { x: 'x' }).input('x', [2, 3]).build();
    const v = validateGraph(g, registry);
    expect(v.diagnostics.map((d) => d.kind)).toEqual(['duplicate-id']);
    expect(v.order).toEqual(['x', 'y']);
    expect(v.nodes.get('x')!.node).toBe(g.nodes[0]);
    expect(v.nodes.get('y')!.types).toEqual({ y: { dtype: 'float32', shape: [1] } });
  });

  it('does not infer types downstream of a node whose op is unknown', () => {
    const g = new GraphBuilder().node('u', 'Frobnicate').node('s', 'Sin', {}, { x: 'u.output' }).build();
    const v = validateGraph(g, registry);
    expect(v.diagnostics.map((d) => d.kind)).toEqual(['unknown-op']);
    expect(v.nodes.get('s')!.types).toBeUndefined();
    const p = prepare(v);
    expect(p.ok).toBe(false);
    expect(p.diagnostics.map((d) => d.kind)).toEqual(['unknown-op']);
  });

  it('wires variadic inputs by position whatever the edge order', () => {
    const g = new GraphBuilder()
      .input('a', [1, 2])
      .input('b', [3])
      .node('c', 'ConcatV2', { axis: 0 }, { 'values:1': 'b', 'values:0': 'a' })
      .build();
    const result = trace(tf, prepared(g));
    if (!result.ok) throw new Error('trace failed');
    const concat = result.plan.steps.find((s) => s.nodeId === 'c')!;
    const nodeOf = (slot: number) => result.plan.slots[slot]!.node;
    expect((concat.inputSlots[0] as number[]).map(nodeOf)).toEqual(['a', 'b']);
    result.plan.dispose();
  });
});

describe('trace key', () => {
  it('stays when only fed values change, and changes with shapes, attributes, structure or folding', () => {
    const g = sinTimesTwo();
    const key = prepared(g).key;
    expect(prepared(withAttrs(g, 'x', { value: tensor([4, 5, 6]) })).key).toBe(key);
    expect(prepared(withAttrs(g, 'x', { value: tensor([4, 5, 6, 7]) })).key).not.toBe(key);
    expect(prepared(withAttrs(g, 'two', { value: tensor([3], []) })).key).not.toBe(key);
    expect(prepared(g, { passes: ['prune'] }).key).not.toBe(key);
    expect(prepared(g, { outputs: ['sin'] }).key).not.toBe(key);
    const swapped = {
      ...g,
      edges: g.edges.map((e) => (e.target === 'mul' ? { ...e, targetPort: e.targetPort === 'x' ? 'y' : 'x' } : e)),
    };
    expect(prepared(swapped).key).not.toBe(key);
  });

  it('keeps node ids exactly, lone surrogates included', () => {
    const graph = (id: string) => new GraphBuilder().input(id, [1]).build();
    const lone = prepared(graph('x\uD800')).key;
    expect(lone).not.toBe(prepared(graph('x\uFFFD')).key);
    expect(lone).toContain('x\uD800');
    expect(prepared(graph('x😀')).key).toContain('x😀');
  });
});
