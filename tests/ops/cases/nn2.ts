import type * as tfjs from '@tensorflow/tfjs';
import type { AttrValue } from '../../../src/graph/types';
import { registry } from '../../../src/ops/registry';
import type { OpCase } from '../op-case';

type T = tfjs.Tensor;
type T4 = tfjs.Tensor4D;
type TF = typeof tfjs;

/** 1, 2, … n as an NHWC image of one channel. */
const image = (h: number, w: number) => ({
  shape: [1, h, w, 1],
  values: Array.from({ length: h * w }, (_, i) => i + 1),
});
const ones = (shape: number[]) => ({ shape, values: Array<number>(shape.reduce((a, b) => a * b, 1)).fill(1) });
const positive = (shape: number[]) => ({ shape, range: [0.5, 2] as [number, number] });

/**
 * One of Tensorloom's own ops, run as the executor runs it, with its default attributes where
 * `attrs` leaves them out: the fused ops are checked against the chains they stand for.
 */
function run(tf: TF, name: string, inputs: Record<string, T | T[]>, attrs: Record<string, AttrValue> = {}): T {
  const op = registry.get(name)!;
  const resolved = Object.fromEntries(Object.entries(op.attrs).map(([k, s]) => [k, k in attrs ? attrs[k] : s.default]));
  // Every op but a script runs synchronously.
  const outputs = op.forward(tf, inputs as never, resolved as never, { nodeId: name }) as Record<string, T>;
  return outputs[op.outputs[0]!]!;
}

/** TensorFlow's training-mode batch norm written with tfjs: statistics over every axis but the channels'. */
function batchNormReference(
  tf: TF,
  { x, scale, offset }: Record<string, T | T[]>,
  axes: number[],
  channelShape: number[],
  epsilon: number,
): Record<string, T> {
  const { mean, variance } = tf.moments(x as T, axes);
  const count = (x as T).size / mean.size;
  const perChannel = (t: T) => tf.reshape(t, channelShape);
  return {
    // tfjs's batchNorm takes the channels last: written out instead.
    y: tf.add(
      tf.mul(
        tf.div(tf.sub(x as T, perChannel(mean)), tf.sqrt(tf.add(perChannel(variance), epsilon))),
        perChannel(scale as T),
      ),
      perChannel(offset as T),
    ),
    batch_mean: mean,
    batch_variance: tf.mul(variance, count / (count - 1)),
    reserve_space_1: mean,
    reserve_space_2: variance,
    reserve_space_3: tf.scalar(0),
  };
}

