import { reduceOp } from './reduce-op';

export const Max = reduceOp('Max', 'Maximum of elements across axis.', (tf, x, axis, keepDims) =>
  tf.max(x, axis ?? undefined, keepDims),
);
