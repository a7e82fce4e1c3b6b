import { binaryOp } from '../binary-op';

export const Maximum = binaryOp('Maximum', 'Elementwise larger of x and y, broadcasting.', (tf, x, y) =>
  tf.maximum(x, y),
);
