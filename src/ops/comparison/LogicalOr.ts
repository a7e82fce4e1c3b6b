import { binaryOp } from '../binary-op';
import { BOOL } from '../dtypes';

export const LogicalOr = binaryOp(
  'LogicalOr',
  'Elementwise logical x OR y of bools, broadcasting.',
  (tf, x, y) => tf.logicalOr(x, y),
  { code: (x, y) => `tf.logicalOr(${x}, ${y})`, dtypes: BOOL, category: 'comparison', differentiable: false },
);
