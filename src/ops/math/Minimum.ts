import { binaryOp } from '../binary-op';

export const Minimum = binaryOp(
  'Minimum',
  'Elementwise smaller of x and y, broadcasting; NaN if either is NaN. Of +0 and -0 either may be returned.',
  (tf, x, y) => tf.minimum(x, y),
  {
    code: (x, y) => `tf.minimum(${x}, ${y})`,
    eitherZeroOnTies: true,
    // TensorFlow's: a tie sends the gradient to x, and broadcast inputs get theirs summed back.
    gradient: (tf, x, y, _z, dz) => {
      const toX = tf.lessEqual(x, y);
      const zero = tf.zerosLike(dz);
      return [tf.where(toX, dz, zero), tf.where(toX, zero, dz)];
    },
  },
);
