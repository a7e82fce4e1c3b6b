import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importLayersModel } from '../../../src/io/keras/import-layers-model';
import { registry } from '../../../src/ops/registry';
import { cpu } from '../../support/tf';
import { saved, type LayersModelFiles } from './layers-model-files';

beforeAll(cpu);

/** model.json's layers, to edit into what tfjs cannot make (a Lambda, a Python-only setting). */
type LayerJson = { class_name: string; config: Record<string, unknown> };
const layersOf = (files: LayersModelFiles) =>
  (files.modelJson.modelTopology as { config: { layers: LayerJson[] } }).config.layers;

const importOf = (files: LayersModelFiles, shard = (path: string) => files.shards.get(path)) =>
  importLayersModel(files.modelJson, shard, registry);

async function savedAndDisposed(model: tf.LayersModel): Promise<LayersModelFiles> {
  const files = await saved(model);
  model.dispose();
  return files;
}

const mlp = () =>
  savedAndDisposed(
    tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [4], units: 4, name: 'hidden' }),
        tf.layers.layerNormalization({ name: 'norm' }),
        tf.layers.dense({ units: 2, name: 'out' }),
      ],
    }),
  );

describe('layers-models Tensorloom refuses', () => {
  it('names every layer it cannot expand, a Lambda and a class it does not know, and imports nothing', async () => {
    const files = await mlp();
    // What Keras writes for `Lambda(lambda x: x * 2)`: the function as marshalled Python bytecode.
    layersOf(files)[2] = {
      class_name: 'Lambda',
      config: {
        name: 'double',
        function: ['4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMIAAAAfABkARQAUwCpAk7pAgAAAKkA', null, null],
      },
    };
    layersOf(files).push({ class_name: 'MyCustomLayer', config: { name: 'custom' } });
    const result = importOf(files);
    expect(result).toEqual({
      ok: false,
      message:
        "cannot import the Keras model: layer norm (LayerNormalization): Tensorloom does not know this layer class (a custom layer's code is not in model.json); a Keras layer is no TensorFlow op an Unsupported node could keep, so the model is not imported (and 2 more: see the list)",
      issues: [
        {
          path: 'modelTopology.config.layers[1].class_name',
          message:
            "layer norm (LayerNormalization): Tensorloom does not know this layer class (a custom layer's code is not in model.json); a Keras layer is no TensorFlow op an Unsupported node could keep, so the model is not imported",
        },
        {
          path: 'modelTopology.config.layers[2].class_name',
          message:
            'layer double (Lambda): its function is Python code (marshalled bytecode), which neither tfjs nor Tensorloom runs; a Keras layer is no TensorFlow op an Unsupported node could keep, so the model is not imported',
        },
        {
          path: 'modelTopology.config.layers[3].class_name',
          message:
            "layer custom (MyCustomLayer): Tensorloom does not know this layer class (a custom layer's code is not in model.json); a Keras layer is no TensorFlow op an Unsupported node could keep, so the model is not imported",
        },
      ],
    });
  });

  it('refuses channels_first convolutions and pooling, saying why', async () => {
    const files = await savedAndDisposed(
      tf.sequential({
        layers: [
          tf.layers.conv2d({
            inputShape: [3, 8, 8],
            filters: 2,
            kernelSize: 3,
            dataFormat: 'channelsFirst',
            name: 'conv',
          }),
          tf.layers.maxPooling2d({ poolSize: 2, dataFormat: 'channelsFirst', name: 'pool' }),
        ],
      }),
    );
    const result = importOf(files);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toBe(
      'cannot import the Keras model: layer conv (Conv2D): data_format: "channels_first" is not supported: Tensorloom\'s convolution, pooling and resizing ops take channels last (NHWC), and transposing around each layer is not done (and 1 more: see the list)',
    );
    expect(result.issues.map((issue) => issue.path)).toEqual([
      'modelTopology.config.layers[0].config.data_format',
      'modelTopology.config.layers[1].config.data_format',
    ]);
  });

  it('refuses settings tfjs would compute otherwise than Keras, and activations it does not know', async () => {
    const files = await savedAndDisposed(
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [6, 6, 4], filters: 4, kernelSize: 3, name: 'conv' }),
          tf.layers.reLU({ name: 'relu' }),
          tf.layers.dense({ units: 2, name: 'out' }),
        ],
      }),
    );
    const [conv, relu, out] = layersOf(files);
    conv!.config.groups = 2;
    relu!.config.threshold = 0.5;
    out!.config.activation = 'exponential';
    const result = importOf(files);
    expect(result.ok || result.issues).toEqual([
      {
        path: 'modelTopology.config.layers[0].config.groups',
        message:
          'layer conv (Conv2D): groups: grouped convolution (groups > 1) is not supported: Tensorloom has no grouped Conv2D',
      },
      {
        path: 'modelTopology.config.layers[1].config.threshold',
        message:
          "layer relu (ReLU): threshold: threshold other than 0 is not supported (tfjs's ReLU layer leaves it out, so the model's values are in doubt)",
      },
      {
        path: 'modelTopology.config.layers[2].config.activation',
        message:
          'layer out (Dense): activation: activation "exponential" is not one Tensorloom imports (it imports linear, relu, relu6, sigmoid, tanh, softmax, log_softmax, elu, selu, softplus, leaky_relu, softsign, hard_sigmoid, swish, mish, gelu)',
      },
    ]);
  });

  it('refuses a layer whose input it cannot expand it for, naming the layer', async () => {
    const files = await savedAndDisposed(
      tf.sequential({
        layers: [
          tf.layers.conv2d({ inputShape: [5, 5, 3], filters: 2, kernelSize: 3, name: 'conv' }),
          tf.layers.flatten({ name: 'flat' }),
          tf.layers.softmax({ axis: -1, name: 'probs' }),
        ],
      }),
    );
    // A fully convolutional input, whose height and width are open: Flatten has no size to take.
    layersOf(files)[0]!.config.batch_input_shape = [null, null, null, 3];
    expect(importOf(files)).toMatchObject({
      ok: false,
      message:
        'cannot import the Keras model: layer flat (Flatten): Flatten needs every size but the batch, and its input is [?, ?, ?, 2]',
      issues: [{ path: 'modelTopology.config.layers[1]' }],
    });
    layersOf(files)[0]!.config.batch_input_shape = [null, 5, 5, 3];
    layersOf(files)[2]!.config.axis = 0;
    expect(importOf(files)).toMatchObject({
      message:
        'cannot import the Keras model: layer probs (Softmax): softmax over axis 0 of a rank-2 input: only the last axis is supported',
    });
  });

  it('refuses an input of a dtype the layer after it does not take, and one Tensorloom has not', async () => {
    const files = await savedAndDisposed(
      tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 1, kernelSize: 2, name: 'conv' })] }),
    );
    layersOf(files)[0]!.config.dtype = 'int32';
    expect(importOf(files)).toMatchObject({
      ok: false,
      message:
        'cannot import the Keras model: layer conv (Conv2D): Conv2D.input takes float32, but conv_input is int32[?, 4, 4, 1]',
    });
    layersOf(files)[0]!.config.dtype = 'string';
    expect(importOf(files)).toMatchObject({
      ok: false,
      message: 'input conv_input has dtype string, which Tensorloom does not compute in',
      issues: [{ path: 'modelTopology.config.layers[0].config.dtype' }],
    });
  });

  it('refuses weight files that are missing or do not hold a weight a layer reads', async () => {
    const files = await savedAndDisposed(
      tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, name: 'dense' })] }),
    );
    expect(importOf(files, () => undefined)).toEqual({
      ok: false,
      message: "the model's weights are in a file not given: ./model.weights.bin (give them with model.json)",
      issues: [
        {
          path: 'weightsManifest',
          message: "the model's weights are in a file not given: ./model.weights.bin (give them with model.json)",
        },
      ],
    });
    files.modelJson.weightsManifest[0]!.weights[0]!.name = 'dense_1/kernel';
    expect(importOf(files)).toMatchObject({
      ok: false,
      message:
        'cannot import the Keras model: layer dense (Dense): its weight dense/kernel: not in the weights manifest',
    });
  });

  it('says what is wrong with a file that is no layers-model', async () => {
    const files = await mlp();
    expect(importOf({ ...files, modelJson: { ...files.modelJson, format: 'graph-model' } })).toMatchObject({
      ok: false,
      message:
        'not a tfjs layers-model: format: expected "layers-model" (a "graph-model" is imported as a tfjs GraphModel), got "graph-model"',
    });
    const topology = files.modelJson.modelTopology as { class_name: string };
    topology.class_name = 'Graph';
    expect(importOf(files)).toMatchObject({
      ok: false,
      message:
        'not a tfjs layers-model: modelTopology.class_name: expected "Sequential", "Functional" or "Model", got "Graph"',
    });
  });

  it('says where the model itself is broken: a layer name twice, an input no layer makes, no input shape', async () => {
    const files = await mlp();
    layersOf(files)[2]!.config.name = 'hidden';
    expect(importOf(files)).toMatchObject({
      ok: false,
      message: 'not a valid Keras model: two layers are named hidden',
      issues: [{ path: 'modelTopology.config.layers[2].config.name' }],
    });
    layersOf(files)[2]!.config.name = 'out';
    delete layersOf(files)[0]!.config.batch_input_shape;
    expect(importOf(files)).toMatchObject({
      message:
        'not a valid Keras model: layer hidden gives the model no input shape (batch_input_shape); Keras builds such a model only when first called',
    });

    const input = tf.input({ shape: [2], name: 'x' });
    const output = tf.layers.dense({ units: 1, name: 'y' }).apply(input) as tf.SymbolicTensor;
    const functional = await savedAndDisposed(tf.model({ inputs: input, outputs: output }));
    const [, dense] = layersOf(functional) as (LayerJson & { inbound_nodes: unknown[][][] })[];
    dense!.inbound_nodes[0]![0]![0] = 'z';
    expect(importOf(functional)).toMatchObject({
      ok: false,
      message: 'not a valid Keras model: layer y reads z:0:0, which no layer of the model makes',
      issues: [
        { path: 'modelTopology.config.layers[1].inbound_nodes[0]' },
        { message: "the model's output y:0:0 is made by no layer of the model" },
      ],
    });
  });
});
