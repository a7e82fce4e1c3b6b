import { BOOL } from '../dtypes';
import { reduceOp } from './reduce-op';

export const Any = reduceOp(
  'Any',
  'Logical or of elements across axis (false over none).',
  // On WebGPU over leading axes it gets 0/1 floats (see reduce-op): any one is a maximum of 1.
  (tf, x, axes, keepDims) =>
    x.dtype === 'bool' ? tf.any(x, axes, keepDims) : tf.greater(tf.max(x, axes, keepDims), 0),
  { code: (args) => `tf.any(${args})`, dtypes: BOOL, differentiable: false, empty: () => 0 },
);
