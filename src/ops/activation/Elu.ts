import { NON_FINITE } from '../backend-limits';
import { unaryOp } from '../unary-op';

export const Elu = unaryOp(
  'Elu',
  'Exponential linear unit: features if > 0, else exp(features) - 1.',
  (tf, x) => tf.elu(x),
  { code: (x) => `tf.elu(${x})`, ports: ['features', 'activations'], category: 'activation', limits: [NON_FINITE] },
);
