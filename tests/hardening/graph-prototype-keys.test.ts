import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/graph/diagnostics';
import { connect } from '../../src/graph/edits';
import type { Graph, GraphEdge, GraphNode } from '../../src/graph/types';
import { validateGraph } from '../../src/graph/validate';
import { exportGraphModel } from '../../src/io/graph-model/export-graph-model';
import { importGraphModel } from '../../src/io/graph-model/import-graph-model';
import { parseGraphFile, serializeGraph } from '../../src/io/graph-file';
import { registry } from '../../src/ops/registry';
import { runnableOutputs } from '../../src/store/runner';
import { tensor } from '../support/graph-builder';
import { prototypeChanges, snapshotObjectPrototype } from '../support/object-prototype';

/**
 * Issue 10, finding 3: names that are Object.prototype's keys are data like any other name, in
 * validation, the graph file, the GraphModel files and the store's choice of what to run.
 */
const before = snapshotObjectPrototype();
afterAll(() => expect(prototypeChanges(before)).toEqual([]));

/** Every string key of Object.prototype: constructor, __proto__, toString, hasOwnProperty, … */
const PROTOTYPE_KEYS = Reflect.ownKeys(Object.prototype).filter((k): k is string => typeof k === 'string');

const x = (id = 'x'): GraphNode => ({ id, op: 'Placeholder', attrs: { value: tensor([1, -2]) } });
const edge = (id: string, source: string, sourcePort: string, target: string, targetPort: string): GraphEdge => ({
  id,
  source,
  sourcePort,
  target,
  targetPort,
});

function diagnose(graph: Graph): Diagnostic[] {
  return [...validateGraph(graph, registry).diagnostics];
}

describe('ports named after Object.prototype keys', () => {
  it('has one diagnostic per edge into such a port, on that edge, and none besides', () => {
    for (const port of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      // The Neg is fully wired, so that its inputs' dtypes are checked with the stray edge present.
      const graph: Graph = {
        nodes: [x(), { id: 'n', op: 'Neg', attrs: {} }],
        edges: [edge('good', 'x', 'output', 'n', 'x'), edge('bad', 'x', 'output', 'n', port)],
      };
      expect(diagnose(graph)).toEqual([
        {
          kind: 'invalid-edge',
          nodeId: 'n',
          port,
          edgeId: 'bad',
          message: `Neg has no input "${port}" (inputs: x)`,
        },
      ]);
    }
  });

  it('reports an edge out of such a port, and a variadic position of such an input', () => {
    const graph: Graph = {
      nodes: [x(), { id: 'n', op: 'Neg', attrs: {} }, { id: 'sum', op: 'AddN', attrs: {} }],
      edges: [
        edge('good', 'x', 'output', 'n', 'x'),
        edge('from', 'x', 'toString', 'sum', 'inputs:0'),
        edge('to', 'n', 'y', 'sum', 'constructor:0'),
        edge('first', 'n', 'y', 'sum', 'inputs:0'),
      ],
    };
    expect(diagnose(graph).map((d) => [d.edgeId, d.message])).toEqual([
      ['from', 'Placeholder has no output "toString" (outputs: output)'],
      ['to', 'AddN has no input "constructor" (inputs: inputs)'],
    ]);
  });

  it('refuses such a connection in an edit with the reason, and infers nothing from Object.prototype', () => {
    const graph: Graph = { nodes: [x(), { id: 'n', op: 'Neg', attrs: {} }], edges: [] };
    const validation = validateGraph(graph, registry);
    for (const port of ['constructor', '__proto__'])
      expect(connect(graph, edge('e', 'x', 'output', 'n', port), registry, validation)).toEqual({
        ok: false,
        reason: `Neg has no input "${port}" (inputs: x)`,
      });
    expect(connect(graph, edge('e', 'x', 'valueOf', 'n', 'x'), registry, validation)).toEqual({
      ok: false,
      reason: 'Placeholder has no output valueOf',
    });
  });

  it('wires a script whose declared ports are such names', () => {
    const graph: Graph = {
      nodes: [
        x(),
        {
          id: 'script',
          op: 'TensorScript',
          attrs: {
            inputs: [{ name: 'constructor', dtype: 'float32' }],
            outputs: [
              { name: 'toString', dtype: 'float32', shape: [2] },
              { name: 'valueOf', dtype: 'int32', shape: [] },
            ],
            body: 'return { toString: constructor, valueOf: tf.scalar(1, "int32") };',
          },
        },
        { id: 'n', op: 'Neg', attrs: {} },
      ],
      edges: [edge('in', 'x', 'output', 'script', 'constructor'), edge('out', 'script', 'toString', 'n', 'x')],
    };
    const v = validateGraph(graph, registry);
    expect(v.diagnostics).toEqual([]);
    expect(Object.keys(v.nodes.get('script')!.inputs)).toEqual(['constructor']);
    expect(v.nodes.get('n')!.types).toEqual({ y: { dtype: 'float32', shape: [2] } });
  });
});

