import type { DType } from '../graph/types';
import type { Tensor, TF } from './define-op';

/**
 * A tensor of `shape` holding `value`. tfjs's WebGPU fill passes the value as a float32, so an
 * int32 fill past 2²⁴ comes out rounded (2³¹ - 1 as 2147483520): int32 fills are made on the host.
 */
export function exactFill(tf: TF, shape: readonly number[], value: number, dtype: DType): Tensor {
  if (dtype !== 'int32') return tf.fill([...shape], value, dtype);
  const size = shape.reduce((n, d) => n * d, 1);
  return tf.tensor(new Int32Array(size).fill(value), [...shape], 'int32');
}
