import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateGraph } from '../../src/graph/validate';
import { parseGraphFile, type ImportError } from '../../src/io/graph-file';
import { importGraphModel } from '../../src/io/graph-model/import-graph-model';
import { issueCount } from '../../src/io/issues';
import { importLayersModel } from '../../src/io/keras/import-layers-model';
import { openFiles } from '../../src/io/open-files';
import { registry } from '../../src/ops/registry';

/**
 * Issue 10, finding 4: the importers report, never throw. A field with 200,000 problems gives the
 * first hundred and a count; values nested 100,000 deep are refused with a message; sizes and
 * indices a file states are checked before anything is allocated by them.
 */

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A graph file whose one Const holds `values` (JSON text) for a tensor of `count` values. */
function constFile(values: string, count: number, dtype = 'float32'): string {
  return `{"format": "tensorloom.graph", "version": 2, "nodes": [{"id": "c", "op": "Const", "attrs": {"value": {"dtype": "${dtype}", "shape": [${count}], "values": ${values}}}}], "edges": []}`;
}

function refusal(text: string): ImportError {
  const imported = parseGraphFile(text);
  if (imported.ok) throw new Error('the file was accepted');
  return imported.error;
}

function nested(depth: number, open: string, inner: string, close: string): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

describe('a file with more problems than a list should hold', () => {
  const COUNT = 200_000;
  const text = constFile(`[${Array<string>(COUNT).fill('"bad"').join(', ')}]`, COUNT);

  it('is refused with the first hundred problems and a count of the rest (200,000 bad values, 1.2 MB)', () => {
    expect(text.length).toBeGreaterThan(1_200_000);
    const error = refusal(text);
    const wrong = 'expected a number, "NaN", "Infinity" or "-Infinity", got "bad"';
    expect(error.kind).toBe('schema');
    expect(error.message).toBe(`nodes[0].attrs.value.values[0]: ${wrong} (and 199,999 more problems)`);
    expect(error.issues).toHaveLength(101);
    expect(error.issues.slice(0, 100)).toEqual(
      Array.from({ length: 100 }, (_, i) => ({ path: `nodes[0].attrs.value.values[${i}]`, message: wrong })),
    );
    expect(error.issues[100]).toEqual({ path: '', message: 'and 199,900 more problems', omitted: 199_900 });
    expect(issueCount(error.issues)).toBe(COUNT);
  });

  it('lists every problem up to a hundred, and counts from the hundred-and-first', () => {
    for (const [bad, listed, last] of [
      [100, 100, 'nodes[0].attrs.value.values[99]'],
      [101, 101, 'and 1 more problem'],
      [150, 101, 'and 50 more problems'],
    ] as const) {
      const error = refusal(constFile(`[${Array<string>(bad).fill('"bad"').join(', ')}]`, bad));
      expect(error.issues).toHaveLength(listed);
      const final = error.issues.at(-1)!;
      expect(final.path || final.message).toBe(last);
      expect(issueCount(error.issues)).toBe(bad);
    }
  });

  it('caps the problems a check finds value by value, and those zod finds element by element', () => {
    const bools = refusal(constFile(`[${Array<string>(COUNT).fill('true').join(', ')}]`, COUNT));
    expect(bools.issues).toHaveLength(101);
    expect(bools.issues[0]).toEqual({
      path: 'nodes[0].attrs.value.values[0]',
      message: 'true and false belong in bool tensors; this one is float32, so write 1 or 0',
    });
    expect(bools.issues[100]!.message).toBe('and 199,900 more problems');

    const nodes = refusal(
      `{"format": "tensorloom.graph", "version": 2, "nodes": [${Array<string>(COUNT).fill('5').join(', ')}], "edges": []}`,
    );
    expect(nodes.message).toBe('nodes[0]: expected a node {id, op, attrs}, got 5 (and 199,999 more problems)');
    expect(nodes.issues).toHaveLength(101);
  });

  it('is refused by the editor with the same list', async () => {
    const opened = await openFiles(new Map([['big.json', new TextEncoder().encode(text)]]), registry, () => {
      throw new Error('not a layers-model');
    });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.details).toHaveLength(101);
    expect(opened.details.at(-1)).toBe('and 199,900 more problems');
  });
});

