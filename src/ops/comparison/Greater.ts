import { binaryOp } from '../binary-op';

export const Greater = binaryOp('Greater', 'Elementwise x > y as bool, broadcasting.', (tf, x, y) => tf.greater(x, y), {
  code: (x, y) => `tf.greater(${x}, ${y})`,
  category: 'comparison',
  outputDtype: 'bool',
  differentiable: false,
});
