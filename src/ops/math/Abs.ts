import { NUMERIC } from '../dtypes';
import { INT32_UNARY_CODE, int32Unary, onHost } from '../host-int32';
import { unaryOp } from '../unary-op';

export const Abs = unaryOp(
  'Abs',
  'Elementwise absolute value |x|; int32 |-2³¹| wraps to -2³¹ as in TensorFlow.',
  // tfjs's CPU kernel returns int32 values through float32, rounding those past 2²⁴.
  (tf, x) => (x.dtype === 'int32' && onHost(tf) ? int32Unary(tf, x, (a) => (a < 0 ? -a | 0 : a)) : tf.abs(x)),
  // TensorFlow's d|x|/dx is sign(x): 0 at 0, where tfjs gives -1.
  {
    dtypes: NUMERIC,
    code: (x, { dtype }, { helper }) =>
      dtype === 'int32' ? `${helper(INT32_UNARY_CODE)}(${x}, (a) => (a < 0 ? -a | 0 : a))` : `tf.abs(${x})`,
    gradient: (tf, x, _y, dy) => tf.mul(dy, tf.sign(x)),
  },
);
