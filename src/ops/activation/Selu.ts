import { NON_FINITE } from '../backend-limits';
import { unaryOp } from '../unary-op';

/** The self-normalizing constants, as TensorFlow defines them. */
const SCALE = 1.0507009873554805;
const ALPHA = 1.6732632423543772;

export const Selu = unaryOp(
  'Selu',
  'Scaled exponential linear unit with the fixed self-normalizing constants.',
  (tf, x) => tf.selu(x),
  {
    code: (x) => `tf.selu(${x})`,
    ports: ['features', 'activations'],
    limits: [NON_FINITE],
    category: 'activation',
    // TensorFlow's slope at 0 is the right-hand one (scale), tfjs's the left-hand one (scale · alpha).
    gradient: (tf, _x, y, dy) => tf.mul(dy, tf.where(tf.less(y, 0), tf.add(y, SCALE * ALPHA), tf.fill(y.shape, SCALE))),
  },
);
