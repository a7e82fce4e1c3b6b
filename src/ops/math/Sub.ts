import { binaryOp } from '../binary-op';
import { neutralOperand } from '../simplify';

export const Sub = binaryOp('Sub', 'Elementwise difference x - y, broadcasting.', (tf, x, y) => tf.sub(x, y), {
  code: (x, y) => `tf.sub(${x}, ${y})`,
  simplify: neutralOperand('x', 'y', 0, 'x − 0 → x'),
});
