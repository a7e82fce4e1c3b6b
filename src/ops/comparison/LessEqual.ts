import { binaryOp } from '../binary-op';

export const LessEqual = binaryOp(
  'LessEqual',
  'Elementwise x <= y as bool, broadcasting.',
  (tf, x, y) => tf.lessEqual(x, y),
  { code: (x, y) => `tf.lessEqual(${x}, ${y})`, category: 'comparison', outputDtype: 'bool', differentiable: false },
);
