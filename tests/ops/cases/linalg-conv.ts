import type * as tfjs from '@tensorflow/tfjs';
import type { OpCase } from '../op-case';

type T = tfjs.Tensor;
type T4 = tfjs.Tensor4D;
/** 1, 2, … n as an NHWC image of one channel. */
const image = (h: number, w: number, from = 1) => ({
  shape: [1, h, w, 1],
  values: Array.from({ length: h * w }, (_, i) => i + from),
});
const ones = (shape: number[]) => ({ shape, values: Array<number>(shape.reduce((a, b) => a * b, 1)).fill(1) });

export const cases: OpCase[] = [
  {
    op: 'BiasAdd',
    inputs: { value: { shape: [2, 3, 4] }, bias: { shape: [4] } },
    reference: (tf, { value, bias }) => ({ output: tf.add(value as T, bias as T) }),
  },
  {
    op: 'BiasAdd',
    title: 'int32, by hand',
    inputs: {
      value: { shape: [2, 2], dtype: 'int32', values: [1, 2, 3, 4] },
      bias: { shape: [2], dtype: 'int32', values: [10, 20] },
    },
    expected: { output: [11, 22, 13, 24] },
  },
  {
    op: 'BatchMatMulV2',
    title: 'batch dims broadcast',
    inputs: { x: { shape: [2, 1, 2, 3] }, y: { shape: [3, 3, 4] } },
    // tfjs's matMul gets broadcast batches wrong: the reference stretches both sides first.
    reference: (tf, { x, y }) => ({
      output: tf.matMul(tf.broadcastTo(x as T, [2, 3, 2, 3]), tf.broadcastTo(y as T, [2, 3, 3, 4])),
    }),
  },
  {
    op: 'BatchMatMulV2',
    title: 'batch [2, 1] against [3], by hand (TensorFlow: 1, 10, 100, 2, 20, 200)',
    inputs: { x: { shape: [2, 1, 1, 1], values: [1, 2] }, y: { shape: [3, 1, 1], values: [1, 10, 100] } },
    expected: { output: [1, 10, 100, 2, 20, 200] },
  },
  {
    op: 'BatchMatMulV2',
    title: 'adj_x and adj_y',
    inputs: { x: { shape: [2, 3, 2] }, y: { shape: [2, 4, 3] } },
    attrs: { adj_x: true, adj_y: true },
    reference: (tf, { x, y }) => ({ output: tf.matMul(x as T, y as T, true, true) }),
  },
  {
    op: 'BatchMatMulV2',
    title: 'broadcast y, by hand',
    inputs: { x: { shape: [2, 1, 2], values: [1, 2, 3, 4] }, y: { shape: [2, 1], values: [1, 1] } },
    expected: { output: [3, 7] },
  },
  {
    op: 'BatchMatMulV2',
    title: 'rank 2, int32, by hand',
    inputs: {
      x: { shape: [2, 2], dtype: 'int32', values: [1, 2, 3, 4] },
      y: { shape: [2, 1], dtype: 'int32', values: [5, 6] },
    },
    expected: { output: [17, 39] },
  },
  {
    op: 'Conv2D',
    title: '3×3 input, 2×2 ones, VALID, by hand',
    inputs: { input: image(3, 3), filter: ones([2, 2, 1, 1]) },
    expected: { output: [12, 16, 24, 28] },
  },
  {
    op: 'Conv2D',
    title: '3×3 input, 2×2 ones, SAME, by hand',
    inputs: { input: image(3, 3), filter: ones([2, 2, 1, 1]) },
    attrs: { padding: 'SAME' },
    expected: { output: [12, 16, 9, 24, 28, 15, 15, 17, 9] },
  },
  {
    op: 'Conv2D',
    title: '3×3 input, 2×2 ones, SAME, strides 2, by hand',
    inputs: { input: image(3, 3), filter: ones([2, 2, 1, 1]) },
    attrs: { padding: 'SAME', strides: [1, 2, 2, 1] },
    expected: { output: [12, 9, 15, 9] },
  },
  {
    op: 'Conv2D',
    title: 'SAME, strides 2, channels',
    inputs: { input: { shape: [2, 5, 6, 3] }, filter: { shape: [3, 3, 3, 4] } },
    attrs: { padding: 'SAME', strides: [1, 2, 2, 1] },
    reference: (tf, { input, filter }) => ({ output: tf.conv2d(input as T4, filter as T4, 2, 'same') }),
    tolerance: 1e-4,
  },
  {
    op: 'Conv2D',
    title: 'VALID, strides 2 by 1',
    inputs: { input: { shape: [1, 7, 6, 2] }, filter: { shape: [3, 2, 2, 3] } },
    attrs: { strides: [1, 2, 1, 1] },
    reference: (tf, { input, filter }) => ({ output: tf.conv2d(input as T4, filter as T4, [2, 1], 'valid') }),
    tolerance: 1e-4,
  },
  {
    op: 'Conv2D',
    title: 'VALID, dilations 2',
    inputs: { input: { shape: [1, 6, 6, 2] }, filter: { shape: [2, 3, 2, 2] } },
    attrs: { dilations: [1, 2, 2, 1] },
    reference: (tf, { input, filter }) => ({
      output: tf.conv2d(input as T4, filter as T4, 1, 'valid', 'NHWC', 2),
    }),
    tolerance: 1e-4,
  },
  {
    op: 'MaxPool',
    title: '4×4 ramp, by hand',
    inputs: { input: image(4, 4, 0) },
    expected: { output: [5, 7, 13, 15] },
  },
  {
    op: 'MaxPool',
    title: '4×4 ramp, 3×3 window, SAME, by hand',
    inputs: { input: image(4, 4, 0) },
    attrs: { ksize: [1, 3, 3, 1], padding: 'SAME' },
    expected: { output: [10, 11, 14, 15] },
  },
  {
    op: 'MaxPool',
    title: 'SAME, strides 2, channels',
    inputs: { input: { shape: [2, 5, 6, 3] } },
    attrs: { ksize: [1, 3, 3, 1], padding: 'SAME' },
    reference: (tf, { input }) => ({ output: tf.maxPool(input as T4, 3, 2, 'same') }),
  },
  {
    op: 'MaxPool',
    title: 'VALID, strides 1, int32',
    inputs: { input: { shape: [1, 4, 5, 2], dtype: 'int32', range: [-50, 50] } },
    attrs: { ksize: [1, 2, 3, 1], strides: [1, 1, 1, 1] },
    reference: (tf, { input }) => ({ output: tf.maxPool(input as T4, [2, 3], 1, 'valid') }),
  },
  {
    op: 'AvgPool',
    title: '4×4 ramp, by hand',
    inputs: { value: image(4, 4, 0) },
    expected: { output: [2.5, 4.5, 10.5, 12.5] },
  },
  {
    op: 'AvgPool',
    title: 'SAME leaves padding out of the mean, by hand',
    inputs: { value: image(3, 3) },
    attrs: { padding: 'SAME' },
    expected: { output: [3, 4.5, 7.5, 9] },
  },
  {
    op: 'AvgPool',
    title: 'VALID, strides 1 by 2, channels',
    inputs: { value: { shape: [2, 5, 6, 3] } },
    attrs: { ksize: [1, 3, 2, 1], strides: [1, 1, 2, 1] },
    reference: (tf, { value }) => ({ output: tf.avgPool(value as T4, [3, 2], [1, 2], 'valid') }),
  },
];
