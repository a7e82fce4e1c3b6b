import { NON_FINITE } from '../backend-limits';
import { unaryOp } from '../unary-op';

export const Sigmoid = unaryOp('Sigmoid', 'Logistic sigmoid 1 / (1 + exp(-x)).', (tf, x) => tf.sigmoid(x), {
  code: (x) => `tf.sigmoid(${x})`,
  category: 'activation',
  limits: [NON_FINITE],
});
