import { reduceOp } from './reduce-op';

export const Sum = reduceOp('Sum', 'Sum of elements across axis.', (tf, x, axis, keepDims) =>
  tf.sum(x, axis ?? undefined, keepDims),
);
