import { unaryOp } from '../unary-op';

export const Ceil = unaryOp('Ceil', 'Elementwise smallest integer ≥ x.', (tf, x) => tf.ceil(x), {
  code: (x) => `tf.ceil(${x})`,
});
