import type { CodeHelper } from '../define-op';
import { unaryOp } from '../unary-op';

/** The forward pass as generated code writes it. */
const ROUND_CODE: CodeHelper = {
  name: 'roundHalfToEven',
  source: `/** The nearest integer, halves to even, as TensorFlow's Round: a zero keeps the sign of x (round(-0.5) = -0). */
function roundHalfToEven(x: tf.Tensor): tf.Tensor {
  const r = tf.round(x);
  return tf.where(tf.equal(r, 0), tf.mul(x, 0), r);
}`,
};

export const Round = unaryOp(
  'Round',
  'Elementwise nearest integer to x, halves to even; a zero result keeps the sign of x (round(-0.5) = -0).',
  (tf, x) => {
    const r = tf.round(x);
    return tf.where(tf.equal(r, 0), tf.mul(x, 0), r);
  },
  // TensorFlow gives Round no gradient: zero almost everywhere.
  { composite: true, code: (x, _, { helper }) => `${helper(ROUND_CODE)}(${x})`, gradient: (tf, x) => tf.zerosLike(x) },
);