describe('node ids that are Object.prototype keys', () => {
  // constructor = x, __proto__ = -x, toString = sin(__proto__), hasOwnProperty = __proto__ + toString
  const graph: Graph = {
    nodes: [
      x('constructor'),
      { id: '__proto__', op: 'Neg', attrs: {} },
      { id: 'toString', op: 'Sin', attrs: {} },
      { id: 'hasOwnProperty', op: 'AddV2', attrs: {} },
    ],
    edges: [
      edge('valueOf', 'constructor', 'output', '__proto__', 'x'),
      edge('isPrototypeOf', '__proto__', 'y', 'toString', 'x'),
      edge('__defineGetter__', '__proto__', 'y', 'hasOwnProperty', 'x'),
      edge('__proto__', 'toString', 'y', 'hasOwnProperty', 'y'),
    ],
  };

  it('validates, with every type inferred and every consumer found', () => {
    const v = validateGraph(graph, registry);
    expect(v.diagnostics).toEqual([]);
    expect(v.order).toEqual(['constructor', '__proto__', 'toString', 'hasOwnProperty']);
    expect(v.nodes.get('hasOwnProperty')!.types).toEqual({ z: { dtype: 'float32', shape: [2] } });
    expect(v.nodes.get('hasOwnProperty')!.inputRefs).toEqual([
      { node: '__proto__', port: 'y' },
      { node: 'toString', port: 'y' },
    ]);
    expect(v.consumersOf('__proto__')).toEqual(['toString', 'hasOwnProperty']);
    expect(v.consumersOf('valueOf')).toEqual([]);
    expect(v.nodes.has('valueOf')).toBe(false);
  });

  it('are all run by the editor, in either mode, and only the ones excluded by their own key are left out', () => {
    expect(runnableOutputs(graph, 'eager')).toEqual(['constructor', '__proto__', 'toString', 'hasOwnProperty']);
    expect(runnableOutputs(graph, 'graph')).toEqual(['hasOwnProperty']);
    const excluded = Object.fromEntries([['__proto__', 'timed out']]);
    expect(runnableOutputs(graph, 'eager', excluded)).toEqual(['constructor', 'toString', 'hasOwnProperty']);
  });
});

describe('attributes named after Object.prototype keys', () => {
  const fileWith = (attrs: string) =>
    `{"format": "tensorloom.graph", "version": 2, "nodes": [{"id": "n", "op": "Neg", "attrs": ${attrs}}], "edges": []}`;

  it('are each reported as unknown', () => {
    const attrs = Object.fromEntries(PROTOTYPE_KEYS.map((k) => [k, 1]));
    const graph: Graph = { nodes: [{ id: 'n', op: 'Neg', attrs }], edges: [] };
    const unknown = diagnose(graph).filter((d) => d.kind === 'invalid-attr');
    expect(unknown.map((d) => d.attr)).toEqual(PROTOTYPE_KEYS);
    expect(unknown[0]).toEqual({
      kind: 'invalid-attr',
      nodeId: 'n',
      attr: 'constructor',
      message: 'Neg has no attribute "constructor"',
    });
  });

  it('keeps "__proto__" and "constructor" from a file as own keys, for validation to report, and writes them back', () => {
    const imported = parseGraphFile(fileWith('{"__proto__": 2, "constructor": 1}'));
    if (!imported.ok) throw new Error(imported.error.message);
    const { attrs } = imported.graph.nodes[0]!;
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect(Object.entries(attrs)).toEqual([
      ['__proto__', 2],
      ['constructor', 1],
    ]);
    expect(diagnose(imported.graph).map((d) => d.message)).toEqual([
      'Neg has no attribute "__proto__"',
      'Neg has no attribute "constructor"',
      'input x is not connected',
    ]);
    const text = serializeGraph(imported.graph);
    expect(text).toContain('"__proto__": 2');
    const again = parseGraphFile(text);
    expect(again.ok && Object.entries(again.graph.nodes[0]!.attrs)).toEqual(Object.entries(attrs));
  });

  it('reports a bad value under "__proto__" at its path, as under any name', () => {
    const imported = parseGraphFile(fileWith('{"__proto__": {"dtype": "float32"}}'));
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.error.issues[0]!.path).toBe('nodes[0].attrs.__proto__.shape');
  });
});

