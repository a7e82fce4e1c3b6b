import type { Tensor, TF } from './define-op';
import { onHost } from './host-int32';

/**
 * `x` (bool or int32) as float32 values in a float32 buffer. tfjs's WebGPU cast to float32 only
 * relabels the int buffer of a bool or int32 tensor, and kernels that then read the buffer as
 * float32 (a transpose, and the reductions and arg-reductions that transpose inside) compile for
 * the wrong type and leave stale memory as their result.
 */
export function toFloat32(tf: TF, x: Tensor): Tensor {
  if (x.dtype === 'bool') return tf.where(x, 1, 0);
  const relabelled = tf.cast(x, 'float32');
  // Any elementwise kernel writes a real float32 buffer.
  return x.dtype === 'int32' && !onHost(tf) ? tf.add(relabelled, 0) : relabelled;
}