describe('values nested 100,000 deep', () => {
  const DEPTH = 100_000;
  const graphFile = (value: string) =>
    `{"format": "tensorloom.graph", "version": 2, "nodes": [{"id": "c", "op": "Const", "attrs": {"value": ${value}}}], "edges": []}`;

  it('are refused with a message in a graph file: as tensor values, an attribute, an object', () => {
    expect(refusal(constFile(nested(DEPTH, '[', '1', ']'), 1)).message).toBe(
      'nodes[0].attrs.value.values[0]: expected a number, "NaN", "Infinity" or "-Infinity", got an array',
    );
    expect(refusal(graphFile(nested(DEPTH, '[', '1', ']'))).message).toBe(
      'nodes[0].attrs.value[0]: expected a number, got an array',
    );
    expect(refusal(graphFile(nested(DEPTH, '{"a": ', '1', '}'))).message).toBe(
      'nodes[0].attrs.value.dtype: missing (expected "float32", "int32" or "bool") (and 2 more problems)',
    );
  });

  it("are refused with a message in a GraphModel's attributes, read or only kept", () => {
    const model = (attr: string) =>
      JSON.parse(
        `{"format": "graph-model", "modelTopology": {"node": [{"name": "f", "op": "Frobnicate", "attr": ${attr}}]}, "weightsManifest": []}`,
      ) as unknown;
    const kept = importGraphModel(model(`{"x": {"deep": ${nested(DEPTH, '[', '1', ']')}}}`), () => undefined, registry);
    expect(kept).toMatchObject({
      ok: false,
      message: 'not a valid GraphDef: Frobnicate f: its attributes nest too deeply to be kept',
    });
    const read = importGraphModel(
      model(`{"x": {"list": {"i": ${nested(DEPTH, '[', '1', ']')}}}}`),
      () => undefined,
      registry,
    );
    expect(read).toMatchObject({
      ok: false,
      message:
        'not a tfjs GraphModel: modelTopology.node[0].attr.x.list.i[0]: expected an integer, as a string or a number, got an array',
    });
  });

  it("a Keras model's layers, 20,000 listed last to first, are ordered without recursion", () => {
    const LAYERS = 20_000;
    const name = (k: number) => `relu_${k}`;
    const layers = [
      { class_name: 'InputLayer', config: { name: 'x', batch_input_shape: [null, 2], dtype: 'float32' } },
      ...Array.from({ length: LAYERS }, (_, i) => {
        const k = LAYERS - i;
        return {
          class_name: 'Activation',
          config: { name: name(k), activation: 'relu' },
          inbound_nodes: [[[k === 1 ? 'x' : name(k - 1), 0, 0, {}]]],
        };
      }),
    ];
    const modelJson = {
      format: 'layers-model',
      modelTopology: {
        class_name: 'Functional',
        config: { name: 'deep', layers, input_layers: [['x', 0, 0]], output_layers: [[name(LAYERS), 0, 0]] },
      },
      weightsManifest: [],
    };
    const imported = importLayersModel(modelJson, () => undefined, registry);
    if (!imported.ok) throw new Error(imported.message);
    const ids = imported.graph.nodes.map((n) => n.id);
    expect(ids).toHaveLength(LAYERS + 1);
    expect(ids.slice(0, 3)).toEqual(['x', 'relu_1/Relu', 'relu_2/Relu']);
    expect(validateGraph(imported.graph, registry).ok).toBe(true);
  });
});

/** A GraphModel's model.json of these GraphDef nodes, with no weights. */
function graphModel(nodes: object[]): unknown {
  return { format: 'graph-model', modelTopology: { node: nodes }, weightsManifest: [] };
}

const placeholder = (name: string, dims: number[]) => ({
  name,
  op: 'Placeholder',
  attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: dims.map((d) => ({ size: String(d) })) } } },
});

const maxPool = (attr: object) => ({
  name: 'pool',
  op: 'MaxPool',
  input: ['x'],
  attr: { ksize: { list: { i: ['1', '1', '1', '1'] } }, strides: { list: { i: ['1', '1', '1', '1'] } }, ...attr },
});

describe("a GraphModel's stated sizes, indices and texts", () => {
  it('refuses an input larger than an import fills with zeros, before allocating it', () => {
    const result = importGraphModel(graphModel([placeholder('x', [100_000, 100_000])]), () => undefined, registry);
    expect(result).toMatchObject({
      ok: false,
      message:
        'not a valid GraphDef: input x: its shape [100000, 100000] holds 10,000,000,000 values, more than the 67,108,864 an import fills with zeros',
    });
  });

  it('refuses a read of an output past any op', () => {
    const nodes = [placeholder('x', [1]), { name: 'f', op: 'Frobnicate', input: ['x:99999999'] }];
    expect(importGraphModel(graphModel(nodes), () => undefined, registry)).toMatchObject({
      ok: false,
      message:
        'not a valid GraphDef: node f reads output 99999999 of x; Tensorloom reads at most 65,536 outputs of a node',
    });
  });

  it('keeps a node whose text is not base64, or whose attributes the op cannot read, as Unsupported, saying why', () => {
    const nodes = [
      placeholder('x', [1, 4, 4, 1]),
      maxPool({ padding: { s: '!!!' } }),
      {
        name: 'conv',
        op: '_FusedConv2D',
        input: ['x', 'x', 'x'],
        attr: { fused_ops: { list: { s: ['%%%'] } }, num_args: { i: '1' } },
      },
    ];
    const result = importGraphModel(graphModel(nodes), () => undefined, registry);
    if (!result.ok) throw new Error(result.message);
    expect(result.graph.nodes.map((n) => n.op)).toEqual(['Placeholder', 'Unsupported', 'Unsupported']);
    expect(result.notes.find((n) => n.nodeId === 'pool')!.message).toBe(
      'MaxPool pool: attribute padding: its string (s) is not base64 text',
    );
    expect(result.notes.find((n) => n.nodeId === 'conv')!.message).toMatch(
      /^_FusedConv2D conv: its attributes could not be read \(.+\)$/,
    );
  });

  it('refuses attribute values of the wrong type, at their path', () => {
    const result = importGraphModel(
      graphModel([
        placeholder('x', [1, 4, 4, 1]),
        maxPool({ padding: { s: b64('VALID') }, ksize: { list: { i: 5 } } }),
      ]),
      () => undefined,
      registry,
    );
    expect(result).toMatchObject({
      ok: false,
      issues: [{ path: 'modelTopology.node[1].attr.ksize.list.i' }],
    });
  });

  it('keeps a Tensorloom node only when it is a script with attributes a graph file could hold', () => {
    const kept = (node: object) => ({
      name: 's',
      op: 'Tensorloom>s',
      attr: { _tensorloom_node: { s: b64(JSON.stringify(node)) } },
    });
    const result = importGraphModel(
      graphModel([
        { ...kept({ op: 'TensorScript', attrs: { inputs: 5 } }), name: 'bad' },
        { ...kept({ op: 'TensorScript', attrs: { outputs: { nested: true } } }), name: 'odd' },
        { ...kept({ op: 'Unsupported', attrs: { num_outputs: 1e9 } }), name: 'other' },
      ]),
      () => undefined,
      registry,
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.graph.nodes.map((n) => n.op)).toEqual(['Unsupported', 'Unsupported', 'Unsupported']);
    expect(result.notes.map((n) => n.message)).toEqual([
      'Tensorloom>s bad: the TensorScript node kept in its _tensorloom_node attribute has an invalid inputs: expected a list of ports {name, dtype, shape?}, got 5',
      'Tensorloom>s odd: the TensorScript node kept in its _tensorloom_node attribute has attributes no graph file could hold: outputs.dtype: missing (expected "float32", "int32" or "bool")',
      'Tensorloom>s other: it names Unsupported, which is no Tensorloom script op',
    ]);
  });
});

