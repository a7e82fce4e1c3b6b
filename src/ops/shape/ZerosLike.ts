import { ANY } from '../dtypes';
import { unaryOp } from '../unary-op';

export const ZerosLike = unaryOp('ZerosLike', 'Zeros of the shape and dtype of x.', (tf, x) => tf.zerosLike(x), {
  code: (x) => `tf.zerosLike(${x})`,
  category: 'shape',
  dtypes: ANY,
  differentiable: false,
});
