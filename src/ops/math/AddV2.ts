import { binaryOp } from '../binary-op';
import { firstOf, neutralOperand } from '../simplify';

/** `z = x + y`, broadcasting. */
export const AddV2 = binaryOp('AddV2', 'Elementwise sum x + y, broadcasting.', (tf, x, y) => tf.add(x, y), {
  code: (x, y) => `tf.add(${x}, ${y})`,
  // As Grappler does, though -0 + 0 is +0: TensorFlow's optimized graphs return x there too.
  simplify: firstOf(neutralOperand('x', 'y', 0, 'x + 0 → x'), neutralOperand('y', 'x', 0, '0 + x → x')),
});