describe('importers given any JSON', () => {
  const none = () => undefined;
  /** Places `value` at one place in an otherwise plausible model.json. */
  const graphModelWith = (slot: number, value: unknown): unknown => {
    const node: Record<string, unknown> = {
      name: 'n',
      op: 'MaxPool',
      input: ['x'],
      attr: { padding: { s: b64('SAME') } },
    };
    const slots: (() => unknown)[] = [
      () => value,
      () => graphModel([value as object]),
      () => graphModel([placeholder('x', [1, 2, 2, 1]), { ...node, attr: value }]),
      () => graphModel([placeholder('x', [1, 2, 2, 1]), { ...node, attr: { ksize: value, strides: value } }]),
      () => graphModel([placeholder('x', [1, 2, 2, 1]), { ...node, input: value }]),
      () => graphModel([{ ...placeholder('x', [1]), attr: { dtype: { type: 'DT_FLOAT' }, shape: value } }]),
      () => ({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: value }),
    ];
    return slots[slot % slots.length]!();
  };
  const layersModelWith = (slot: number, value: unknown): unknown => {
    const input = { class_name: 'InputLayer', config: { name: 'x', batch_input_shape: [null, 2] } };
    const dense = { class_name: 'Dense', config: { name: 'd', units: 2 }, inbound_nodes: [[['x', 0, 0, {}]]] };
    const model = (layers: unknown, io: unknown = [['x', 0, 0]]) => ({
      format: 'layers-model',
      modelTopology: { class_name: 'Functional', config: { layers, input_layers: io, output_layers: [['d', 0, 0]] } },
      weightsManifest: [],
    });
    const slots: (() => unknown)[] = [
      () => model(value),
      () => model([input, { ...dense, config: value }]),
      () => model([input, { ...dense, inbound_nodes: value }]),
      () => model([{ ...input, config: { name: 'x', batch_input_shape: value } }, dense]),
      () => model([input, dense], value),
      () => model([input, { ...dense, class_name: 'Activation', config: { name: 'd', activation: value } }]),
    ];
    return slots[slot % slots.length]!();
  };

  // JSON trees whose keys are the ones these files use, so that values of every kind land in the
  // fields the importers read (`list.i`, `shape.dim`, `config.units`, …), not only in unread ones.
  const KEYS = ['s', 'i', 'f', 'b', 'type', 'shape', 'list', 'tensor', 'dim', 'size', 'unknownRank', 'dtype']
    .concat(['name', 'op', 'input', 'attr', 'node', 'class_name', 'config', 'layers', 'units', 'activation'])
    .concat(['batch_input_shape', 'inbound_nodes', 'paths', 'weights', 'quantization', 'scale', 'min']);
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 1 }),
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom(...KEYS), tie('tree'), { maxKeys: 4 }),
    ),
  }));

  it('report or import, and never throw', () => {
    fc.assert(
      fc.property(fc.nat(), tree, (slot, value) => {
        for (const data of [graphModelWith(slot, value), layersModelWith(slot, value)]) {
          const graphModelResult = importGraphModel(data, none, registry);
          const layersResult = importLayersModel(data, none, registry);
          for (const result of [graphModelResult, layersResult]) if (!result.ok) expect(result.message).toMatch(/\S/);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
