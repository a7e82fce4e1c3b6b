import { unaryOp } from '../unary-op';

export const Round = unaryOp(
  'Round',
  'Elementwise nearest integer to x, halves to even; a zero result keeps the sign of x (round(-0.5) = -0).',
  (tf, x) => {
    const r = tf.round(x);
    return tf.where(tf.equal(r, 0), tf.mul(x, 0), r);
  },
  // TensorFlow gives Round no gradient: zero almost everywhere.
  { composite: true, gradient: (tf, x) => tf.zerosLike(x) },
);
