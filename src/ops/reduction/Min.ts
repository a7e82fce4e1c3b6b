import { reduceOp } from './reduce-op';

export const Min = reduceOp('Min', 'Minimum of elements across axis.', (tf, x, axis, keepDims) =>
  tf.min(x, axis ?? undefined, keepDims),
);
