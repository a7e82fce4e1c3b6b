import { binaryOp } from '../binary-op';

export const Less = binaryOp('Less', 'Elementwise x < y as bool, broadcasting.', (tf, x, y) => tf.less(x, y), {
  code: (x, y) => `tf.less(${x}, ${y})`,
  category: 'comparison',
  outputDtype: 'bool',
  differentiable: false,
});
