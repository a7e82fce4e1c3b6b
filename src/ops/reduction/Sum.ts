import { reduceOp } from './reduce-op';

export const Sum = reduceOp(
  'Sum',
  'Sum of elements across axis (0 over none).',
  (tf, x, axes, keepDims) => tf.sum(x, axes, keepDims),
  { empty: () => 0, code: (args) => `tf.sum(${args})` },
);
