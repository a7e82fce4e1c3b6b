import { binaryOp } from '../binary-op';

export const GreaterEqual = binaryOp(
  'GreaterEqual',
  'Elementwise x >= y as bool, broadcasting.',
  (tf, x, y) => tf.greaterEqual(x, y),
  { code: (x, y) => `tf.greaterEqual(${x}, ${y})`, category: 'comparison', outputDtype: 'bool', differentiable: false },
);
