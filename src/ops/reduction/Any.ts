import { BOOL } from '../dtypes';
import { reduceOp } from './reduce-op';

export const Any = reduceOp(
  'Any',
  'Logical or of elements across axis (false over none).',
  (tf, x, axes, keepDims) => tf.any(x, axes, keepDims),
  { dtypes: BOOL, differentiable: false, empty: () => 0 },
);
