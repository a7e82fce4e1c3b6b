import { BOOL } from '../dtypes';
import { reduceOp } from './reduce-op';

export const All = reduceOp(
  'All',
  'Logical and of elements across axis (true over none).',
  (tf, x, axes, keepDims) => tf.all(x, axes, keepDims),
  { dtypes: BOOL, differentiable: false, empty: () => 1 },
);
