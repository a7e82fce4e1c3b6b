import { NON_FINITE } from '../backend-limits';
import { unaryOp } from '../unary-op';

export const Softplus = unaryOp('Softplus', 'Smooth rectifier ln(1 + exp(features)).', (tf, x) => tf.softplus(x), {
  code: (x) => `tf.softplus(${x})`,
  ports: ['features', 'activations'],
  limits: [NON_FINITE],
  category: 'activation',
});
