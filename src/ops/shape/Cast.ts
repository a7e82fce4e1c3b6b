import { attr } from '../../graph/attrs';
import type { DType } from '../../graph/types';
import { defineOp, type CodeHelper, type Tensor, type TF } from '../define-op';
import { toFloat32 } from '../to-float32';
import { ANY } from '../dtypes';

const INT32_MIN = -(2 ** 31);

export const Cast = defineOp({
  name: 'Cast',
  category: 'shape',
  doc: 'Converts x to DstT: floats to integers by truncation (NaN, ±∞ and out of range give -2³¹), nonzero to true.',
  inputs: { x: { dtypes: ANY } },
  outputs: ['y'],
  attrs: { DstT: attr.dtype<DType>('float32') },
  composite: true,
  infer: ({ x }, { DstT }) => ({ y: { dtype: DstT, shape: x.shape } }),
  forward: (tf, { x }, { DstT }) => ({
    y:
      x.dtype === 'float32' && DstT === 'int32'
        ? floatToInt(tf, x)
        : x.dtype !== 'float32' && DstT === 'float32'
          ? toFloat32(tf, x)
          : tf.cast(x, DstT),
  }),
  // On the CPU, tfjs's cast to float32 gives what toFloat32 does.
  code: ({ inputs: { x }, attrs: { DstT }, types, helper, literal }) =>
    types.inputs.x.dtype === 'float32' && DstT === 'int32'
      ? `${helper(FLOAT_TO_INT_CODE)}(${x})`
      : `tf.cast(${x}, ${literal(DstT)})`,
  simplify: (node) => {
    const x = node.input('x')!;
    return x.type.dtype === node.attrs.DstT
      ? { rule: `Cast to ${x.type.dtype} of ${x.type.dtype} → x`, forward: x.ref }
      : null;
  },
});

/**
 * TensorFlow's conversion on x86 gives -2³¹ for NaN, ±∞ and anything outside the int32 range;
 * tfjs wraps those modulo 2³² (1e10 becomes 1410065408).
 */
function floatToInt(tf: TF, x: Tensor): Tensor {
  const inRange = tf.logicalAnd(tf.greaterEqual(x, INT32_MIN), tf.less(x, 2 ** 31));
  return tf.where(inRange, tf.cast(x, 'int32'), tf.scalar(INT32_MIN, 'int32'));
}

/** floatToInt as generated code writes it. */
const FLOAT_TO_INT_CODE: CodeHelper = {
  name: 'floatToInt32',
  source: `/** TensorFlow's conversion on x86: -2³¹ for NaN, ±∞ and anything outside the int32 range, which tfjs wraps. */
function floatToInt32(x: tf.Tensor): tf.Tensor {
  const inRange = tf.logicalAnd(tf.greaterEqual(x, -(2 ** 31)), tf.less(x, 2 ** 31));
  return tf.where(inRange, tf.cast(x, 'int32'), tf.scalar(-(2 ** 31), 'int32'));
}`,
};
