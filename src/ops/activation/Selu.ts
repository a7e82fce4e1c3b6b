import { unaryOp } from '../unary-op';

export const Selu = unaryOp(
  'Selu',
  'Scaled exponential linear unit with the fixed self-normalizing constants.',
  (tf, x) => tf.selu(x),
  { ports: ['features', 'activations'], category: 'activation' },
);
