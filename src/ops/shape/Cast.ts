import { attr } from '../../graph/attrs';
import type { DType } from '../../graph/types';
import { defineOp, type Tensor, type TF } from '../define-op';
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
});

/**
 * TensorFlow's conversion on x86 gives -2³¹ for NaN, ±∞ and anything outside the int32 range;
 * tfjs wraps those modulo 2³² (1e10 becomes 1410065408).
 */
function floatToInt(tf: TF, x: Tensor): Tensor {
  const inRange = tf.logicalAnd(tf.greaterEqual(x, INT32_MIN), tf.less(x, 2 ** 31));
  return tf.where(inRange, tf.cast(x, 'int32'), tf.scalar(INT32_MIN, 'int32'));
}
