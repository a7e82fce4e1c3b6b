import { BOOL } from '../dtypes';
import { reduceOp } from './reduce-op';

export const All = reduceOp(
  'All',
  'Logical and of elements across axis (true over none).',
  // On WebGPU over leading axes it gets 0/1 floats (see reduce-op): all ones is a minimum of 1.
  (tf, x, axes, keepDims) =>
    x.dtype === 'bool' ? tf.all(x, axes, keepDims) : tf.greater(tf.min(x, axes, keepDims), 0),
  { code: (args) => `tf.all(${args})`, dtypes: BOOL, differentiable: false, empty: () => 1 },
);
