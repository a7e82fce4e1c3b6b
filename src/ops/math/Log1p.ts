import { NON_FINITE } from '../backend-limits';
import { onHost } from '../host-int32';
import { unaryOp } from '../unary-op';

export const Log1p = unaryOp(
  'Log1p',
  'Elementwise ln(1 + x), accurate for x near 0 (-∞ at -1, NaN below).',
  (tf, x) => {
    const y = tf.log1p(x);
    if (onHost(tf)) return y;
    // tfjs's WebGPU kernel gives finite values at and below -1.
    return tf.where(tf.less(x, -1), NaN, tf.where(tf.equal(x, -1), -Infinity, y));
  },
  // d/dx ln(1 + x) = 1 / (1 + x): given as such, since the forward pass's comparisons have no gradient in tfjs.
  {
    code: (x) => `tf.log1p(${x})`,
    composite: true,
    limits: [NON_FINITE],
    gradient: (tf, x, _y, dy) => tf.div(dy, tf.add(x, 1)),
  },
);
