import { NUMERIC } from '../dtypes';
import { unaryOp } from '../unary-op';

export const Sign = unaryOp(
  'Sign',
  'Elementwise sign of x: -1, 0 or 1; NaN stays NaN.',
  // tfjs gives sign(NaN) = 0.
  (tf, x) => (x.dtype === 'int32' ? tf.sign(x) : tf.where(tf.isNaN(x), x, tf.sign(x))),
  // TensorFlow's gradient of Sign is 0.
  {
    dtypes: NUMERIC,
    composite: true,
    code: (x, { dtype }) => (dtype === 'int32' ? `tf.sign(${x})` : `tf.where(tf.isNaN(${x}), ${x}, tf.sign(${x}))`),
    gradient: (tf, x) => tf.zerosLike(x),
  },
);
