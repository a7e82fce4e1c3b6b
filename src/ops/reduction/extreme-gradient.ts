import { toFloat32 } from '../to-float32';
import type { Tensor, TF } from '../define-op';

/**
 * TensorFlow's gradient of Max and Min: dy shared equally among the elements equal to the extreme
 * (tfjs gives the whole of dy to each of them).
 */
export function extremeGradient(tf: TF, x: Tensor, y: Tensor, dy: Tensor, axes: number[], keepDims: boolean): Tensor {
  const kept = keepDims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : null;
  const yKept = kept
    ? y
    : tf.reshape(
        y,
        x.shape.map((d, i) => (axes.includes(i) ? 1 : d)),
      );
  const dyKept = kept ? dy : tf.reshape(dy, yKept.shape);
  const hits = toFloat32(tf, tf.equal(x, yKept));
  const count = tf.sum(hits, axes, true);
  return tf.mul(tf.div(hits, count), dyKept);
}
