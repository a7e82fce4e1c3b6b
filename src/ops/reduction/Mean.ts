import type { CodeHelper, Tensor, TF } from '../define-op';
import { onHost } from '../host-int32';
import { reduceOp } from './reduce-op';

/**
 * TensorFlow divides the exact integer sum and truncates toward zero. tfjs divides in float32 (off
 * by one for some inputs, like seven 31s giving 30, and past 2²⁴) and would wrap the int32 sum, so
 * on the host backends the sums are taken in doubles, exact to 2⁵³.
 */
function integerMean(tf: TF, x: Tensor, axes: number[], keepDims: boolean): Tensor {
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const shape = x.shape.flatMap((d, i) => (!axes.includes(i) ? [d] : keepDims ? [1] : []));
  const count = axes.reduce((n, a) => n * x.shape[a]!, 1);
  if (!onHost(tf)) return tf.cast(tf.div(tf.sum(x, axes, keepDims), count), 'int32');
  // The reduced axes last, so that each mean is over one contiguous run of values.
  const values = tf.transpose(x, [...kept, ...axes]).dataSync() as Int32Array;
  const out = new Int32Array(values.length / count);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let k = i * count; k < (i + 1) * count; k++) sum += values[k]!;
    out[i] = Math.trunc(sum / count);
  }
  return tf.tensor(out, shape, 'int32');
}

/** integerMean, on the host, as generated code writes it. */
const INTEGER_MEAN_CODE: CodeHelper = {
  name: 'integerMean',
  source: `/**
 * TensorFlow's int32 mean: the exact sum divided and truncated toward zero. tfjs divides in float32
 * (seven 31s give 30) and wraps the int32 sum, so here the sums are taken in doubles.
 */
function integerMean(x: tf.Tensor, axis: number[] | null = null, keepDims = false): tf.Tensor {
  const axes = (axis ?? x.shape.map((_, i) => i)).map((a) => (a < 0 ? a + x.rank : a));
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const shape = x.shape.flatMap((d, i) => (!axes.includes(i) ? [d] : keepDims ? [1] : []));
  const count = axes.reduce((n, a) => n * x.shape[a]!, 1);
  const values = tf.tidy(() => tf.transpose(x, [...kept, ...axes]).dataSync());
  const out = new Int32Array(values.length / count);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let k = i * count; k < (i + 1) * count; k++) sum += values[k]!;
    out[i] = Math.trunc(sum / count);
  }
  return tf.tensor(out, shape, 'int32');
}`,
};

export const Mean = reduceOp(
  'Mean',
  'Mean of elements across axis (NaN over none); an integer mean truncates toward zero (0 over none).',
  (tf, x, axes, keepDims) => (x.dtype === 'int32' ? integerMean(tf, x, axes, keepDims) : tf.mean(x, axes, keepDims)),
  {
    empty: (dtype) => (dtype === 'int32' ? 0 : NaN),
    code: (args, dtype, helper) => (dtype === 'int32' ? `${helper(INTEGER_MEAN_CODE)}(${args})` : `tf.mean(${args})`),
  },
);
