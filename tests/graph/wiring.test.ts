import { describe, expect, it } from 'vitest';
import { nextAlongEdges } from '../../src/graph/edge-neighbours';
import { insertOnEdge } from '../../src/graph/insert-on-edge';
import { inputsFor, opsFittingPort, outputsFor } from '../../src/graph/port-fit';
import type { Graph } from '../../src/graph/types';
import { validateGraph } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';
import { GraphBuilder } from '../support/graph-builder';

const ops = (...names: string[]) => names.map((n) => registry.get(n)!);
const validation = (g: Graph) => validateGraph(g, registry);

describe('ops that fit a dragged port', () => {
  it('from a float output: ops with an input taking float32, wired at that input', () => {
    const fitting = opsFittingPort(ops('Sin', 'LogicalNot', 'Relu', 'Placeholder', 'ConcatV2'), {
      side: 'output',
      dtype: 'float32',
    });
    // LogicalNot takes bool only; a Placeholder has no input; ConcatV2's first slot, not its axis input.
    expect(fitting).toEqual([
      { op: 'Sin', port: 'x' },
      { op: 'Relu', port: 'features' },
      { op: 'ConcatV2', port: 'values:0' },
    ]);
  });

  it('from a bool output: only ops whose inputs take bool', () => {
    expect(opsFittingPort(ops('Sin', 'LogicalNot', 'Relu'), { side: 'output', dtype: 'bool' })).toEqual([
      { op: 'LogicalNot', port: 'x' },
    ]);
  });

  it('from an input: ops with an output, wired at their first output', () => {
    expect(opsFittingPort(ops('Sin', 'Placeholder'), { side: 'input', dtypes: ['float32'] })).toEqual([
      { op: 'Sin', port: 'y' },
      { op: 'Placeholder', port: 'output' },
    ]);
  });
});

describe('ports a wire can reach', () => {
  const graph = new GraphBuilder()
    .input('x', [1, 2, 3])
    .node('s', 'Sin', {}, { x: 'x' })
    .node('n', 'LogicalNot')
    .node('add', 'AddV2', {}, { x: 's' })
    .build();

  it("an output reaches the inputs that take its dtype, not its own node's, its producers' or those it feeds", () => {
    expect(inputsFor(graph, validation(graph), 's', 'y')).toEqual([{ node: 'add', port: 'y', fed: false }]);
    // x feeds s; add.x is fed by s: taking it would replace that wire.
    expect(inputsFor(graph, validation(graph), 'x', 'output')).toEqual([
      { node: 'add', port: 'x', fed: true },
      { node: 'add', port: 'y', fed: false },
    ]);
  });

  it('an input is reached by the outputs upstream or beside it, not downstream', () => {
    expect(outputsFor(graph, validation(graph), 's', 'x').map((c) => `${c.node}.${c.port}`)).toEqual([
      'x.output',
      'n.y',
    ]);
  });
});

describe('moving along edges', () => {
  const g = new GraphBuilder()
    .input('x', [1])
    .node('a', 'Sin', {}, { x: 'x' })
    .node('b', 'Cos', {}, { x: 'x' })
    .node('c', 'Neg', {}, { x: 'x' })
    .node('m', 'AddV2', {}, { x: 'a', y: 'b' })
    .build();
  const at: Record<string, { x: number; y: number }> = {
    x: { x: 0, y: 100 },
    a: { x: 200, y: 0 },
    b: { x: 200, y: 100 },
    c: { x: 200, y: 200 },
    m: { x: 400, y: 40 },
  };
  const placed: Graph = { ...g, nodes: g.nodes.map((n) => ({ ...n, position: at[n.id] })) };

  it('right goes to the consumer nearest in height, left to a producer', () => {
    expect(nextAlongEdges(placed, 'x', 'consumer')).toBe('b');
    expect(nextAlongEdges(placed, 'a', 'consumer')).toBe('m');
    expect(nextAlongEdges(placed, 'm', 'producer')).toBe('a');
    expect(nextAlongEdges(placed, 'x', 'producer')).toBeNull();
  });

  it('up and down go to the siblings above and below', () => {
    expect(nextAlongEdges(placed, 'b', 'previous-sibling')).toBe('a');
    expect(nextAlongEdges(placed, 'b', 'next-sibling')).toBe('c');
    expect(nextAlongEdges(placed, 'a', 'previous-sibling')).toBeNull();
    expect(nextAlongEdges(placed, 'm', 'next-sibling')).toBeNull();
  });
});

describe('inserting a node on an edge', () => {
  const g = new GraphBuilder().input('x', [1, 2]).node('s', 'Sin', {}, { x: 'x' }).node('r', 'Relu').build();

  it('wires source → first input and first output → old target, in place of the edge', () => {
    const result = insertOnEdge(g, 'e0', 'r', registry, validation, ['e1', 'e2']);
    expect(result.ok && result.graph.edges).toEqual([
      { id: 'e1', source: 'x', sourcePort: 'output', target: 'r', targetPort: 'features' },
      { id: 'e2', source: 'r', sourcePort: 'activations', target: 's', targetPort: 'x' },
    ]);
  });

  it('refuses a node that is wired already, or has no input', () => {
    expect(insertOnEdge(g, 'e0', 's', registry, validation, ['e1', 'e2']).ok).toBe(false);
    const withInput = new GraphBuilder().input('x', [1]).node('s', 'Sin', {}, { x: 'x' }).input('p', [2]).build();
    expect(insertOnEdge(withInput, 'e0', 'p', registry, validation, ['e1', 'e2'])).toEqual({
      ok: false,
      reason: 'Placeholder needs an input and an output to sit on an edge',
    });
  });
});
