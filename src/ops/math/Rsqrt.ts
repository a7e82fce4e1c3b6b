import { unaryOp } from '../unary-op';

export const Rsqrt = unaryOp('Rsqrt', 'Elementwise reciprocal square root 1 / √x.', (tf, x) => tf.rsqrt(x), {
  code: (x) => `tf.rsqrt(${x})`,
});
