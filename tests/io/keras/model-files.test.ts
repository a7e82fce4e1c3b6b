import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { TensorLiteral } from '../../../src/graph/types';
import { sessions } from '../../support/session';
import { predicted, randomValues, saved, seedWeights, type LayersModelFiles } from './layers-model-files';
import { batchFor, expectRuns } from './support';

const newSession = sessions();

type LayerJson = { class_name: string; name?: string; config: Record<string, unknown>; inbound_nodes?: unknown[] };
type ModelTopology = { class_name: string; config: { layers: LayerJson[]; input_layers?: unknown } };

/** Files of `model` (weights from `seed`), what tfjs predicts for `feeds`, and the model's input names. */
async function withPrediction(model: tf.LayersModel, seed: number, feeds = batchFor(model, seed)) {
  seedWeights(model, seed);
  const files = await saved(model);
  const inputNames = model.inputNames;
  model.dispose();
  const xs = feeds.map(({ values, shape }) => tf.tensor(values, [...shape]));
  const want = await predicted(files, xs);
  tf.dispose(xs);
  return { files, feeds, want, inputNames };
}

const topologyOf = (files: LayersModelFiles) => files.modelJson.modelTopology as unknown as ModelTopology;

describe('layers-model files as Keras and tfjs write them', () => {
  it("reads the Keras converter's model.json: model_config, an InputLayer first, an axis as a list", async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 3, kernelSize: 3, name: 'conv2d' }),
        tf.layers.batchNormalization({ name: 'batch_normalization' }),
        tf.layers.flatten({ name: 'flatten' }),
        tf.layers.dense({ units: 2, activation: 'sigmoid', name: 'dense' }),
      ],
    });
    const { files, feeds, want } = await withPrediction(model, 11);
    // As tf.keras 2 writes it: the input layer listed, the layers' module, the built axis.
    const topology = topologyOf(files);
    const [conv, norm] = topology.config.layers;
    const { batch_input_shape, ...convConfig } = conv!.config;
    conv!.config = convConfig;
    norm!.config.axis = [3];
    topology.config.layers.forEach((layer) => Object.assign(layer, { module: 'keras.layers', registered_name: null }));
    topology.config.layers.unshift({
      class_name: 'InputLayer',
      config: { batch_input_shape, dtype: 'float32', sparse: false, ragged: false, name: 'input_1' },
    });
    files.modelJson.modelTopology = {
      keras_version: '2.15.0',
      backend: 'tensorflow',
      model_config: topology,
      training_config: { loss: 'binary_crossentropy' },
    };
    const { graph } = await expectRuns(files, ['input_1'], feeds, want, newSession);
    expect(graph.nodes[0]).toMatchObject({ id: 'input_1', op: 'Placeholder' });
  });

  it('reads a Functional model whose layers are listed out of order, with a single input ref', async () => {
    const input = tf.input({ shape: [4], name: 'x' });
    const a = tf.layers.dense({ units: 3, activation: 'relu', name: 'a' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.dense({ units: 3, name: 'b' }).apply(a) as tf.SymbolicTensor;
    const sum = tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor;
    const { files, feeds, want } = await withPrediction(tf.model({ inputs: input, outputs: sum }), 12);
    const topology = topologyOf(files);
    topology.class_name = 'Functional';
    topology.config.layers.reverse();
    topology.config.input_layers = ['x', 0, 0];
    await expectRuns(files, ['x'], feeds, want, newSession);
  });

  it('gives an input with open sizes a value of size 1 there, and runs it at other sizes', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [null, null, 3], filters: 4, kernelSize: 3, padding: 'same', name: 'conv' }),
        tf.layers.globalAveragePooling2d({ name: 'pool' }),
        tf.layers.dense({ units: 2, name: 'out' }),
      ],
    });
    const image: TensorLiteral = { dtype: 'float32', shape: [2, 5, 6, 3], values: randomValues(180, 13) };
    const { files, feeds, want, inputNames } = await withPrediction(model, 13, [image]);
    const { notes } = await expectRuns(files, inputNames, feeds, want, newSession);
    expect(notes[0]).toEqual({
      nodeId: 'conv_input',
      message: 'input conv_input has shape [?, ?, ?, 3]; it holds zeros of shape [1, 1, 1, 3] until you set its value',
    });
  });

  it("reads Keras 3's leaky_relu activation, which tfjs-layers lacks, with its slope of 0.2", async () => {
    const model = tf.sequential({
      layers: [tf.layers.activation({ inputShape: [6], activation: 'relu', name: 'act' })],
    });
    const { files, feeds } = await withPrediction(model, 14);
    topologyOf(files).config.layers[0]!.config.activation = 'leaky_relu';
    const x = feeds[0]!;
    const want = tf.tidy(() => tf.leakyRelu(tf.tensor(x.values, [...x.shape]), 0.2).dataSync());
    await expectRuns(files, ['act_input'], feeds, [{ shape: [...x.shape], values: want }], newSession);
  });

  it('leaves out weights no layer reads, with a note', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, name: 'dense' })] });
    const { files, feeds, want } = await withPrediction(model, 15);
    // An optimizer's step count, as tfjs writes it with includeOptimizer.
    files.modelJson.weightsManifest[0]!.weights.push({ name: 'iter', shape: [], dtype: 'float32', group: 'optimizer' });
    const [path, bytes] = [...files.shards][0]!;
    files.shards.set(path, new Uint8Array([...bytes, ...new Uint8Array(Float32Array.of(3).buffer)]));
    const { notes } = await expectRuns(files, ['dense_input'], feeds, want, newSession);
    expect(notes.at(-1)).toEqual({ message: 'left out 1 weight no layer reads: iter' });
  });
});
