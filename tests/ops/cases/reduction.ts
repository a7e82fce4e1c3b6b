import type * as tfjs from '@tensorflow/tfjs';
import type { OpCase } from '../op-case';

type T = tfjs.Tensor;

export const cases: OpCase[] = [
  {
    op: 'Mean',
    title: 'axis 0',
    inputs: { input: { shape: [3, 4] } },
    attrs: { axis: [0] },
    reference: (tf, { input }) => ({ output: tf.mean(input as T, 0) }),
  },
  {
    op: 'Mean',
    title: 'negative axis, keep_dims',
    inputs: { input: { shape: [2, 3, 4] } },
    attrs: { axis: [-1, 0], keep_dims: true },
    reference: (tf, { input }) => ({ output: tf.mean(input as T, [2, 0], true) }),
  },
  {
    op: 'Mean',
    title: 'int32 truncates toward zero, by hand',
    inputs: { input: { shape: [2, 2], dtype: 'int32', values: [1, 2, -7, 0] } },
    attrs: { axis: [1] },
    expected: { output: [1, -3] },
  },
  {
    // tfjs's own int32 mean gives 30 here.
    op: 'Mean',
    title: 'int32, seven 31s, by hand',
    inputs: { input: { shape: [7], dtype: 'int32', values: [31, 31, 31, 31, 31, 31, 31] } },
    expected: { output: [31] },
  },
  {
    op: 'Mean',
    title: 'int32, the sum divided with truncation',
    inputs: { input: { shape: [4, 5], dtype: 'int32', range: [-20, 20] } },
    attrs: { axis: [1] },
    reference: (tf, { input }) =>
      tf.tidy(() => {
        const sum = tf.sum(input as T, 1);
        return { output: tf.mul(tf.sign(sum), tf.floorDiv(tf.abs(sum), 5)) };
      }),
  },
  {
    op: 'Max',
    title: 'axis -1',
    inputs: { input: { shape: [3, 4] } },
    attrs: { axis: [-1] },
    reference: (tf, { input }) => ({ output: tf.max(input as T, 1) }),
  },
  {
    op: 'Max',
    title: 'int32, by hand',
    inputs: { input: { shape: [2, 2], dtype: 'int32', values: [3, -1, 4, 9] } },
    expected: { output: [9] },
  },
  {
    op: 'Min',
    title: 'axes [0, 2], keep_dims',
    inputs: { input: { shape: [2, 3, 2] } },
    attrs: { axis: [0, 2], keep_dims: true },
    reference: (tf, { input }) => ({ output: tf.min(input as T, [0, 2], true) }),
  },
  {
    op: 'Min',
    title: 'by hand',
    inputs: { input: { shape: [2, 2], values: [3, -1, 4, 9] } },
    attrs: { axis: [0] },
    expected: { output: [3, -1] },
  },
  {
    op: 'Prod',
    title: 'axis 1',
    inputs: { input: { shape: [3, 4] } },
    attrs: { axis: [1] },
    reference: (tf, { input }) => ({ output: tf.prod(input as T, 1) }),
  },
  {
    op: 'Prod',
    title: 'int32, by hand',
    inputs: { input: { shape: [4], dtype: 'int32', values: [1, 2, 3, 4] } },
    expected: { output: [24] },
  },
  {
    op: 'All',
    title: 'axis 0',
    inputs: { input: { shape: [3, 4], dtype: 'bool' } },
    attrs: { axis: [0] },
    reference: (tf, { input }) => ({ output: tf.all(input as T, 0) }),
  },
  {
    op: 'All',
    title: 'axis 1, by hand',
    inputs: { input: { shape: [2, 2], dtype: 'bool', values: [1, 0, 1, 1] } },
    attrs: { axis: [1] },
    expected: { output: [0, 1] },
  },
  {
    op: 'Any',
    title: 'axis -1, keep_dims',
    inputs: { input: { shape: [3, 4], dtype: 'bool' } },
    attrs: { axis: [-1], keep_dims: true },
    reference: (tf, { input }) => ({ output: tf.any(input as T, 1, true) }),
  },
  {
    op: 'Any',
    title: 'all axes, by hand',
    inputs: { input: { shape: [2, 2], dtype: 'bool', values: [0, 0, 1, 0] } },
    expected: { output: [1] },
  },
  {
    op: 'ArgMax',
    title: 'axis 1',
    inputs: { input: { shape: [3, 5] } },
    attrs: { axis: 1 },
    reference: (tf, { input }) => ({ output: tf.argMax(input as T, 1) }),
  },
  {
    op: 'ArgMax',
    title: 'axis -1, first of ties, by hand',
    inputs: { input: { shape: [2, 3], values: [1, 5, 5, 7, 0, 2] } },
    attrs: { axis: -1 },
    expected: { output: [1, 0] },
  },
  {
    op: 'ArgMin',
    title: 'axis 0, int32',
    inputs: { input: { shape: [4, 3], dtype: 'int32', range: [-9, 9] } },
    reference: (tf, { input }) => ({ output: tf.argMin(input as T, 0) }),
  },
  {
    op: 'ArgMin',
    title: 'by hand',
    inputs: { input: { shape: [2, 3], values: [1, 5, 5, 7, 0, 2] } },
    expected: { output: [0, 1, 1] },
  },
];
