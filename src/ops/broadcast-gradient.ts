import type { Tensor, TF } from './define-op';

/**
 * The gradient of a broadcast input: `g` (of the broadcast output's shape) summed over the
 * dimensions the input was stretched along, so that it has the input's own shape.
 */
export function sumToShape(tf: TF, g: Tensor, shape: readonly number[]): Tensor {
  if (g.shape.join() === shape.join()) return g;
  const lead = g.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.rank; i++) if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  const summed = axes.length ? tf.sum(g, axes, true) : g;
  return tf.reshape(summed, [...shape]);
}
