import { LARGE_ANGLES, NON_FINITE } from '../backend-limits';
import { unaryOp } from '../unary-op';

export const Sin = unaryOp('Sin', 'Elementwise sine of x (radians).', (tf, x) => tf.sin(x), {
  code: (x) => `tf.sin(${x})`,
  limits: [LARGE_ANGLES, NON_FINITE],
});
