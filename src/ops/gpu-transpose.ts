import type { Tensor, TF } from './define-op';
import { onHost } from './host-int32';

/**
 * Whether tfjs's WebGPU backend would have to transpose `x`'s int32 or bool values (to bring
 * `axes` innermost, or for a permutation other than a 2-D swap): its transpose shader for those
 * dtypes fails to build (its output setter takes f32), and the kernel leaves stale memory as its
 * result. Reductions and arg-reductions over leading axes transpose inside. Such values go
 * through float32 there instead (toFloat32), exact to 2²⁴: the limit int32 has on WebGPU anyway.
 */
export function transposesIntsOnGpu(tf: TF, x: Tensor, axes: readonly number[]): boolean {
  if (x.dtype === 'float32' || onHost(tf)) return false;
  const rank = x.rank;
  const sorted = [...axes].sort((a, b) => a - b);
  const innermost = sorted.every((a, i) => a === rank - sorted.length + i);
  return !innermost;
}
