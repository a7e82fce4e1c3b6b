import { NUMERIC } from '../dtypes';
import { unaryOp } from '../unary-op';

export const Neg = unaryOp('Neg', 'Elementwise negation -x.', (tf, x) => tf.neg(x), {
  code: (x) => `tf.neg(${x})`,
  dtypes: NUMERIC,
});
