import { binaryOp } from '../binary-op';

export const Minimum = binaryOp('Minimum', 'Elementwise smaller of x and y, broadcasting.', (tf, x, y) =>
  tf.minimum(x, y),
);
