import type { Tensor, TF } from '../define-op';

/**
 * The rows of `params`, viewed as a matrix of `rowCount` rows, that `rows` (int32) picks, in
 * `shape`. GatherV2 and GatherNd both come down to this one gather along axis 0, whose tfjs
 * gradient (a segment sum) holds for any batch_dims, axis or index depth.
 */
export function gatherRows(tf: TF, params: Tensor, rowCount: number, rows: Tensor, shape: readonly number[]): Tensor {
  const table = tf.reshape(params, [rowCount, params.size / rowCount]);
  return tf.reshape(tf.gather(table, tf.reshape(rows, [-1])), [...shape]);
}

export const product = (dims: readonly number[]) => dims.reduce((n, d) => n * d, 1);
