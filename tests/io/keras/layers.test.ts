import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../support/session';
import { saved, seedWeights } from './layers-model-files';
import { batchFor, expectRuns, expectSameAsTfjs } from './support';

const newSession = sessions();

const ops = (graph: { nodes: readonly { id: string; op: string }[] }, prefix: string) =>
  graph.nodes.filter((n) => n.id.startsWith(`${prefix}/`)).map((n) => `${n.id} ${n.op}`);

describe('importing a tfjs layers-model', () => {
  it('reads a Sequential stack of Dense layers as MatMul, BiasAdd and the activation', async () => {
    const model = tf.sequential({
      name: 'mlp',
      layers: [
        tf.layers.dense({ inputShape: [6], units: 8, activation: 'relu', name: 'hidden' }),
        tf.layers.dropout({ rate: 0.5, name: 'drop' }),
        tf.layers.dense({ units: 5, activation: 'tanh', useBias: false, name: 'squash' }),
        tf.layers.dense({ units: 3, activation: 'softmax', name: 'probs' }),
      ],
    });
    const { graph, notes } = await expectSameAsTfjs(model, 1, newSession);
    expect(graph.name).toBe('mlp');
    expect(graph.nodes.map((n) => `${n.id} ${n.op}`)).toEqual([
      'hidden_input Placeholder',
      'hidden/kernel Const',
      'hidden/MatMul MatMul',
      'hidden/bias Const',
      'hidden/BiasAdd BiasAdd',
      'hidden/Relu Relu',
      'drop/Identity Identity',
      'squash/kernel Const',
      'squash/MatMul MatMul',
      'squash/Tanh Tanh',
      'probs/kernel Const',
      'probs/MatMul MatMul',
      'probs/bias Const',
      'probs/BiasAdd BiasAdd',
      'probs/Softmax Softmax',
    ]);
    expect(graph.nodes[1]!.attrs.value).toMatchObject({ dtype: 'float32', shape: [6, 8] });
    expect((graph.nodes[1]!.attrs.value as { values: unknown }).values).toBeInstanceOf(Float32Array);
    expect(notes).toEqual([
      {
        nodeId: 'hidden_input',
        message: 'input hidden_input has shape [?, 6]; it holds zeros of shape [1, 6] until you set its value',
      },
      { nodeId: 'probs/Softmax', message: "the model's output (layer probs) is probs/Softmax, output softmax" },
    ]);
  });

  it('expands every activation tfjs-layers knows, given as a layer config', async () => {
    const input = tf.input({ shape: [7], name: 'x' });
    const names = [
      'linear',
      'relu',
      'relu6',
      'sigmoid',
      'tanh',
      'softmax',
      'elu',
      'selu',
      'softplus',
      'softsign',
      'hardSigmoid',
      'swish',
      'mish',
      'gelu',
      'logSoftmax',
    ];
    const outputs = names.map(
      (activation) =>
        tf.layers.activation({ activation: activation as 'relu', name: activation }).apply(input) as tf.SymbolicTensor,
    );
    const { graph } = await expectSameAsTfjs(tf.model({ inputs: input, outputs }), 2, newSession);
    expect(ops(graph, 'linear')).toEqual(['linear/Identity Identity']);
    expect(ops(graph, 'hardSigmoid')).toEqual([
      'hardSigmoid/slope Const',
      'hardSigmoid/Mul Mul',
      'hardSigmoid/offset Const',
      'hardSigmoid/AddV2 AddV2',
      'hardSigmoid/zero Const',
      'hardSigmoid/Maximum Maximum',
      'hardSigmoid/one Const',
      'hardSigmoid/Minimum Minimum',
    ]);
  });

  it('reads the activation layers ReLU (capped or not), LeakyReLU, PReLU, ELU and Softmax', async () => {
    const input = tf.input({ shape: [3, 4, 2] });
    const layers = [
      tf.layers.reLU({ name: 'relu' }),
      tf.layers.reLU({ maxValue: 6, name: 'relu6' }),
      tf.layers.reLU({ maxValue: 0.5, name: 'capped' }),
      tf.layers.leakyReLU({ alpha: 0.1, name: 'leaky' }),
      tf.layers.prelu({ name: 'prelu' }),
      tf.layers.prelu({ sharedAxes: [1, 2], name: 'prelu_per_channel' }),
      tf.layers.elu({ name: 'elu' }),
      tf.layers.softmax({ axis: -1, name: 'softmax' }),
    ];
    const outputs = layers.map((layer) => layer.apply(input) as tf.SymbolicTensor);
    const { graph } = await expectSameAsTfjs(tf.model({ inputs: input, outputs }), 3, newSession);
    expect(ops(graph, 'relu6')).toEqual(['relu6/Relu6 Relu6']);
    expect(ops(graph, 'capped')).toEqual(['capped/Relu Relu', 'capped/max_value Const', 'capped/Minimum Minimum']);
    expect(ops(graph, 'prelu_per_channel')).toEqual(['prelu_per_channel/alpha Const', 'prelu_per_channel/Prelu Prelu']);
  });

  it('reads a Functional model with a residual Add, a Concatenate branch and a shared layer', async () => {
    const input = tf.input({ shape: [8], name: 'features' });
    const first = tf.layers.dense({ units: 8, activation: 'relu', name: 'first' }).apply(input) as tf.SymbolicTensor;
    const second = tf.layers.dense({ units: 8, name: 'second' }).apply(first) as tf.SymbolicTensor;
    const residual = tf.layers.add({ name: 'residual' }).apply([input, second]) as tf.SymbolicTensor;
    const shared = tf.layers.dense({ units: 4, activation: 'sigmoid', name: 'shared' });
    const side = shared.apply(input) as tf.SymbolicTensor;
    const again = shared.apply(residual) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate({ name: 'joined' }).apply([residual, side, again]) as tf.SymbolicTensor;
    const output = tf.layers.dense({ units: 3, activation: 'softmax', name: 'out' }).apply(joined);
    const { graph } = await expectSameAsTfjs(
      tf.model({ inputs: input, outputs: output as tf.SymbolicTensor, name: 'residual_net' }),
      4,
      newSession,
    );
    expect(ops(graph, 'residual')).toEqual(['residual/AddV2 AddV2']);
    expect(ops(graph, 'joined')).toEqual(['joined/ConcatV2 ConcatV2']);
    // Both calls of the shared layer read its one kernel.
    expect(ops(graph, 'shared')).toEqual([
      'shared/kernel Const',
      'shared/MatMul MatMul',
      'shared/bias Const',
      'shared/BiasAdd BiasAdd',
      'shared/Sigmoid Sigmoid',
      'shared/call_1/MatMul MatMul',
      'shared/call_1/BiasAdd BiasAdd',
      'shared/call_1/Sigmoid Sigmoid',
    ]);
    expect(graph.edges.filter((e) => e.source === 'shared/kernel').map((e) => e.target)).toEqual([
      'shared/MatMul',
      'shared/call_1/MatMul',
    ]);
  });

  it('reads every merge layer, with two inputs and more, of two ranks, and a model of three inputs', async () => {
    const a = tf.input({ shape: [5], name: 'a' });
    const b = tf.input({ shape: [5], name: 'b' });
    const rows = tf.input({ shape: [3, 5], name: 'rows' });
    const c = tf.layers.dense({ units: 5, name: 'c' }).apply(a) as tf.SymbolicTensor;
    const merged = [
      tf.layers.add({ name: 'add3' }).apply([a, b, c]),
      tf.layers.multiply({ name: 'multiply' }).apply([a, b, c]),
      tf.layers.average({ name: 'average' }).apply([a, b, c]),
      tf.layers.maximum({ name: 'maximum' }).apply([a, b]),
      tf.layers.minimum({ name: 'minimum' }).apply([a, c]),
      tf.layers.concatenate({ axis: 1, name: 'concat' }).apply([a, c]),
      tf.layers.multiply({ name: 'per_row' }).apply([rows, a]),
    ] as tf.SymbolicTensor[];
    const { graph } = await expectSameAsTfjs(tf.model({ inputs: [a, b, rows], outputs: merged }), 5, newSession);
    // Keras inserts the missing axis after the batch: a [batch, 5] scales each of the 3 rows.
    expect(ops(graph, 'per_row')).toEqual(['per_row/ExpandDims ExpandDims', 'per_row/Mul Mul']);
    expect(ops(graph, 'add3')).toEqual(['add3/AddV2 AddV2', 'add3/AddV2_1 AddV2']);
    expect(ops(graph, 'average')).toEqual([
      'average/AddV2 AddV2',
      'average/AddV2_1 AddV2',
      'average/one_over_n Const',
      'average/Mul Mul',
    ]);
  });

  it('reads a small CNN: Conv2D, BatchNormalization, ReLU, pooling, depthwise and separable convolutions', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [12, 12, 3], filters: 8, kernelSize: 3, padding: 'same', name: 'conv' }),
        tf.layers.batchNormalization({ name: 'conv_bn' }),
        tf.layers.reLU({ name: 'conv_relu' }),
        tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
        tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, activation: 'relu6', name: 'dw' }),
        tf.layers.batchNormalization({ center: false, scale: false, epsilon: 0.01, name: 'dw_bn' }),
        tf.layers.separableConv2d({ filters: 6, kernelSize: 3, padding: 'same', activation: 'relu', name: 'sep' }),
        tf.layers.globalAveragePooling2d({ name: 'gap' }),
        tf.layers.dense({ units: 5, activation: 'softmax', name: 'classes' }),
      ],
    });
    const { graph } = await expectSameAsTfjs(model, 6, newSession);
    expect(ops(graph, 'conv')).toEqual([
      'conv/kernel Const',
      'conv/Conv2D Conv2D',
      'conv/bias Const',
      'conv/BiasAdd BiasAdd',
    ]);
    expect(ops(graph, 'conv_bn')).toEqual([
      'conv_bn/gamma Const',
      'conv_bn/beta Const',
      'conv_bn/moving_mean Const',
      'conv_bn/moving_variance Const',
      'conv_bn/FusedBatchNormV3 FusedBatchNormV3',
    ]);
    expect(graph.nodes.find((n) => n.id === 'conv_bn/FusedBatchNormV3')!.attrs).toEqual({
      epsilon: 0.001,
      is_training: false,
    });
    expect(ops(graph, 'dw_bn')).toEqual([
      'dw_bn/ones Const',
      'dw_bn/zeros Const',
      'dw_bn/moving_mean Const',
      'dw_bn/moving_variance Const',
      'dw_bn/FusedBatchNormV3 FusedBatchNormV3',
    ]);
    expect(ops(graph, 'sep')).toEqual([
      'sep/depthwise_kernel Const',
      'sep/DepthwiseConv2dNative DepthwiseConv2dNative',
      'sep/pointwise_kernel Const',
      'sep/Conv2D Conv2D',
      'sep/bias Const',
      'sep/BiasAdd BiasAdd',
      'sep/Relu Relu',
    ]);
    expect(ops(graph, 'gap')).toEqual(['gap/Mean Mean']);
  });

  it('reads strides, VALID and SAME padding, dilations, convolutions without bias, and average and max pooling', async () => {
    const input = tf.input({ shape: [11, 10, 2] });
    const branch = (...layers: tf.layers.Layer[]) =>
      layers.reduce<tf.SymbolicTensor>((x, layer) => layer.apply(x) as tf.SymbolicTensor, input);
    const outputs = [
      branch(
        tf.layers.conv2d({ filters: 3, kernelSize: [3, 2], strides: [2, 3], padding: 'valid', activation: 'elu' }),
        tf.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'same' }),
      ),
      branch(
        tf.layers.conv2d({ filters: 4, kernelSize: 3, dilationRate: 2, padding: 'same', useBias: false }),
        tf.layers.maxPooling2d({ poolSize: [3, 2], strides: [2, 2], padding: 'same' }),
        tf.layers.globalMaxPooling2d({}),
      ),
      branch(
        tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', useBias: false }),
        tf.layers.separableConv2d({ filters: 3, kernelSize: 2, dilationRate: 2, useBias: false }),
        tf.layers.averagePooling2d({ poolSize: 2 }),
      ),
    ];
    await expectSameAsTfjs(tf.model({ inputs: input, outputs }), 7, newSession);
  });

  it('reads Flatten, Reshape, UpSampling2D, ZeroPadding2D, Dense on a sequence and BatchNormalization off the image channels', async () => {
    const input = tf.input({ shape: [4, 6, 3], name: 'image' });
    const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor) => layer.apply(x) as tf.SymbolicTensor;
    const flat = apply(tf.layers.flatten({ name: 'flat' }), input);
    const dense = apply(tf.layers.dense({ units: 6, name: 'dense' }), flat);
    const outputs = [
      apply(tf.layers.batchNormalization({ name: 'dense_bn' }), dense),
      apply(tf.layers.upSampling2d({ size: [2, 3], name: 'nearest' }), input),
      apply(tf.layers.upSampling2d({ size: [2, 2], interpolation: 'bilinear', name: 'bilinear' }), input),
      apply(
        tf.layers.zeroPadding2d({
          padding: [
            [1, 2],
            [0, 3],
          ],
          name: 'padded',
        }),
        input,
      ),
      apply(tf.layers.reshape({ targetShape: [-1, 6], name: 'open' }), input),
      apply(
        tf.layers.dense({ units: 5, activation: 'gelu', name: 'per_row' }),
        apply(tf.layers.reshape({ targetShape: [4, 18], name: 'rows' }), input),
      ),
    ];
    const { graph, notes } = await expectSameAsTfjs(tf.model({ inputs: input, outputs }), 8, newSession);
    expect(graph.nodes.find((n) => n.id === 'flat/Reshape')!.attrs).toEqual({ shape: [-1, 72] });
    expect(graph.nodes.find((n) => n.id === 'open/Reshape')!.attrs).toEqual({ shape: [-1, 12, 6] });
    expect(ops(graph, 'per_row')[1]).toBe('per_row/BatchMatMulV2 BatchMatMulV2');
    expect(graph.nodes.find((n) => n.id === 'nearest/ResizeNearestNeighbor')!.attrs).toEqual({ size: [8, 18] });
    expect(ops(graph, 'dense_bn')).toEqual([
      'dense_bn/moving_mean Const',
      'dense_bn/Sub Sub',
      'dense_bn/moving_variance Const',
      'dense_bn/epsilon Const',
      'dense_bn/AddV2 AddV2',
      'dense_bn/Rsqrt Rsqrt',
      'dense_bn/gamma Const',
      'dense_bn/Mul Mul',
      'dense_bn/Mul_1 Mul',
      'dense_bn/beta Const',
      'dense_bn/AddV2_1 AddV2',
    ]);
    expect(notes).toContainEqual({
      nodeId: 'bilinear/ResizeBilinear',
      message:
        'bilinear: resized as tfjs resizes it, sampling at pixel corners; Keras in Python samples at pixel centres, so its values differ: set half_pixel_centers to get those',
    });
  });

  // tfjs's CPU batchNorm steps through the statistics along the flat values, right only for the last axis.
  it("normalizes BatchNormalization along a middle axis per row, not as tfjs's CPU kernel cycles it", async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.batchNormalization({ inputShape: [4, 5], axis: 1, epsilon: 0.01, name: 'row_bn' }),
        tf.layers.batchNormalization({ axis: 1, scale: false, name: 'unscaled_bn' }),
      ],
    });
    seedWeights(model, 9);
    const files = await saved(model);
    const [x] = batchFor(model, 9);
    const want = tf.tidy(() => {
      const w = (name: string) =>
        model.weights
          .find((v) => v.originalName === name)!
          .read()
          .reshape([1, 4, 1]);
      const x0 = tf.tensor(x!.values, [2, 4, 5]);
      const rows = tf.div(tf.sub(x0, w('row_bn/moving_mean')), tf.sqrt(tf.add(w('row_bn/moving_variance'), 0.01)));
      const normalized = tf.add(tf.mul(rows, w('row_bn/gamma')), w('row_bn/beta'));
      const unscaled = tf.div(
        tf.sub(normalized, w('unscaled_bn/moving_mean')),
        tf.sqrt(tf.add(w('unscaled_bn/moving_variance'), 0.001)),
      );
      return tf.add(unscaled, w('unscaled_bn/beta')).dataSync();
    });
    model.dispose();
    const { graph } = await expectRuns(files, ['row_bn_input'], [x!], [{ shape: [2, 4, 5], values: want }], newSession);
    expect(graph.nodes.find((n) => n.id === 'row_bn/gamma')!.attrs.value).toMatchObject({ shape: [1, 4, 1] });
    expect(ops(graph, 'unscaled_bn')).not.toContain('unscaled_bn/Mul_1 Mul');
  });
});
