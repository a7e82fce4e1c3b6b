/**
 * Models as tensorflowjs_converter wrote them (taken from the tfjs repository: see
 * converted/README.md), imported and run against tfjs's own GraphModel executor.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TensorLiteral } from '../../../src/graph/types';
import { withAttrs } from '../../support/graph-builder';
import { loadWithTfjs, type GraphModelFiles } from '../../support/graph-model-files';
import { seededRandom } from '../../support/random';
import { sessions } from '../../support/session';
import { expectValuesClose } from '../../support/tf';
import { expectImportSameAsTfjs, imported } from './same-as-tfjs';

const newSession = sessions();
const SHARD_BYTES = 4 * 1024 * 1024;

type Manifest = GraphModelFiles['modelJson']['weightsManifest'];

/**
 * Weights of the sizes and dtypes the manifest gives, split into shards as the converter splits
 * them, for models whose weight files the tfjs repository does not hold: floats drawn small, so
 * that activations stay finite through deep networks; integers and bools zero.
 */
function synthesizedShards(manifest: Manifest, seed: number): Map<string, Uint8Array> {
  const random = seededRandom(seed);
  const shards = new Map<string, Uint8Array>();
  for (const group of manifest) {
    const parts = group.weights.map(({ shape, dtype, quantization }) => {
      expect(quantization, 'synthesized weights are not quantized').toBeUndefined();
      const size = shape.reduce((a, b) => a * b, 1);
      if (dtype === 'float32')
        return new Uint8Array(Float32Array.from({ length: size }, () => random() * 0.2 - 0.1).buffer);
      return new Uint8Array(size * (dtype === 'bool' ? 1 : 4));
    });
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    group.paths.forEach((path, k) => shards.set(path, bytes.subarray(k * SHARD_BYTES, (k + 1) * SHARD_BYTES)));
  }
  return shards;
}

/** The converted model in `converted/<name>`, with its own weight files, or synthesized ones where it has none. */
function converted(name: string): GraphModelFiles {
  const at = (path: string) => new URL(`converted/${name}/${path}`, import.meta.url);
  const modelJson = JSON.parse(readFileSync(at('model.json'), 'utf8')) as GraphModelFiles['modelJson'];
  const paths = modelJson.weightsManifest.flatMap((g) => g.paths);
  const shards = paths.every((p) => existsSync(at(p)))
    ? new Map(paths.map((p) => [p, new Uint8Array(readFileSync(at(p)))]))
    : synthesizedShards(modelJson.weightsManifest, name.length);
  return { modelJson, shards };
}

function randomInput(shape: number[], seed: number): TensorLiteral {
  const random = seededRandom(seed);
  return { dtype: 'float32', shape, values: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, random) };
}

/** The TensorFlow ops of the imported nodes that Tensorloom keeps without computing them. */
const uncomputed = (files: GraphModelFiles) =>
  new Set(
    imported(files)
      .graph.nodes.filter((n) => n.op === 'Unsupported')
      .map((n) => n.attrs['tf_op']),
  );

