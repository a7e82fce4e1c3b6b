import { BOOL } from '../dtypes';
import { reduceOp } from './reduce-op';

export const All = reduceOp(
  'All',
  'Logical and of elements across axis.',
  (tf, x, axis, keepDims) => tf.all(x, axis ?? undefined, keepDims),
  { dtypes: BOOL, differentiable: false },
);
