import { BOOL } from '../dtypes';
import { reduceOp } from './reduce-op';

export const Any = reduceOp(
  'Any',
  'Logical or of elements across axis.',
  (tf, x, axis, keepDims) => tf.any(x, axis ?? undefined, keepDims),
  { dtypes: BOOL, differentiable: false },
);
