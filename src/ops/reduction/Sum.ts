import { INT32_AS_FLOAT } from '../backend-limits';
import { reduceOp } from './reduce-op';

export const Sum = reduceOp(
  'Sum',
  'Sum of elements across axis (0 over none).',
  (tf, x, axes, keepDims) => tf.sum(x, axes, keepDims),
  { empty: () => 0, limits: [INT32_AS_FLOAT] },
);
