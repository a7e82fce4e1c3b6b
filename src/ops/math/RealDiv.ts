import { binaryOp } from '../binary-op';
import { FLOAT } from '../dtypes';
import { neutralOperand } from '../simplify';

export const RealDiv = binaryOp('RealDiv', 'Elementwise quotient x / y, broadcasting.', (tf, x, y) => tf.div(x, y), {
  code: (x, y) => `tf.div(${x}, ${y})`,
  dtypes: FLOAT,
  simplify: neutralOperand('x', 'y', 1, 'x / 1 → x'),
  // TensorFlow's -x / y / y, which differs from tfjs's -x / y² where y² overflows or is 0.
  gradient: (tf, x, y, _z, dz) => [tf.div(dz, y), tf.mul(dz, tf.div(tf.div(tf.neg(x), y), y))],
});
