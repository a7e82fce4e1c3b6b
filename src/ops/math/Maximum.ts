import { binaryOp } from '../binary-op';

export const Maximum = binaryOp(
  'Maximum',
  'Elementwise larger of x and y, broadcasting; NaN if either is NaN. Of +0 and -0 either may be returned.',
  (tf, x, y) => tf.maximum(x, y),
  {
    code: (x, y) => `tf.maximum(${x}, ${y})`,
    eitherZeroOnTies: true,
    // TensorFlow's: a tie sends the gradient to x, and broadcast inputs get theirs summed back.
    gradient: (tf, x, y, _z, dz) => {
      const toX = tf.greaterEqual(x, y);
      const zero = tf.zerosLike(dz);
      return [tf.where(toX, dz, zero), tf.where(toX, zero, dz)];
    },
  },
);
