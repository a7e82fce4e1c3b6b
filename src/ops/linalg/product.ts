import type { Tensor, TF } from '../define-op';

/**
 * tfjs's matMul, except over an empty inner dimension: that product is all zeros (a sum of no
 * terms), where tfjs's WebGPU kernel gives NaN.
 */
export function productOrZeros(tf: TF, a: Tensor, b: Tensor, transposeA: boolean, transposeB: boolean): Tensor {
  const inner = a.shape.at(transposeA ? -2 : -1);
  if (inner !== 0) return tf.matMul(a, b, transposeA, transposeB);
  const rows = a.shape.at(transposeA ? -1 : -2)!;
  const cols = b.shape.at(transposeB ? -2 : -1)!;
  return tf.zeros([...a.shape.slice(0, -2), rows, cols], a.dtype);
}

/** productOrZeros as tfjs code: on the CPU, tfjs's matMul already gives zeros over an empty inner dimension. */
export function matMulCode(a: string, b: string, transposeA: boolean, transposeB: boolean): string {
  return `tf.matMul(${a}, ${b}${transposeA || transposeB ? `, ${transposeA}, ${transposeB}` : ''})`;
}
