import { LARGE_ANGLES, NON_FINITE } from '../backend-limits';
import { unaryOp } from '../unary-op';

export const Tan = unaryOp('Tan', 'Elementwise tangent of x (radians).', (tf, x) => tf.tan(x), {
  code: (x) => `tf.tan(${x})`,
  limits: [LARGE_ANGLES, NON_FINITE],
});
