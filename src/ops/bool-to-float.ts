import type { Tensor, TF } from './define-op';

/**
 * 1 where `b` is true, else 0, as float32. tfjs's WebGPU cast from bool to float32 only relabels
 * the int buffer, and kernels that read it afterwards (a transpose) compile for the wrong type.
 */
export function boolToFloat(tf: TF, b: Tensor): Tensor {
  return tf.where(b, 1, 0);
}
