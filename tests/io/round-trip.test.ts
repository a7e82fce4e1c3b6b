import { describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { importGraphFile, parseGraphFile, serializeGraph, toGraphFile } from '../../src/io/graph-file';
import { readRepoFile } from './files';

function parsed(text: string): Graph {
  const result = parseGraphFile(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.graph;
}

describe.each([
  'sin-times-two',
  'log',
  'mlp',
  'pictures',
  'seed-py-function',
  'seed-numpy-function',
  'seed-custom-op',
  'seed-random-source',
  'seed-complex-data',
])('public/examples/%s.json', (example) => {
  const text = readRepoFile(`public/examples/${example}.json`);

  it('is a current-version graph with a name, a description, and every node named and placed', () => {
    const result = parseGraphFile(text);
    expect(result).toMatchObject({ ok: true, migratedFrom: null });
    const graph = parsed(text);
    expect(graph.name).toBeTruthy();
    expect(graph.description).toBeTruthy();
    for (const node of graph.nodes) {
      expect(node.name, node.id).toBeTruthy();
      expect(node.position, node.id).toBeDefined();
    }
  });

  it('is laid out left to right', () => {
    const graph = parsed(text);
    const x = new Map(graph.nodes.map((n) => [n.id, n.position!.x]));
    for (const edge of graph.edges) expect(x.get(edge.source)!, edge.id).toBeLessThan(x.get(edge.target)!);
  });

  it('round-trips', () => {
    const graph = parsed(text);
    expect(parsed(serializeGraph(graph))).toStrictEqual(graph);
  });
});

const awkward: Graph = {
  name: 'awkward',
  description: 'values JSON cannot hold, bools, variadic ports\nand a second line',
  nodes: [
    {
      id: 'a',
      op: 'Const',
      name: 'ünïcode “name”',
      attrs: {
        value: {
          dtype: 'float32',
          shape: [2, 3],
          values: [NaN, Infinity, -Infinity, -0, 1e-45, 3.4028234663852886e38],
        },
      },
      position: { x: -12.5, y: 0 },
    },
    {
      id: 'mask',
      op: 'Const',
      attrs: { value: { dtype: 'bool', shape: [4], values: [1, 0, -0, 2] } },
      position: { x: 0, y: 100 },
    },
    {
      id: 'n',
      op: 'Const',
      attrs: { value: { dtype: 'int32', shape: [], values: [-7] } },
    },
    { id: 'empty', op: 'Const', attrs: { value: { dtype: 'float32', shape: [0, 2], values: [] } } },
    {
      id: 'pack',
      op: 'Pack',
      attrs: { axis: -1, 'odd name': 'NaN', list: [0, -1, 2], none: null, flag: true, empty: [] },
      position: { x: 240, y: 50 },
    },
  ],
  edges: [
    { id: 'e0', source: 'a', sourcePort: 'output', target: 'pack', targetPort: 'values:0' },
    { id: 'e1', source: 'mask', sourcePort: 'output', target: 'pack', targetPort: 'values:1' },
    { id: 'e2', source: 'n', sourcePort: 'output', target: 'pack', targetPort: 'values:2' },
  ],
};

describe('round trip', () => {
  it('keeps NaN, ±Infinity, -0, bools, positions, names, descriptions and variadic ports', () => {
    expect(parsed(serializeGraph(awkward))).toStrictEqual(awkward);
  });

  it('keeps a graph without name, description, positions or edges', () => {
    const bare: Graph = { nodes: [{ id: 'x', op: 'Placeholder', attrs: {} }], edges: [] };
    expect(parsed(serializeGraph(bare))).toStrictEqual(bare);
  });

  it('works on plain data, as across postMessage', () => {
    const result = importGraphFile(structuredClone(toGraphFile(awkward)));
    expect(result).toStrictEqual({ ok: true, graph: awkward, migratedFrom: null });
  });

  it('spells non-finite values as strings and bools as true/false', () => {
    const [a, mask] = toGraphFile(awkward).nodes;
    expect(a!.attrs.value).toMatchObject({
      values: ['NaN', 'Infinity', '-Infinity', -0, 1e-45, 3.4028234663852886e38],
    });
    // -0 and 2 are not bools; they stay numbers so the file still says what the graph held.
    expect(mask!.attrs.value).toMatchObject({ values: [true, false, -0, 2] });
  });

  it('writes two-space indented JSON ending in a newline, with plain arrays on one line', () => {
    const text = serializeGraph(awkward);
    expect(text.startsWith('{\n  "format": "tensorloom.graph",\n  "version": 3,\n  "name": "awkward",\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('"values": ["NaN", "Infinity", "-Infinity", -0, 1e-45, 3.4028234663852886e+38]');
    expect(JSON.parse(text)).toStrictEqual(toGraphFile(awkward));
  });

  it('refuses a number outside a tensor that JSON cannot hold, naming where it is', () => {
    const graph: Graph = { nodes: [{ id: 'clip', op: 'ClipByValue', attrs: { max: Infinity } }], edges: [] };
    expect(() => serializeGraph(graph)).toThrow(
      'nodes[0].attrs.max: Infinity cannot be written to a graph file; only tensor values may be NaN or ±Infinity',
    );
    const placed: Graph = { nodes: [{ id: 'p', op: 'Const', attrs: {}, position: { x: 0, y: NaN } }], edges: [] };
    expect(() => toGraphFile(placed)).toThrow('nodes[0].position.y: NaN cannot be written');
  });
});
