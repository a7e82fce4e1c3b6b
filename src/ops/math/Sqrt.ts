import { unaryOp } from '../unary-op';

export const Sqrt = unaryOp('Sqrt', 'Elementwise square root √x.', (tf, x) => tf.sqrt(x), {
  code: (x) => `tf.sqrt(${x})`,
});