/**
 * A graph in which every name is a key of Object.prototype: node ids, edge ids, ports of a script,
 * attribute names. Validation, the graph file and a GraphModel's files all keep each one as data.
 */
describe('a graph of nothing but Object.prototype keys', () => {
  // `__proto__` first: the GraphModel's signature then has an input of that name.
  const keys = ['__proto__', ...PROTOTYPE_KEYS.filter((k) => k !== '__proto__')];
  // A chain keys[0] → keys[1] → …: a Placeholder, then Negs, each also carrying an unknown
  // attribute named by the next key, and one stray edge per node into a port named by a key.
  const chain: GraphNode[] = keys.map((id, i) =>
    i === 0 ? x(id) : { id, op: 'Neg', attrs: { [keys[(i + 1) % keys.length]!]: i } },
  );
  const wires = keys.slice(1).map((id, i) => edge(`${id}`, keys[i]!, i === 0 ? 'output' : 'y', id, 'x'));
  const strays = keys.slice(1).map((id, i) => edge(`${id}:stray`, keys[i]!, i === 0 ? 'output' : 'y', id, keys[i]!));
  const valid: Graph = { nodes: keys.map((id, i) => (i === 0 ? x(id) : { id, op: 'Neg', attrs: {} })), edges: wires };
  const invalid: Graph = { nodes: chain, edges: [...wires, ...strays] };

  it('validates: every node typed, every stray edge and unknown attribute reported on its node', () => {
    expect(keys.length).toBeGreaterThanOrEqual(12);
    const v = validateGraph(valid, registry);
    expect(v.diagnostics).toEqual([]);
    expect(v.order).toEqual(keys);
    for (const id of keys.slice(1)) expect(v.nodes.get(id)!.types).toEqual({ y: { dtype: 'float32', shape: [2] } });

    const diagnostics = diagnose(invalid);
    const attrs = keys.slice(1).map((id, i) => ({
      kind: 'invalid-attr',
      nodeId: id,
      attr: keys[(i + 2) % keys.length],
      message: `Neg has no attribute "${keys[(i + 2) % keys.length]}"`,
    }));
    const edges = strays.map((e) => ({
      kind: 'invalid-edge',
      nodeId: e.target,
      port: e.targetPort,
      edgeId: e.id,
      message: `Neg has no input "${e.targetPort}" (inputs: x)`,
    }));
    expect(diagnostics).toEqual([...attrs, ...edges]);
  });

  it('comes back from its graph file as it went, names and all', () => {
    for (const graph of [valid, invalid]) {
      const imported = parseGraphFile(serializeGraph(graph));
      if (!imported.ok) throw new Error(imported.error.message);
      expect(imported.graph).toEqual(graph);
      expect(imported.graph.nodes.map((n) => Object.keys(n.attrs))).toEqual(
        graph.nodes.map((n) => Object.keys(n.attrs)),
      );
    }
  });

  it('comes back from a GraphModel export with its node names, inputs and outputs by name', () => {
    const exported = exportGraphModel(valid, registry);
    if (!exported.ok) throw new Error(exported.message);
    const { signature } = exported.modelJson;
    expect(Object.keys(signature.inputs)).toEqual([keys[0]]);
    expect(Object.keys(signature.outputs)).toEqual([keys.at(-1)]);
    const json = JSON.parse(JSON.stringify(exported.modelJson)) as unknown;
    const imported = importGraphModel(json, (path) => exported.shards.get(path), registry);
    if (!imported.ok) throw new Error(imported.message);
    expect(imported.graph.nodes.map((n) => n.id)).toEqual(keys);
    expect(imported.graph.edges.map((e) => [e.source, e.target])).toEqual(wires.map((e) => [e.source, e.target]));
    expect(validateGraph(imported.graph, registry).diagnostics).toEqual([]);
  });
});
