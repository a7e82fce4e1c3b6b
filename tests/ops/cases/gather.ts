import type * as tfjs from '@tensorflow/tfjs';
import type { OpCase } from '../op-case';

type T = tfjs.Tensor;
const ramp = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const iota = (n: number) => Array.from({ length: n }, (_, i) => i);
/** x = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]. */
const IOTA = { shape: [3, 4], values: iota(12) };

export const cases: OpCase[] = [
  {
    op: 'Shape',
    title: 'rank 3, by hand',
    inputs: { input: { shape: [2, 3, 4] } },
    expected: { output: [2, 3, 4] },
  },
  {
    op: 'Shape',
    title: 'a bool scalar, by hand',
    inputs: { input: { shape: [], dtype: 'bool' } },
    expected: { output: [] },
  },
  {
    op: 'GatherV2',
    title: 'rows, by hand',
    inputs: { params: { shape: [3, 2], values: ramp(6) }, indices: { shape: [2], dtype: 'int32', values: [2, 0] } },
    expected: { output: [5, 6, 1, 2] },
  },
  {
    op: 'GatherV2',
    title: 'batch_dims 1, by hand',
    inputs: {
      params: { shape: [2, 3], values: ramp(6) },
      indices: { shape: [2, 2], dtype: 'int32', values: [2, 0, 1, 1] },
    },
    attrs: { axis: 1, batch_dims: 1 },
    expected: { output: [3, 1, 5, 5] },
  },
  {
    op: 'GatherV2',
    title: 'axis -1 with 2-D indices',
    inputs: {
      params: { shape: [2, 3, 4] },
      indices: { shape: [2, 3], dtype: 'int32', values: [3, 0, 1, 1, 2, 0] },
    },
    attrs: { axis: -1 },
    reference: (tf, { params, indices }) => ({ output: tf.gather(params as T, indices as T, 2) }),
  },
  {
    op: 'GatherNd',
    title: 'elements, by hand',
    inputs: {
      params: { shape: [2, 2], values: ramp(4) },
      indices: { shape: [2, 2], dtype: 'int32', values: [1, 0, 0, 1] },
    },
    expected: { output: [3, 2] },
  },
  {
    op: 'GatherNd',
    title: 'rows of rank 3 params',
    inputs: {
      params: { shape: [2, 3, 2] },
      indices: { shape: [3, 2], dtype: 'int32', values: [1, 2, 0, 0, 1, 1] },
    },
    reference: (tf, { params, indices }) => ({ output: tf.gatherND(params as T, indices as T) }),
  },
  {
    op: 'StridedSlice',
    title: 'x[::-1, -1], by hand (tfjs gives [2, 1, 0])',
    inputs: { input: IOTA },
    attrs: { begin: [0, -1], end: [0, 0], strides: [-1, 1], begin_mask: 1, end_mask: 1, shrink_axis_mask: 2 },
    expected: { output: [11, 7, 3] },
  },
  {
    op: 'StridedSlice',
    title: 'x[1:3, 0:4:2], by hand',
    inputs: { input: IOTA },
    attrs: { begin: [1, 0], end: [3, 4], strides: [1, 2] },
    expected: { output: [4, 6, 8, 10] },
  },
  {
    op: 'StridedSlice',
    title: 'x[2:0:-1, ::-3], by hand',
    inputs: { input: IOTA },
    attrs: { begin: [2, 0], end: [0, 0], strides: [-1, -3], begin_mask: 2, end_mask: 2 },
    expected: { output: [11, 8, 7, 4] },
  },
  {
    op: 'StridedSlice',
    title: 'x[:, newaxis, 1:], by hand',
    inputs: { input: IOTA },
    attrs: { begin: [0, 0, 1], end: [0, 0, 0], strides: [1, 1, 1], begin_mask: 1, end_mask: 5, new_axis_mask: 2 },
    expected: { output: [1, 2, 3, 5, 6, 7, 9, 10, 11] },
  },
  {
    op: 'StridedSlice',
    title: 'x[-1, 2] to a scalar, int32, by hand',
    inputs: { input: { ...IOTA, dtype: 'int32' } },
    attrs: { begin: [-1, 2], end: [0, 3], strides: [1, 1], shrink_axis_mask: 3 },
    expected: { output: [10] },
  },
  {
    op: 'StridedSlice',
    title: 'x[..., 1] on rank 3, by hand',
    inputs: { input: { shape: [2, 3, 4], values: iota(24) } },
    attrs: { begin: [0, 1], end: [0, 2], strides: [1, 1], ellipsis_mask: 1, shrink_axis_mask: 2 },
    expected: { output: [1, 5, 9, 13, 17, 21] },
  },
  {
    op: 'StridedSlice',
    title: 'bounds clamp and masks, as tfjs with positive strides',
    inputs: { input: { shape: [4, 5, 3] } },
    attrs: { begin: [-10, 1, 0], end: [3, 50, 2], strides: [2, 2, 1], end_mask: 4 },
    reference: (tf, { input }) => ({ output: tf.stridedSlice(input as T, [0, 1, 0], [3, 5, 3], [2, 2, 1]) }),
  },
  {
    op: 'Pad',
    title: 'by hand',
    inputs: { input: { shape: [2, 2], values: ramp(4) } },
    attrs: { paddings: [1, 0, 0, 1] },
    expected: { output: [0, 0, 0, 1, 2, 0, 3, 4, 0] },
  },
  {
    op: 'Pad',
    title: 'rank 3',
    inputs: { input: { shape: [2, 3, 2] } },
    attrs: { paddings: [0, 1, 2, 0, 1, 1] },
    reference: (tf, { input }) => ({
      output: tf.pad(input as T, [
        [0, 1],
        [2, 0],
        [1, 1],
      ]),
    }),
  },
  {
    op: 'PadV2',
    title: 'int32 constant, by hand',
    inputs: { input: { shape: [2], dtype: 'int32', values: [5, 6] } },
    attrs: { paddings: [2, 1], constant_values: -9 },
    expected: { output: [-9, -9, 5, 6, -9] },
  },
  {
    op: 'PadV2',
    title: 'float constant',
    inputs: { input: { shape: [3, 2] } },
    attrs: { paddings: [1, 1, 0, 2], constant_values: 2.5 },
    reference: (tf, { input }) => ({
      output: tf.pad(
        input as T,
        [
          [1, 1],
          [0, 2],
        ],
        2.5,
      ),
    }),
  },
  {
    op: 'MirrorPad',
    title: 'REFLECT leaves the edge out, by hand',
    inputs: { input: { shape: [3], values: [1, 2, 3] } },
    attrs: { paddings: [2, 1], mode: 'REFLECT' },
    expected: { output: [3, 2, 1, 2, 3, 2] },
  },
  {
    op: 'MirrorPad',
    title: 'SYMMETRIC repeats the edge, by hand',
    inputs: { input: { shape: [3], values: [1, 2, 3] } },
    attrs: { paddings: [2, 1], mode: 'SYMMETRIC' },
    expected: { output: [2, 1, 1, 2, 3, 3] },
  },
  {
    op: 'MirrorPad',
    title: 'rank 2, REFLECT',
    inputs: { input: { shape: [3, 4] } },
    attrs: { paddings: [1, 2, 2, 3], mode: 'REFLECT' },
    reference: (tf, { input }) => ({
      output: tf.mirrorPad(
        input as T,
        [
          [1, 2],
          [2, 3],
        ],
        'reflect',
      ),
    }),
  },
  {
    op: 'Unpack',
    title: 'axis 1, by hand',
    inputs: { value: { shape: [2, 3], values: ramp(6) } },
    attrs: { num: 3, axis: 1 },
    expected: { output_0: [1, 4], output_1: [2, 5], output_2: [3, 6] },
  },
  {
    op: 'Unpack',
    title: 'axis -1 of rank 3',
    inputs: { value: { shape: [2, 3, 2] } },
    attrs: { num: 2, axis: -1 },
    reference: (tf, { value }) => {
      const [a, b] = tf.unstack(value as T, 2);
      return { output_0: a!, output_1: b! };
    },
  },
  {
    op: 'Split',
    title: 'axis 1, by hand',
    inputs: { value: { shape: [2, 4], values: ramp(8) } },
    attrs: { axis: 1, num_split: 2 },
    expected: { output_0: [1, 2, 5, 6], output_1: [3, 4, 7, 8] },
  },
  {
    op: 'Split',
    title: 'three ways along axis -1, bool',
    inputs: { value: { shape: [2, 6], dtype: 'bool' } },
    attrs: { axis: -1, num_split: 3 },
    reference: (tf, { value }) => {
      const [a, b, c] = tf.split(value as T, 3, 1);
      return { output_0: a!, output_1: b!, output_2: c! };
    },
  },
  {
    op: 'SplitV',
    title: 'a -1 takes the rest, by hand',
    inputs: { value: { shape: [5], values: ramp(5) } },
    attrs: { size_splits: [2, -1], axis: 0, num_split: 2 },
    expected: { output_0: [1, 2], output_1: [3, 4, 5] },
  },
  {
    op: 'SplitV',
    title: 'three sizes along axis 1',
    inputs: { value: { shape: [2, 6] } },
    attrs: { size_splits: [1, 3, 2], axis: 1, num_split: 3 },
    reference: (tf, { value }) => {
      const [a, b, c] = tf.split(value as T, [1, 3, 2], 1);
      return { output_0: a!, output_1: b!, output_2: c! };
    },
  },
  {
    op: 'BroadcastTo',
    title: 'a row to a matrix, by hand',
    inputs: { input: { shape: [3], values: [1, 2, 3] } },
    attrs: { shape: [2, 3] },
    expected: { output: [1, 2, 3, 1, 2, 3] },
  },
  {
    op: 'BroadcastTo',
    title: 'size-1 and missing dimensions, int32',
    inputs: { input: { shape: [3, 1], dtype: 'int32', range: [-9, 9] } },
    attrs: { shape: [2, 3, 4] },
    reference: (tf, { input }) => ({ output: tf.broadcastTo(input as T, [2, 3, 4]) }),
  },
  {
    op: 'Cumsum',
    title: 'exclusive, by hand',
    inputs: { x: { shape: [4], values: [1, 2, 3, 4] } },
    attrs: { exclusive: true },
    expected: { out: [0, 1, 3, 6] },
  },
  {
    op: 'Cumsum',
    title: 'reverse, by hand',
    inputs: { x: { shape: [4], dtype: 'int32', values: [1, 2, 3, 4] } },
    attrs: { reverse: true },
    expected: { out: [10, 9, 7, 4] },
  },
  {
    op: 'Cumsum',
    title: 'exclusive and reverse, by hand',
    inputs: { x: { shape: [4], values: [1, 2, 3, 4] } },
    attrs: { exclusive: true, reverse: true },
    expected: { out: [9, 7, 4, 0] },
  },
  {
    op: 'Cumsum',
    title: 'axis 0 of a matrix',
    inputs: { x: { shape: [3, 2] } },
    attrs: { axis: 0 },
    reference: (tf, { x }) => ({ out: tf.cumsum(x as T, 0) }),
  },
  {
    op: 'TopKV2',
    title: 'ties go to the lower index, by hand',
    inputs: { input: { shape: [2, 4], values: [1, 3, 3, 2, 5, 5, 5, 5] } },
    attrs: { k: 3 },
    expected: { values: [3, 3, 2, 5, 5, 5], indices: [1, 2, 3, 0, 1, 2] },
  },
  {
    op: 'TopKV2',
    title: 'int32 rows',
    inputs: { input: { shape: [3, 5], dtype: 'int32', range: [-1000, 1000] } },
    attrs: { k: 2 },
    reference: (tf, { input }) => {
      const { values, indices } = tf.topk(input as T, 2);
      return { values, indices };
    },
  },
  {
    op: 'Einsum',
    title: 'ij,jk->ik is a matrix product',
    inputs: { inputs: [{ shape: [2, 3] }, { shape: [3, 4] }] },
    reference: (tf, { inputs }) => ({ output: tf.matMul((inputs as T[])[0]!, (inputs as T[])[1]!) }),
  },
  {
    op: 'Einsum',
    title: 'bij,bkj->bki',
    inputs: { inputs: [{ shape: [2, 3, 4] }, { shape: [2, 2, 4] }] },
    attrs: { equation: 'bij,bkj->bki' },
    reference: (tf, { inputs }) => {
      const [x, y] = inputs as T[];
      return { output: tf.transpose(tf.matMul(x!, y!, false, true), [0, 2, 1]) };
    },
  },
  {
    op: 'Einsum',
    title: 'i,i-> is a dot product, by hand',
    inputs: {
      inputs: [
        { shape: [3], values: [1, 2, 3] },
        { shape: [3], values: [4, 5, 6] },
      ],
    },
    attrs: { equation: 'i,i->' },
    expected: { output: [32] },
  },
  {
    op: 'Einsum',
    title: 'ijk->kj sums i, int32, by hand',
    inputs: { inputs: [{ shape: [2, 2, 2], dtype: 'int32', values: ramp(8) }] },
    attrs: { equation: 'ijk->kj' },
    expected: { output: [6, 10, 8, 12] },
  },
];
