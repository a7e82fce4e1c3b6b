import { BOOL } from '../dtypes';
import { unaryOp } from '../unary-op';

export const LogicalNot = unaryOp('LogicalNot', 'Elementwise logical NOT x of bools.', (tf, x) => tf.logicalNot(x), {
  code: (x) => `tf.logicalNot(${x})`,
  dtypes: BOOL,
  category: 'comparison',
  differentiable: false,
});
