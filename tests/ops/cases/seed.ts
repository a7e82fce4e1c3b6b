import type { OpCase } from '../op-case';

export const cases: OpCase[] = [
  {
    op: 'Placeholder',
    inputs: {},
    attrs: { value: { dtype: 'float32', shape: [3], values: [1, 2, 3] } },
    expected: { output: [1, 2, 3] },
  },
  {
    op: 'Const',
    inputs: {},
    attrs: { value: { dtype: 'int32', shape: [2, 2], values: [1, 2, 3, 4] } },
    expected: { output: [1, 2, 3, 4] },
  },
  {
    op: 'VariableV2',
    inputs: {},
    attrs: { value: { dtype: 'float32', shape: [2], values: [0.5, -1] } },
    expected: { ref: [0.5, -1] },
  },
  {
    op: 'FileBytes',
    inputs: {},
    // "AAH/" is base64 for the three bytes 0x00 0x01 0xff.
    attrs: { file: 'data:application/octet-stream;base64,AAH/' },
    expected: { bytes: [0, 1, 255] },
  },
  {
    op: 'FileBytes',
    title: 'no file yet',
    inputs: {},
    expected: { bytes: [] },
  },
  {
    op: 'AddV2',
    title: 'broadcast',
    inputs: { x: { shape: [2, 3] }, y: { shape: [3] } },
    reference: (tf, { x, y }) => ({ z: tf.add(x as never, y as never) }),
  },
  {
    op: 'AddV2',
    title: 'by hand',
    inputs: { x: { shape: [2], values: [1, 2] }, y: { shape: [], values: [10] } },
    expected: { z: [11, 12] },
  },
  {
    op: 'Sin',
    inputs: { x: { shape: [3], values: [1, 2, 3] } },
    expected: { y: [0.841471, 0.909297, 0.14112] },
  },
  {
    op: 'MatMul',
    inputs: { a: { shape: [2, 3] }, b: { shape: [3, 4] } },
    reference: (tf, { a, b }) => ({ product: tf.matMul(a as never, b as never) }),
  },
  {
    op: 'MatMul',
    title: 'transpose_b, by hand',
    inputs: { a: { shape: [1, 2], values: [1, 2] }, b: { shape: [2, 2], values: [1, 2, 3, 4] } },
    attrs: { transpose_b: true },
    expected: { product: [5, 11] },
  },
  {
    op: 'Sum',
    title: 'axis 1 keep_dims',
    inputs: { input: { shape: [2, 3] } },
    attrs: { axis: [1], keep_dims: true },
    reference: (tf, { input }) => ({ output: tf.sum(input as never, 1, true) }),
  },
  {
    op: 'Sum',
    title: 'all axes, by hand',
    inputs: { input: { shape: [2, 2], values: [1, 2, 3, 4] } },
    expected: { output: [10] },
  },
];
