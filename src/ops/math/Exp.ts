import { NON_FINITE } from '../backend-limits';
import { unaryOp } from '../unary-op';

export const Exp = unaryOp('Exp', 'Elementwise natural exponential eˣ.', (tf, x) => tf.exp(x), {
  code: (x) => `tf.exp(${x})`,
  limits: [NON_FINITE],
});
