import * as tf from '@tensorflow/tfjs';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Graph, TensorLiteral } from '../../../src/graph/types';
import { parseGraphFile } from '../../../src/io/graph-file';
import { registerOpsSource } from '../../../src/io/graph-model/custom-ops';
import { exportGraphModel, type GraphModelFilesOut } from '../../../src/io/graph-model/export-graph-model';
import { importGraphModel } from '../../../src/io/graph-model/import-graph-model';
import { registry } from '../../../src/ops/registry';
import { loadTranspiler } from '../../../src/ops/script/compile-body';
import type { ExecutionMode } from '../../../src/runtime/execution';
import { loadWithTfjs } from '../../support/graph-model-files';
import { withAttrs } from '../../support/graph-builder';
import { sessions } from '../../support/session';
import { expectValuesClose } from '../../support/tf';
import { readRepoFile } from '../files';

const newSession = sessions();

/** Generated register-ops modules, written where Node resolves @tensorflow/tfjs from the repo. */
const generated = join(import.meta.dirname, '.generated');
afterAll(() => rmSync(generated, { recursive: true, force: true }));

function example(name: string): Graph {
  const result = parseGraphFile(readRepoFile(`public/examples/${name}.json`));
  if (!result.ok) throw new Error(result.error.message);
  return result.graph;
}

