import type { Tensor, TF } from '../define-op';
import { reduceOp } from './reduce-op';

export const Prod = reduceOp(
  'Prod',
  'Product of elements across axis (1 over none).',
  // tfjs's WebGPU prod drops kept dimensions: they are restored by a reshape.
  (tf, x, axes, keepDims) =>
    keepDims
      ? tf.reshape(
          tf.prod(x, axes),
          x.shape.map((d, i) => (axes.includes(i) ? 1 : d)),
        )
      : tf.prod(x, axes),
  { code: (args) => `tf.prod(${args})`, empty: () => 1, gradient: prodGradient },
);

/**
 * TensorFlow's gradient of a product: dy times the product of all the other factors, taken as
 * exclusive products from the left and from the right so that zeros need no division (tfjs's
 * gradient is wrong on WebGPU). The right-hand products run on reversed rows: tfjs's WebGPU
 * kernel for a reverse cumprod is cached without the row length it was compiled for.
 */
function prodGradient(tf: TF, x: Tensor, _y: Tensor, dy: Tensor, axes: number[]): Tensor {
  const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
  const perm = [...kept, ...axes];
  const reduced = axes.reduce((n, a) => n * x.shape[a]!, 1);
  const rows = tf.reshape(tf.transpose(x, perm), [-1, reduced]);
  const right = tf.reverse(tf.cumprod(tf.reverse(rows, 1), 1, true), 1);
  const others = tf.mul(tf.cumprod(rows, 1, true), right);
  const grad = tf.mul(others, tf.reshape(dy, [-1, 1]));
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return tf.transpose(
    tf.reshape(
      grad,
      perm.map((a) => x.shape[a]!),
    ),
    inverse,
  );
}
