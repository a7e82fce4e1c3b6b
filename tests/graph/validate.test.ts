import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/graph/diagnostics';
import { createRegistry } from '../../src/graph/registry';
import { topoSort } from '../../src/graph/topo';
import type { Graph } from '../../src/graph/types';
import { validateGraph } from '../../src/graph/validate';
import { registry } from '../../src/ops/registry';
import { GraphBuilder } from '../support/graph-builder';

function diagnose(graph: Graph): Diagnostic[] {
  return [...validateGraph(graph, registry).diagnostics];
}

function link(graph: Graph, source: string, sourcePort: string, target: string, targetPort: string): Graph {
  return { ...graph, edges: [...graph.edges, { id: `${source}-${target}`, source, sourcePort, target, targetPort }] };
}

describe('graph validation', () => {
  it('accepts a valid graph and infers every output type', () => {
    const g = new GraphBuilder()
      .input('x', [1, 2, 3, 4, 5, 6], [2, 3])
      .constant('w', [1, 2, 3], [3, 1])
      .node('mm', 'MatMul', {}, { a: 'x', b: 'w' })
      .node('s', 'Sum', { axis: [0] }, { input: 'mm' })
      .build();
    const v = validateGraph(g, registry);
    expect(v.diagnostics).toEqual([]);
    expect(v.nodes.get('mm')!.types).toEqual({ product: { dtype: 'float32', shape: [2, 1] } });
    expect(v.nodes.get('s')!.types).toEqual({ output: { dtype: 'float32', shape: [1] } });
    expect(v.order.indexOf('x')).toBeLessThan(v.order.indexOf('mm'));
  });

  it('names every node on a cycle, in edge order', () => {
    let g = new GraphBuilder()
      .input('x', [1])
      .node('a', 'AddV2', {}, { x: 'x' })
      .node('b', 'Sin', {}, { x: 'a' })
      .node('c', 'Cos', {}, { x: 'b' })
      .node('after', 'Neg', {}, { x: 'c' })
      .build();
    g = link(g, 'c', 'y', 'a', 'y');
    const cycles = diagnose(g).filter((d) => d.kind === 'cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.cycle).toEqual(['a', 'b', 'c']);
    expect(cycles[0]!.message).toBe('cycle: a → b → c → a');
  });

  it('finds each of two separate cycles once', () => {
    const edges = new Map([
      ['p', ['q']],
      ['q', ['p', 't']],
      ['r', ['s']],
      ['s', ['r']],
    ]);
    const { cycles } = topoSort(['p', 'q', 'r', 's', 't'], (id) => edges.get(id) ?? []);
    expect(cycles.map((c) => [...c].sort())).toEqual([
      ['p', 'q'],
      ['r', 's'],
    ]);
  });

  it('reports a missing required input on its port', () => {
    const g = new GraphBuilder().input('x', [1]).node('m', 'Mul', {}, { x: 'x' }).build();
    expect(diagnose(g)).toEqual([
      { kind: 'missing-input', nodeId: 'm', port: 'y', message: 'input y is not connected' },
    ]);
  });

  it('reports a gap in a variadic input', () => {
    const g = new GraphBuilder()
      .input('x', [1])
      .node('c', 'ConcatV2', { axis: 0 }, { 'values:0': 'x', 'values:2': 'x' })
      .build();
    expect(diagnose(g)).toMatchObject([{ kind: 'missing-input', nodeId: 'c', port: 'values:1' }]);
  });

  it('reports an unknown op', () => {
    const g = new GraphBuilder().node('q', 'Frobnicate').build();
    expect(diagnose(g)).toEqual([{ kind: 'unknown-op', nodeId: 'q', message: 'unknown op "Frobnicate"' }]);
  });

  it('reports a dtype the port does not take', () => {
    const g = new GraphBuilder().input('x', [1.5]).node('n', 'LogicalNot', {}, { x: 'x' }).build();
    expect(diagnose(g)).toMatchObject([{ kind: 'dtype-mismatch', nodeId: 'n', port: 'x' }]);
  });

  it('reports inputs whose dtypes must match but do not', () => {
    const g = new GraphBuilder()
      .input('f', [1.5])
      .input('i', [2], [1], 'int32')
      .node('m', 'Mul', {}, { x: 'f', y: 'i' })
      .build();
    const [d] = diagnose(g);
    expect(d).toMatchObject({ kind: 'dtype-mismatch', nodeId: 'm', port: 'y' });
    expect(d!.message).toContain('int32');
  });

  it('reports shapes that do not fit, naming them', () => {
    const g = new GraphBuilder()
      .input('a', [1, 2])
      .input('b', [1, 2, 3])
      .node('s', 'AddV2', {}, { x: 'a', y: 'b' })
      .build();
    const [d] = diagnose(g);
    expect(d).toMatchObject({ kind: 'shape-mismatch', nodeId: 's', port: 'y' });
    expect(d!.message).toContain('[2] and [3]');
    const mm = new GraphBuilder()
      .input('a', [1, 2, 3, 4, 5, 6], [2, 3])
      .input('b', [1, 2, 3, 4], [2, 2])
      .node('mm', 'MatMul', {}, { a: 'a', b: 'b' })
      .build();
    expect(diagnose(mm)).toMatchObject([{ kind: 'shape-mismatch', nodeId: 'mm', port: 'b' }]);
  });

  it('reports invalid attribute values: wrong type, out of bounds, unknown name, bad axis', () => {
    const g = new GraphBuilder()
      .input('x', [1, 2, 3, 4], [2, 2])
      .node('t', 'MatMul', { transpose_a: 'yes' }, { a: 'x', b: 'x' })
      .node('oh', 'OneHot', { depth: -1 }, {})
      .node('s', 'Sin', { speed: 2 }, { x: 'x' })
      .node('r', 'Sum', { axis: [5] }, { input: 'x' })
      .build();
    const byNode = Object.fromEntries(
      diagnose(g)
        .filter((d) => d.kind === 'invalid-attr')
        .map((d) => [d.nodeId, d]),
    );
    expect(byNode['t']).toMatchObject({ kind: 'invalid-attr', attr: 'transpose_a' });
    expect(byNode['oh']).toMatchObject({ kind: 'invalid-attr', attr: 'depth' });
    expect(byNode['oh']!.message).toContain('≥ 0');
    expect(byNode['s']).toMatchObject({ kind: 'invalid-attr', attr: 'speed' });
    expect(byNode['r']).toMatchObject({ kind: 'invalid-attr', attr: 'axis' });
    expect(byNode['r']!.message).toContain('out of range');
  });

  it('reports a tensor attribute whose values do not fill its shape', () => {
    const g = new GraphBuilder()
      .node('c', 'Const', { value: { dtype: 'float32', shape: [2, 2], values: [1, 2, 3] } })
      .build();
    const [d] = diagnose(g);
    expect(d).toMatchObject({ kind: 'invalid-attr', nodeId: 'c', attr: 'value' });
    expect(d!.message).toContain('holds 4 values, got 3');
  });

  it('reports a file attribute that is not a whole base64 data URL', () => {
    const g = new GraphBuilder()
      .node('path', 'FileBytes', { file: 'path/to/your/image.jpg' })
      .node('cut', 'FileBytes', { file: 'data:image/png;base64,iVBORw0' })
      .node('ok', 'FileBytes', { file: 'data:image/png;base64,iVBORw0K' })
      .build();
    const byNode = Object.fromEntries(diagnose(g).map((d) => [d.nodeId, d]));
    expect(byNode['path']).toMatchObject({ kind: 'invalid-attr', attr: 'file' });
    expect(byNode['path']!.message).toContain('data:<type>;base64');
    expect(byNode['cut']!.message).toContain('cut short');
    expect(byNode['ok']).toBeUndefined();
  });

  it('reports edges to missing nodes or ports, and a second edge into one port', () => {
    let g = new GraphBuilder().input('x', [1]).node('s', 'Sin', {}, { x: 'x' }).build();
    g = link(g, 'ghost', 'output', 's', 'x');
    g = link(g, 'x', 'nope', 's', 'x');
    g = link(g, 'x', 'output', 's', 'z');
    g = link(g, 'x', 'output', 's', 'x');
    const messages = diagnose(g).map((d) => `${d.kind} ${d.nodeId}.${d.port}: ${d.message}`);
    expect(messages).toEqual([
      'invalid-edge s.x: edge ghost-s comes from a node that does not exist: "ghost"',
      'invalid-edge s.x: Placeholder has no output "nope" (outputs: output)',
      'invalid-edge s.z: Sin has no input "z" (inputs: x)',
      'invalid-edge s.x: input x already has a value from x',
    ]);
  });

  it('reports duplicate node ids', () => {
    const g = new GraphBuilder().input('x', [1]).input('x', [2]).build();
    expect(diagnose(g)).toMatchObject([{ kind: 'duplicate-id', nodeId: 'x' }]);
  });

  it('does not pile errors on nodes downstream of an invalid one', () => {
    const g = new GraphBuilder()
      .input('a', [1, 2])
      .input('b', [1, 2, 3])
      .node('s', 'AddV2', {}, { x: 'a', y: 'b' })
      .node('t', 'Sin', {}, { x: 's' })
      .build();
    const v = validateGraph(g, registry);
    expect(v.diagnostics.map((d) => d.nodeId)).toEqual(['s']);
    expect(v.nodes.get('t')!.types).toBeUndefined();
  });

  it('fails at load when a registry lists an op twice', () => {
    const sin = registry.get('Sin')!;
    expect(() => createRegistry([sin, sin])).toThrow('Op "Sin" is registered twice');
  });
});
