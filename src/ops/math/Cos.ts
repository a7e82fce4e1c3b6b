import { LARGE_ANGLES, NON_FINITE } from '../backend-limits';
import { unaryOp } from '../unary-op';

export const Cos = unaryOp('Cos', 'Elementwise cosine of x (radians).', (tf, x) => tf.cos(x), {
  code: (x) => `tf.cos(${x})`,
  limits: [LARGE_ANGLES, NON_FINITE],
});
