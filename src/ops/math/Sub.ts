import { binaryOp } from '../binary-op';

export const Sub = binaryOp('Sub', 'Elementwise difference x - y, broadcasting.', (tf, x, y) => tf.sub(x, y), {
  code: (x, y) => `tf.sub(${x}, ${y})`,
});
