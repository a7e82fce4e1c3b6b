import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { defineOp, type CodeHelper } from '../define-op';

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
  code: ({ inputs: { indices }, attrs: { depth, axis }, attr, types, helper, literal }) => {
    const [on, off] = [attr('on_value'), attr('off_value')];
    // Where depth is 0 or 1 (or known only when running), each index compared with every position.
    const last =
      depth !== undefined && depth >= 2
        ? `tf.oneHot(${indices}, ${depth}, ${on}, ${off}, 'float32')`
        : `tf.where(tf.equal(tf.expandDims(${indices}, -1), tf.range(0, ${attr('depth')}, 1, 'int32')), ${on}, ${off})`;
    const rank = types.inputs.indices.shape?.length;
    if (axis === -1 || axis === rank) return last;
    if (rank === undefined) return `${helper(LAST_AXIS_TO_CODE)}(${last}, ${axis})`;
    const perm = [...Array(rank).keys()];
    perm.splice(axis, 0, rank);
    return `tf.transpose(${last}, ${literal(perm)})`;
  },
});

/** The forward pass's transpose, for indices of a rank known only when running, as generated code writes it. */
const LAST_AXIS_TO_CODE: CodeHelper = {
  name: 'lastAxisTo',
  source: `/** x with its last dimension moved to \`axis\`. */
function lastAxisTo(x: tf.Tensor, axis: number): tf.Tensor {
  const perm = [...Array(x.rank - 1).keys()];
  perm.splice(axis, 0, x.rank - 1);
  return tf.transpose(x, perm);
}`,
};