export const cases: OpCase[] = [
  {
    op: 'DepthwiseConv2dNative',
    title: '3×3 ramp, filters of ones and twos, VALID, by hand',
    inputs: { input: image(3, 3), filter: { shape: [2, 2, 1, 2], values: [1, 2, 1, 2, 1, 2, 1, 2] } },
    expected: { output: [12, 24, 16, 32, 24, 48, 28, 56] },
  },
  {
    op: 'DepthwiseConv2dNative',
    title: 'SAME, strides 2, multiplier 2',
    inputs: { input: { shape: [2, 5, 6, 3] }, filter: { shape: [3, 3, 3, 2] } },
    attrs: { padding: 'SAME', strides: [1, 2, 2, 1] },
    reference: (tf, { input, filter }) => ({ output: tf.depthwiseConv2d(input as T4, filter as T4, 2, 'same') }),
    tolerance: 1e-4,
  },
  {
    op: 'DepthwiseConv2dNative',
    title: 'VALID, dilations 2',
    inputs: { input: { shape: [1, 6, 7, 2] }, filter: { shape: [2, 3, 2, 1] } },
    attrs: { dilations: [1, 2, 2, 1] },
    reference: (tf, { input, filter }) => ({
      output: tf.depthwiseConv2d(input as T4, filter as T4, 1, 'valid', 'NHWC', 2),
    }),
    tolerance: 1e-4,
  },
  {
    op: 'Conv2DBackpropInput',
    title: '2×2 ones through a 2×2 filter of ones, VALID, by hand',
    inputs: { filter: ones([2, 2, 1, 1]), out_backprop: ones([1, 2, 2, 1]) },
    attrs: { input_sizes: [1, 3, 3, 1] },
    expected: { output: [1, 2, 1, 2, 4, 2, 1, 2, 1] },
  },
  {
    op: 'Conv2DBackpropInput',
    title: 'SAME, strides 2, channels',
    inputs: { filter: { shape: [3, 3, 3, 4] }, out_backprop: { shape: [2, 3, 3, 4] } },
    attrs: { input_sizes: [2, 6, 5, 3], padding: 'SAME', strides: [1, 2, 2, 1] },
    reference: (tf, { filter, out_backprop }) => ({
      output: tf.conv2dTranspose(out_backprop as T4, filter as T4, [2, 6, 5, 3], 2, 'same'),
    }),
    tolerance: 1e-4,
  },
  {
    op: 'Conv2DBackpropInput',
    title: 'input_sizes of height and width only',
    inputs: { filter: { shape: [2, 3, 2, 3] }, out_backprop: { shape: [2, 4, 3, 3] } },
    attrs: { input_sizes: [5, 5] },
    reference: (tf, { filter, out_backprop }) => ({
      output: tf.conv2dTranspose(out_backprop as T4, filter as T4, [2, 5, 5, 2], 1, 'valid'),
    }),
    tolerance: 1e-4,
  },
  {
    op: 'Prelu',
    title: 'a scalar slope, by hand',
    inputs: { x: { shape: [5], values: [-2, -0.5, 0, 1, 3] }, alpha: { shape: [], values: [0.25] } },
    expected: { activations: [-0.5, -0.125, 0, 1, 3] },
  },
  {
    op: 'Prelu',
    title: 'one slope per channel',
    inputs: { x: { shape: [2, 3, 4] }, alpha: { shape: [4], range: [0, 1] } },
    reference: (tf, { x, alpha }) => ({ activations: tf.prelu(x as T, alpha as T) }),
  },
  {
    op: 'ResizeBilinear',
    title: '[0, 10] to 3 pixels, by hand',
    inputs: { images: { shape: [1, 1, 2, 1], values: [0, 10] } },
    attrs: { size: [1, 3] },
    expected: { resized_images: [0, 20 / 3, 10] },
  },
  {
    op: 'ResizeBilinear',
    title: '[0, 10] to 3 pixels, half_pixel_centers, by hand',
    inputs: { images: { shape: [1, 1, 2, 1], values: [0, 10] } },
    attrs: { size: [1, 3], half_pixel_centers: true },
    expected: { resized_images: [0, 5, 10] },
  },
  {
    op: 'ResizeBilinear',
    title: 'up, align_corners',
    inputs: { images: { shape: [2, 3, 4, 2] } },
    attrs: { size: [5, 7], align_corners: true },
    reference: (tf, { images }) => ({ resized_images: tf.image.resizeBilinear(images as T4, [5, 7], true) }),
    tolerance: 1e-4,
  },
  {
    op: 'ResizeBilinear',
    title: 'down, half_pixel_centers',
    inputs: { images: { shape: [1, 7, 9, 3] } },
    attrs: { size: [3, 4], half_pixel_centers: true },
    reference: (tf, { images }) => ({ resized_images: tf.image.resizeBilinear(images as T4, [3, 4], false, true) }),
    tolerance: 1e-4,
  },
  {
    op: 'ResizeNearestNeighbor',
    title: '[1, 2, 3] to 5 pixels, by hand',
    inputs: { images: { shape: [1, 1, 3, 1], values: [1, 2, 3] } },
    attrs: { size: [1, 5] },
    expected: { resized_images: [1, 1, 2, 2, 3] },
  },
  {
    op: 'ResizeNearestNeighbor',
    title: '[1, 2, 3] to 5 pixels, align_corners, by hand',
    inputs: { images: { shape: [1, 1, 3, 1], values: [1, 2, 3] } },
    attrs: { size: [1, 5], align_corners: true },
    expected: { resized_images: [1, 2, 2, 3, 3] },
  },
  {
    op: 'ResizeNearestNeighbor',
    title: '[1, 2, 3] to 5 pixels, half_pixel_centers, by hand',
    inputs: { images: { shape: [1, 1, 3, 1], values: [1, 2, 3] } },
    attrs: { size: [1, 5], half_pixel_centers: true },
    expected: { resized_images: [1, 1, 2, 3, 3] },
  },
  {
    op: 'ResizeNearestNeighbor',
    title: 'int32, up and down',
    inputs: { images: { shape: [2, 4, 6, 2], dtype: 'int32', range: [-50, 50] } },
    attrs: { size: [7, 4] },
    reference: (tf, { images }) => ({ resized_images: tf.image.resizeNearestNeighbor(images as T4, [7, 4]) }),
  },
  {
    op: 'FusedBatchNorm',
    title: 'inference, by hand',
    inputs: {
      x: { shape: [1, 1, 2, 2], values: [1, 2, 3, 4] },
      scale: { shape: [2], values: [1, 2] },
      offset: { shape: [2], values: [0, 1] },
      mean: { shape: [2], values: [2, 3] },
      variance: { shape: [2], values: [1, 4] },
    },
    attrs: { is_training: false, epsilon: 0 },
    expected: {
      y: [-1, 0, 1, 2],
      batch_mean: [2, 3],
      batch_variance: [1, 4],
      reserve_space_1: [2, 3],
      reserve_space_2: [1, 4],
    },
  },
  {
    op: 'FusedBatchNorm',
    title: 'training, by hand: batch_variance unbiased, reserve_space_2 not',
    inputs: {
      x: { shape: [1, 1, 2, 2], values: [1, 2, 3, 4] },
      scale: ones([2]),
      offset: { shape: [2], values: [0, 0] },
      mean: { shape: [0], values: [] },
      variance: { shape: [0], values: [] },
    },
    attrs: { epsilon: 0 },
    expected: {
      y: [-1, -1, 1, 1],
      batch_mean: [2, 3],
      batch_variance: [2, 2],
      reserve_space_1: [2, 3],
      reserve_space_2: [1, 1],
    },
  },
  {
    op: 'FusedBatchNormV3',
    title: 'training, NCHW',
    inputs: {
      x: { shape: [2, 3, 4, 2] },
      scale: positive([3]),
      offset: { shape: [3] },
      mean: { shape: [3] },
      variance: positive([3]),
    },
    attrs: { data_format: 'NCHW' },
    reference: (tf, inputs) => batchNormReference(tf, inputs, [0, 2, 3], [3, 1, 1], 0.0001),
    tolerance: 1e-4,
  },
  {
    op: 'FusedBatchNormV3',
    title: 'inference',
    inputs: {
      x: { shape: [2, 3, 2, 4] },
      scale: positive([4]),
      offset: { shape: [4] },
      mean: { shape: [4] },
      variance: positive([4]),
    },
    attrs: { is_training: false, epsilon: 0.001 },
    reference: (tf, { x, scale, offset, mean, variance }) => ({
      y: tf.batchNorm(x as T, mean as T, variance as T, offset as T, scale as T, 0.001),
      batch_mean: tf.clone(mean as T),
      batch_variance: tf.clone(variance as T),
      reserve_space_1: tf.clone(mean as T),
      reserve_space_2: tf.clone(variance as T),
      reserve_space_3: tf.scalar(0),
    }),
    tolerance: 1e-4,
  },
  {
    op: '_FusedConv2D',
    title: 'against Conv2D → BiasAdd → Relu',
    inputs: { input: { shape: [2, 5, 5, 3] }, filter: { shape: [3, 3, 3, 4] }, args: [{ shape: [4] }] },
    attrs: { fused_ops: 'BiasAdd,Relu', padding: 'SAME', strides: [1, 2, 2, 1] },
    reference: (tf, { input, filter, args }) => {
      const conv = run(tf, 'Conv2D', { input: input!, filter: filter! }, { padding: 'SAME', strides: [1, 2, 2, 1] });
      const biased = run(tf, 'BiasAdd', { value: conv, bias: (args as T[])[0]! });
      return { output: run(tf, 'Relu', { features: biased }) };
    },
    tolerance: 1e-4,
  },
  {
    op: '_FusedConv2D',
    title: 'against Conv2D → FusedBatchNormV3 (inference) → Prelu, dilated',
    inputs: {
      input: { shape: [1, 6, 6, 2] },
      filter: { shape: [2, 2, 2, 3] },
      args: [{ shape: [3] }, { shape: [3] }, { shape: [3] }, positive([3]), { shape: [1, 1, 3], range: [0, 1] }],
    },
    attrs: { fused_ops: 'FusedBatchNorm,Prelu', num_args: 5, epsilon: 0.001, dilations: [1, 2, 2, 1] },
    reference: (tf, { input, filter, args }) => {
      const [scale, offset, mean, variance, alpha] = args as T[];
      const conv = run(tf, 'Conv2D', { input: input!, filter: filter! }, { dilations: [1, 2, 2, 1] });
      const normalized = run(
        tf,
        'FusedBatchNormV3',
        { x: conv, scale: scale!, offset: offset!, mean: mean!, variance: variance! },
        { is_training: false, epsilon: 0.001 },
      );
      return { output: run(tf, 'Prelu', { x: normalized, alpha: alpha! }) };
    },
    tolerance: 1e-4,
  },
  {
    op: 'FusedDepthwiseConv2dNative',
    title: 'against DepthwiseConv2dNative → BiasAdd → Relu6',
    inputs: { input: { shape: [2, 5, 5, 2], range: [-4, 4] }, filter: { shape: [3, 3, 2, 2] }, args: [{ shape: [4] }] },
    attrs: { fused_ops: 'BiasAdd,Relu6', padding: 'SAME' },
    reference: (tf, { input, filter, args }) => {
      const conv = run(tf, 'DepthwiseConv2dNative', { input: input!, filter: filter! }, { padding: 'SAME' });
      const biased = run(tf, 'BiasAdd', { value: conv, bias: (args as T[])[0]! });
      return { output: run(tf, 'Relu6', { features: biased }) };
    },
    tolerance: 1e-4,
  },
  {
    op: 'FusedDepthwiseConv2dNative',
    title: 'NoOp,Elu: no args, against DepthwiseConv2dNative → Elu',
    inputs: { input: { shape: [1, 6, 6, 3] }, filter: { shape: [2, 2, 3, 1] } },
    attrs: { fused_ops: 'NoOp,Elu', num_args: 0, strides: [1, 2, 2, 1] },
    reference: (tf, { input, filter }) => {
      const conv = run(tf, 'DepthwiseConv2dNative', { input: input!, filter: filter! }, { strides: [1, 2, 2, 1] });
      return { output: run(tf, 'Elu', { features: conv }) };
    },
    tolerance: 1e-4,
  },
  {
    op: '_FusedMatMul',
    title: 'against MatMul → BiasAdd → LeakyRelu',
    inputs: { a: { shape: [4, 3] }, b: { shape: [5, 4] }, args: [{ shape: [5] }] },
    attrs: { fused_ops: 'BiasAdd,LeakyRelu', transpose_a: true, transpose_b: true, leakyrelu_alpha: 0.3 },
    reference: (tf, { a, b, args }) => {
      const product = run(tf, 'MatMul', { a: a!, b: b! }, { transpose_a: true, transpose_b: true });
      const biased = run(tf, 'BiasAdd', { value: product, bias: (args as T[])[0]! });
      return { product: run(tf, 'LeakyRelu', { features: biased }, { alpha: 0.3 }) };
    },
    tolerance: 1e-4,
  },
  {
    op: '_FusedMatMul',
    title: 'against MatMul → BiasAdd → Prelu',
    inputs: { a: { shape: [3, 4] }, b: { shape: [4, 2] }, args: [{ shape: [2] }, { shape: [2], range: [0, 1] }] },
    attrs: { fused_ops: 'BiasAdd,Prelu', num_args: 2 },
    reference: (tf, { a, b, args }) => {
      const [bias, alpha] = args as T[];
      const biased = run(tf, 'BiasAdd', { value: run(tf, 'MatMul', { a: a!, b: b! }), bias: bias! });
      return { product: run(tf, 'Prelu', { x: biased, alpha: alpha! }) };
    },
    tolerance: 1e-4,
  },
];
