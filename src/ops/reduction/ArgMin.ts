import { argReduceOp } from './arg-reduce-op';

export const ArgMin = argReduceOp(
  'ArgMin',
  'Index of the smallest element along axis (the first on ties; NaN loses to any number).',
  (tf, x, axis) => tf.argMin(x, axis),
  Infinity,
  'argMin',
);
