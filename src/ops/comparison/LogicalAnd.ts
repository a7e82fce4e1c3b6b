import { binaryOp } from '../binary-op';
import { BOOL } from '../dtypes';

export const LogicalAnd = binaryOp(
  'LogicalAnd',
  'Elementwise logical x AND y of bools, broadcasting.',
  (tf, x, y) => tf.logicalAnd(x, y),
  { code: (x, y) => `tf.logicalAnd(${x}, ${y})`, dtypes: BOOL, category: 'comparison', differentiable: false },
);