function exported(graph: Graph): GraphModelFilesOut {
  const result = exportGraphModel(graph, registry, { shardBytes: 1024 });
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** Every signature output of the exported model, computed by Tensorloom in `mode`. */
async function tensorloomValues(graph: Graph, names: string[], mode: ExecutionMode) {
  const session = newSession();
  const outputs = names.map((name) => {
    const [node, k = '0'] = name.split(':');
    const op = registry.get(graph.nodes.find((n) => n.id === node)!.op)!;
    const ports = op.ports ? op.ports(graph.nodes.find((n) => n.id === node)!.attrs as never).outputs : op.outputs;
    return { node: node!, port: ports[Number(k)]! };
  });
  const report = await session.run(graph, { mode, outputs });
  expect(report.error ?? null).toBeNull();
  expect(report.outputs.length).toBe(names.length);
  return Promise.all(
    report.outputs.map(async (o) => ({
      shape: o.summary.shape,
      values: (await session.page(o.node, o.port, { limit: 1 << 22 }))!.values,
    })),
  );
}

/** tfjs's GraphModel on the exported files, with the graph's placeholder values fed and its scripts registered. */
async function tfjsValues(graph: Graph, files: GraphModelFilesOut, names: string[]) {
  if (files.customOps.size) {
    mkdirSync(generated, { recursive: true });
    const file = join(generated, `register-ops-${Math.random().toString(36).slice(2)}.ts`);
    writeFileSync(file, registerOpsSource(graph, files.customOps));
    await import(/* @vite-ignore */ file);
  }
  const model = await loadWithTfjs(tf, { modelJson: files.modelJson as never, shards: new Map(files.shards) });
  const feeds = Object.fromEntries(
    graph.nodes
      .filter((n) => n.op === 'Placeholder')
      .map((n) => {
        const { values, shape, dtype } = n.attrs.value as TensorLiteral;
        return [`${n.id}:0`, tf.tensor(values, [...shape], dtype)];
      }),
  );
  const result = [(await model.executeAsync(feeds, names)) as tf.Tensor | tf.Tensor[]].flat();
  const values = await Promise.all(result.map(async (t) => ({ shape: t.shape, values: await t.data() })));
  tf.dispose([...result, ...Object.values(feeds)]);
  model.dispose();
  return values;
}

describe('exporting a GraphModel', () => {
  it.each([
    'sin-times-two',
    'log',
    'mlp',
    'pictures',
    'seed-py-function',
    'seed-numpy-function',
    'seed-custom-op',
    'seed-complex-data',
    // seed-image-preprocessing decodes its PNG with DecodeImage, which tfjs GraphModels do not run.
  ])('%s: tf.loadGraphModel computes what Tensorloom does, and an import gives the same graph back', async (name) => {
    await loadTranspiler();
    const graph = example(name);
    // Its script draws Math.random values: only their shapes can agree.
    const random = name === 'seed-complex-data';
    const files = exported(graph);
    const names = Object.keys(files.modelJson.signature.outputs);
    expect(names.length).toBeGreaterThan(0);
    const ours = await tensorloomValues(graph, names, 'graph');
    const theirs = await tfjsValues(graph, files, names);
    names.forEach((n, k) => {
      expect(theirs[k]!.shape, n).toEqual(ours[k]!.shape);
      if (!random) expectValuesClose(theirs[k]!.values, ours[k]!.values, 1e-5, `${name} ${n}`);
    });

    const back = importGraphModel(JSON.parse(JSON.stringify(files.modelJson)), (p) => files.shards.get(p), registry);
    if (!back.ok) throw new Error(back.message);
    // A GraphModel's inputs are fed, not kept: feed the ones the graph held.
    const fed = graph.nodes
      .filter((n) => n.op === 'Placeholder')
      .reduce((g, n) => withAttrs(g, n.id, { value: n.attrs.value! }), back.graph);
    for (const mode of ['graph', 'eager'] as const) {
      const again = await tensorloomValues(fed, names, mode);
      names.forEach((n, k) => {
        expect(again[k]!.shape).toEqual(ours[k]!.shape);
        if (!random) expectValuesClose(again[k]!.values, ours[k]!.values, 1e-6, `${name} ${n} ${mode}`);
      });
    }
  });

  it('writes attributes as the converter does: dtype enums, base64 strings, ints as strings, shapes', () => {
    const files = exported(example('pictures'));
    const conv = files.modelJson.modelTopology.node.find((n) => n.op === 'Conv2D')!;
    expect(conv.attr).toMatchObject({
      padding: { s: btoa('VALID') },
      strides: { list: { i: ['1', '1', '1', '1'] } },
      data_format: { s: btoa('NHWC') },
    });
    const placeholder = exported(example('sin-times-two')).modelJson.modelTopology.node.find(
      (n) => n.op === 'Placeholder',
    )!;
    expect(placeholder.attr).toEqual({ dtype: { type: 'DT_FLOAT' }, shape: { shape: { dim: [{ size: '3' }] } } });
  });

  it('turns an attribute a node holds into the Const input TensorFlow takes', () => {
    const graph: Graph = {
      nodes: [
        {
          id: 'x',
          op: 'Placeholder',
          attrs: { value: { dtype: 'float32', shape: [2, 3], values: [1, 2, 3, 4, 5, 6] } },
        },
        { id: 'flat', op: 'Reshape', attrs: { shape: [-1] } },
      ],
      edges: [{ id: 'e', source: 'x', sourcePort: 'output', target: 'flat', targetPort: 'tensor' }],
    };
    const files = exported(graph);
    expect(files.modelJson.modelTopology.node.map((n) => [n.name, n.op, n.input ?? []])).toEqual([
      ['x', 'Placeholder', []],
      ['flat/shape', 'Const', []],
      ['flat', 'Reshape', ['x', 'flat/shape']],
    ]);
    expect(files.modelJson.weightsManifest[0]!.weights).toEqual([{ name: 'flat/shape', shape: [1], dtype: 'int32' }]);
    expect(new Int32Array(files.shards.get('group1-shard1of1.bin')!.slice().buffer)).toEqual(Int32Array.of(-1));
  });

  it("writes a placeholder's signature as TensorFlow's unknown sizes, and reads it back", () => {
    const graph: Graph = {
      nodes: [
        {
          id: 'x',
          op: 'Placeholder',
          attrs: { value: { dtype: 'float32', shape: [2, 3], values: [1, 2, 3, 4, 5, 6] }, signature: '[null, 3]' },
        },
        { id: 'y', op: 'Neg', attrs: {} },
      ],
      edges: [{ id: 'e', source: 'x', sourcePort: 'output', target: 'y', targetPort: 'x' }],
    };
    const files = exported(graph);
    const placeholder = files.modelJson.modelTopology.node.find((n) => n.op === 'Placeholder')!;
    expect(placeholder.attr!['shape']).toEqual({ shape: { dim: [{ size: '-1' }, { size: '3' }] } });
    const back = importGraphModel(JSON.parse(JSON.stringify(files.modelJson)), (p) => files.shards.get(p), registry);
    if (!back.ok) throw new Error(back.message);
    expect(back.graph.nodes.find((n) => n.id === 'x')!.attrs).toEqual({
      value: { dtype: 'float32', shape: [1, 3], values: Float32Array.of(0, 0, 0) },
      signature: '[null, 3]',
    });
  });

  it('refuses a graph with problems, saying the first', () => {
    const graph: Graph = { nodes: [{ id: 'n', op: 'Neg', attrs: {} }], edges: [] };
    expect(exportGraphModel(graph, registry)).toEqual({
      ok: false,
      message: expect.stringMatching(/^the graph has problems to fix first: .*x/),
    });
  });
});
