import type { Tensor, TF } from '../define-op';
import { reduceOp } from './reduce-op';

/**
 * TensorFlow divides the integer sum and truncates; tfjs divides every element in float32 first and returns
 * float32, which is off by one for some inputs once truncated (seven 31s give 30).
 */
function integerMean(tf: TF, x: Tensor, axis: number[] | null, keepDims: boolean): Tensor {
  const count = (axis ?? x.shape.map((_, i) => i)).reduce((n, a) => n * x.shape.at(a)!, 1);
  return tf.cast(tf.div(tf.sum(x, axis ?? undefined, keepDims), count), 'int32');
}

export const Mean = reduceOp(
  'Mean',
  'Mean of elements across axis; an integer mean truncates toward zero.',
  (tf, x, axis, keepDims) =>
    x.dtype === 'int32' ? integerMean(tf, x, axis, keepDims) : tf.mean(x, axis ?? undefined, keepDims),
  { composite: true },
);
