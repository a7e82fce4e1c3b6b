import { describe, expect, it } from 'vitest';
import { attr } from '../../src/graph/attrs';
import { connect } from '../../src/graph/edits';
import type { AnyOpSignature } from '../../src/graph/op-signature';
import { createRegistry } from '../../src/graph/registry';
import type { Graph, GraphEdge, GraphNode } from '../../src/graph/types';
import { validateGraph } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';
import { tensor } from '../support/graph-builder';

/**
 * Issue 10, finding 5 and what goes with it: validation is linear in edges (ports are looked up,
 * not walked), and no graph makes it throw. The speed itself is measured in bench/validate.ts.
 */

const x: GraphNode = { id: 'x', op: 'Placeholder', attrs: { value: tensor([1, 2]) } };
const into = (target: string, ports: readonly string[], prefix = 'e'): GraphEdge[] =>
  ports.map((targetPort, i) => ({ id: `${prefix}${i}`, source: 'x', sourcePort: 'output', target, targetPort }));
const positions = (n: number) => Array.from({ length: n }, (_, i) => `inputs:${i}`);

describe('a node of many inputs', () => {
  it('validates AddN of 100,000 inputs: the sum of them all, each producer listed once per edge', () => {
    const graph: Graph = { nodes: [x, { id: 'sum', op: 'AddN', attrs: {} }], edges: into('sum', positions(100_000)) };
    const v = validateGraph(graph, registry);
    expect(v.diagnostics).toEqual([]);
    expect(v.nodes.get('sum')!.types).toEqual({ sum: { dtype: 'float32', shape: [2] } });
    expect(v.nodes.get('sum')!.inputRefs).toHaveLength(100_000);
    expect(v.consumersOf('x')).toHaveLength(100_000);
  });

  it('finds a position fed twice, among few inputs and among many', () => {
    for (const count of [3, 1000]) {
      const edges = [...into('sum', positions(count)), ...into('sum', ['inputs:1', `inputs:${count - 1}`], 'again')];
      const graph: Graph = { nodes: [x, { id: 'sum', op: 'AddN', attrs: {} }], edges };
      const diagnostics = validateGraph(graph, registry).diagnostics;
      expect(diagnostics.map((d) => [d.edgeId, d.message])).toEqual([
        ['again0', 'input inputs:1 already has a value from x'],
        ['again1', `input inputs:${count - 1} already has a value from x`],
      ]);
    }
  });

  it('gives each position one spelling: "inputs:01" is no second way to feed position 1', () => {
    const graph: Graph = {
      nodes: [x, { id: 'sum', op: 'AddN', attrs: {} }],
      edges: into('sum', ['inputs:0', 'inputs:1', 'inputs:01', 'inputs:+1', 'inputs:']),
    };
    expect(validateGraph(graph, registry).diagnostics.map((d) => d.message)).toEqual([
      'AddN has no input "inputs:01" (inputs: inputs)',
      'AddN has no input "inputs:+1" (inputs: inputs)',
      'AddN has no input "inputs:" (inputs: inputs)',
    ]);
  });

  it("names a few of a script's 1,000 outputs, not all, when an edge reads one it lacks", () => {
    const outputs = Array.from({ length: 1000 }, (_, i) => ({ name: `y${i}`, dtype: 'float32' as const }));
    const graph: Graph = {
      nodes: [{ id: 's', op: 'TensorScript', attrs: { inputs: [], outputs, body: 'return [];' } }, x],
      edges: [{ id: 'e', source: 's', sourcePort: 'y1000', target: 'x', targetPort: 'x' }],
    };
    expect(validateGraph(graph, registry).diagnostics[0]!.message).toBe(
      'TensorScript has no output "y1000" (outputs: y0, y1, y2, y3, y4, y5, y6, y7, … (1,000 in all))',
    );
  });

  it('refuses an edit that closes a cycle through a node read by 50,000 others', () => {
    const readers = Array.from({ length: 50_000 }, (_, i): GraphNode => ({ id: `n${i}`, op: 'Neg', attrs: {} }));
    const edges = readers.map((n, i): GraphEdge => ({
      id: `e${i}`,
      source: 'x',
      sourcePort: 'output',
      target: n.id,
      targetPort: 'x',
    }));
    const graph: Graph = { nodes: [{ id: 'x', op: 'Identity', attrs: {} }, ...readers], edges };
    const back = { id: 'back', source: 'n49999', sourcePort: 'y', target: 'x', targetPort: 'input' };
    expect(connect(graph, back, registry, validateGraph(graph, registry))).toEqual({
      ok: false,
      reason: 'connecting n49999 to x would make a cycle',
    });
  });
});

describe('ops that fail otherwise than they mean to', () => {
  const broken = (overrides: Partial<AnyOpSignature>): AnyOpSignature => ({
    name: 'Broken',
    category: 'math',
    doc: 'fails',
    inputs: { x: { dtypes: ['float32'] } },
    outputs: ['y'],
    attrs: { n: attr.int(1) },
    kind: 'pure',
    differentiable: false,
    infer: ({ x }) => ({ y: x! }),
    ...overrides,
  });
  const graphOf = (attrs = {}): Graph => ({
    nodes: [x, { id: 'b', op: 'Broken', attrs }, { id: 'after', op: 'Broken', attrs: {} }],
    edges: [
      { id: 'e0', source: 'x', sourcePort: 'output', target: 'b', targetPort: 'x' },
      { id: 'e1', source: 'b', sourcePort: 'y', target: 'after', targetPort: 'x' },
    ],
  });

  it('report an inference that throws a TypeError on its node, and infer nothing after it', () => {
    const ops = createRegistry([
      registry.get('Placeholder')!,
      broken({
        infer: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'includes')");
        },
      }),
    ]);
    const v = validateGraph(graphOf(), ops);
    expect(v.diagnostics).toEqual([
      {
        kind: 'shape-mismatch',
        nodeId: 'b',
        message:
          "Broken: its output types could not be worked out (TypeError: Cannot read properties of undefined (reading 'includes'))",
      },
    ]);
    expect(v.nodes.get('after')!.types).toBeUndefined();
  });

  it('report ports that cannot be made from valid attributes on the node', () => {
    const ops = createRegistry([
      registry.get('Placeholder')!,
      broken({
        ports: ({ n }) => ({
          inputs: { x: { dtypes: ['float32'] } },
          outputs: Array.from({ length: n as number }, () => 'y'),
        }),
      }),
    ]);
    const v = validateGraph(graphOf({ n: 2 ** 32 }), ops);
    expect(v.diagnostics).toEqual([
      {
        kind: 'invalid-attr',
        nodeId: 'b',
        message: 'Broken: its ports cannot be made from its attributes (RangeError: Invalid array length)',
      },
    ]);
  });

  it('refuse a billion outputs from Split, SplitV, Unpack or an imported op before making their ports', () => {
    for (const [op, attrs, name] of [
      ['Split', { num_split: 1e9 }, 'num_split'],
      ['SplitV', { num_split: 1e9 }, 'num_split'],
      ['Unpack', { num: 1e9 }, 'num'],
      ['Unsupported', { tf_op: 'Foo', num_outputs: 1e9 }, 'num_outputs'],
    ] as const) {
      const v = validateGraph({ nodes: [x, { id: 'b', op, attrs }], edges: into('b', []) }, registry);
      expect(
        v.diagnostics.find((d) => d.nodeId === 'b'),
        op,
      ).toMatchObject({ kind: 'invalid-attr', message: `${name}: must be ≤ 65536, got 1000000000` });
    }
  });
});
