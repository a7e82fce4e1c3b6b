import { unaryOp } from '../unary-op';

export const Erf = unaryOp('Erf', 'Elementwise Gauss error function erf x.', (tf, x) => tf.erf(x), {
  code: (x) => `tf.erf(${x})`,
});
