import { reduceOp } from './reduce-op';

export const Prod = reduceOp('Prod', 'Product of elements across axis.', (tf, x, axis, keepDims) =>
  tf.prod(x, axis ?? undefined, keepDims),
);
