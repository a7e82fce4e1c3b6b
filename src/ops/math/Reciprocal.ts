import { unaryOp } from '../unary-op';

export const Reciprocal = unaryOp('Reciprocal', 'Elementwise reciprocal 1 / x.', (tf, x) => tf.reciprocal(x), {
  code: (x) => `tf.reciprocal(${x})`,
});
