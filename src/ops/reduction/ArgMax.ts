import { argReduceOp } from './arg-reduce-op';

export const ArgMax = argReduceOp(
  'ArgMax',
  'Index of the largest element along axis (the first on ties; NaN loses to any number).',
  (tf, x, axis) => tf.argMax(x, axis),
  -Infinity,
  'argMax',
);
