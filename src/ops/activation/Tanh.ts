import { unaryOp } from '../unary-op';

export const Tanh = unaryOp('Tanh', 'Hyperbolic tangent of x.', (tf, x) => tf.tanh(x), {
  code: (x) => `tf.tanh(${x})`,
  category: 'activation',
});
