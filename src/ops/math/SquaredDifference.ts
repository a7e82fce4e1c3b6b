import { binaryOp } from '../binary-op';

export const SquaredDifference = binaryOp(
  'SquaredDifference',
  'Elementwise squared difference (x - y)², broadcasting.',
  (tf, x, y) => tf.squaredDifference(x, y),
);
