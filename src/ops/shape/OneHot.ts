import { attr } from '../../graph/attrs';
import { defineOp } from '../define-op';

export const OneHot = defineOp({
  name: 'OneHot',
  category: 'shape',
  doc: 'A new last axis of length depth holding on_value at each index and off_value elsewhere.',
  inputs: { indices: { dtypes: ['int32'] } },
  outputs: ['output'],
  attrs: {
    // TensorFlow allows depth 1; tfjs 4.22's oneHot throws below 2.
    depth: attr.int(2, { min: 2 }),
    on_value: attr.float(1),
    off_value: attr.float(0),
    axis: attr.int(-1, { min: -1, max: -1, doc: 'only the last axis is supported' }),
    dtype: attr.dtype('float32', ['float32']),
  },
  differentiable: false,
  infer: ({ indices }, { depth, dtype }) => ({
    output: { dtype, shape: indices.shape === null ? null : [...indices.shape, depth] },
  }),
  // tfjs's oneHot defaults to int32, unlike TensorFlow's float32, so the dtype is always passed.
  forward: (tf, { indices }, { depth, on_value, off_value, dtype }) => ({
    output: tf.oneHot(indices, depth, on_value, off_value, dtype),
  }),
});
