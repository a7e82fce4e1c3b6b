import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { defineOp } from '../define-op';

export const OneHot = defineOp({
  name: 'OneHot',
  category: 'shape',
  doc: 'A new axis of length depth (last by default) holding on_value at each index and off_value elsewhere.',
  inputs: {
    indices: { dtypes: ['int32'] },
    depth: { dtypes: ['int32'], attr: 'depth' },
    on_value: { dtypes: ['float32'], attr: 'on_value' },
    off_value: { dtypes: ['float32'], attr: 'off_value' },
  },
  outputs: ['output'],
  // TensorFlow calls the output's dtype T.
  tf: { attrNames: { dtype: 'T' } },
  attrs: {
    depth: fromInput(attr.int(2, { min: 0 }), 'depth'),
    on_value: fromInput(attr.float(1), 'on_value'),
    off_value: fromInput(attr.float(0), 'off_value'),
    axis: attr.int(-1, { min: -1, doc: 'where the new axis goes; -1: last' }),
    dtype: attr.dtype('float32', ['float32']),
  },
  differentiable: false,
  composite: true,
  infer: ({ indices }, { depth, axis, dtype }) => {
    if (indices.shape === null) return { output: { dtype, shape: null } };
    const rank = indices.shape.length;
    if (axis > rank)
      throw new InferError('attr', `axis must be -1 or between 0 and ${rank}, got ${axis}`, { attr: 'axis' });
    const shape = [...indices.shape];
    shape.splice(axis === -1 ? rank : axis, 0, depth ?? null);
    return { output: { dtype, shape } };
  },
  forward: (tf, { indices }, { depth, on_value, off_value, axis, dtype }) => {
    // tfjs's oneHot takes depth ≥ 2 and defaults to int32 (TensorFlow: float32), so the dtype is always passed.
    const last =
      depth >= 2
        ? tf.oneHot(indices, depth, on_value, off_value, dtype)
        : tf.where(tf.equal(tf.expandDims(indices, -1), tf.range(0, depth, 1, 'int32')), on_value, off_value);
    if (axis === -1 || axis === indices.rank) return { output: last };
    const perm = [...indices.shape.keys()];
    perm.splice(axis, 0, indices.rank);
    return { output: tf.transpose(last, perm) };
  },
});
