import { NON_FINITE } from '../backend-limits';
import { onHost } from '../host-int32';
import { unaryOp } from '../unary-op';

export const Log = unaryOp(
  'Log',
  'Elementwise natural logarithm ln x (-∞ at 0, NaN below).',
  (tf, x) => {
    const y = tf.log(x);
    // tfjs's WebGPU kernel gives log(0) = -88 (the log of the least float32) instead of -∞.
    return onHost(tf) ? y : tf.where(tf.equal(x, 0), -Infinity, y);
  },
  // d/dx ln x = 1 / x: given as such, since the forward pass's comparison has no gradient in tfjs.
  { code: (x) => `tf.log(${x})`, composite: true, limits: [NON_FINITE], gradient: (tf, x, _y, dy) => tf.div(dy, x) },
);