describe('models tensorflowjs_converter wrote', () => {
  it('a Keras dense layer (converter 2.4.0, _FusedMatMul) with its own weights', async () => {
    const feeds = { dense_dense1_input: { dtype: 'float32', shape: [3, 1], values: [-2, 0.5, 7] } } as const;
    await expectImportSameAsTfjs(newSession, converted('dense_model'), feeds, ['Identity']);
  });

  it("takes the converter's open batch size [-1, 1] as the input's signature: other batch sizes reuse the trace", async () => {
    const { graph } = imported(converted('dense_model'));
    const input = graph.nodes.find((n) => n.id === 'dense_dense1_input')!;
    expect(input.attrs['signature']).toBe('[null, 1]');
    const withBatch = (values: number[]) =>
      withAttrs(graph, 'dense_dense1_input', { value: { dtype: 'float32', shape: [values.length, 1], values } });
    const session = newSession();
    const first = await session.run(withBatch([-2, 0.5, 7]), { mode: 'graph' });
    const second = await session.run(withBatch([1, 2, 3, 4, 5]), { mode: 'graph' });
    expect([first.error, second.error]).toEqual([null, null]);
    expect([first.trace?.traced, second.trace?.traced, second.traceCount]).toEqual([true, false, first.traceCount]);
    expect(second.outputs[0]!.summary.shape).toEqual([5, first.outputs[0]!.summary.shape[1]]);
  });

  it('a Keras dense layer (converter 1.3.1, MatMul and BiasAdd) with its own weights', async () => {
    await expectImportSameAsTfjs(
      newSession,
      converted('rn59_graph_model'),
      { dense_dense2_input: randomInput([2, 10], 3) },
      ['Identity'],
    );
  });

  it('a MatMul of a placeholder by a constant (converter 1.7.4) with its own weights', async () => {
    const feeds = { Placeholder: { dtype: 'float32', shape: [2, 2], values: [1, 2, 3, 4] } } as const;
    await expectImportSameAsTfjs(newSession, converted('load_predict_data'), feeds, ['MatMul']);
  });

  it('MobileNetV2 (converter 1.2.10, 211 nodes, Add and fused convolutions) computes what tfjs computes', async () => {
    const files = converted('mobilenet_v2');
    const { graph, notes } = imported(files);
    expect(graph.nodes).toHaveLength(files.modelJson.modelTopology.node.length);
    expect(uncomputed(files)).toEqual(new Set());
    expect(notes.map((n) => n.nodeId)).toEqual(['images']);
    await expectImportSameAsTfjs(
      newSession,
      files,
      { images: randomInput([1, 224, 224, 3], 4) },
      ['module_apply_default/MobilenetV2/Logits/output'],
      1e-4,
    );
  }, 300_000);

  it("MobileNetV2's gradient with respect to its image is the one tfjs's own executor gives", async () => {
    const files = converted('mobilenet_v2');
    const image = randomInput([1, 224, 224, 3], 5);
    const logits = 'module_apply_default/MobilenetV2/Logits/output';
    const model = await loadWithTfjs(tf, files);
    const x = tf.tensor(image.values, [...image.shape]);
    const expected = tf.grad((input: tf.Tensor) => (model.execute({ images: input }, logits) as tf.Tensor).sum())(x);
    const want = await expected.data();
    tf.dispose([x, expected]);
    model.dispose();

    // As a user would: a Sum node after the logits makes the scalar the gradient is taken of.
    const opened = withAttrs(imported(files).graph, 'images', { value: image });
    const graph = {
      ...opened,
      nodes: [...opened.nodes, { id: 'loss', op: 'Sum', attrs: {} }],
      edges: [
        ...opened.edges,
        { id: 'to_loss', source: logits, sourcePort: 'output', target: 'loss', targetPort: 'input' },
      ],
    };
    const report = await newSession().computeGradients(graph, 'loss', want.length);
    expect(report.error).toBeNull();
    const gradient = report.nodes['images']!['output']!;
    if (!('summary' in gradient)) throw new Error(gradient.none);
    expectValuesClose(gradient.summary.values, want, 1e-4);
  }, 300_000);

  it('BlazeFace (converter 1.3.2, 171 nodes) imports with every op one Tensorloom computes', () => {
    const files = converted('blazeface');
    expect(imported(files).graph.nodes).toHaveLength(files.modelJson.modelTopology.node.length);
    expect(uncomputed(files)).toEqual(new Set());
  });

  it("MoveNet (converter 3.7.0) imports whole, keeping its loop's ops as nodes that say why they cannot run", () => {
    const files = converted('movenet');
    const { graph, notes } = imported(files);
    expect(graph.nodes).toHaveLength(files.modelJson.modelTopology.node.length);
    expect(uncomputed(files)).toEqual(
      new Set(['TensorListReserve', 'TensorListFromTensor', 'StatelessWhile', 'TensorListStack']),
    );
    expect(notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/function library .* control flow/));
  });
});
