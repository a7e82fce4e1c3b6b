import { ANY } from '../dtypes';
import { unaryOp } from '../unary-op';

export const OnesLike = unaryOp('OnesLike', 'Ones of the shape and dtype of x.', (tf, x) => tf.onesLike(x), {
  code: (x) => `tf.onesLike(${x})`,
  category: 'shape',
  dtypes: ANY,
  differentiable: false,
});
