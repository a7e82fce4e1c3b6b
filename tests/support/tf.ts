import * as tf from '@tensorflow/tfjs';

/** The real tfjs CPU backend, set explicitly (tfjs would otherwise try WebGL first). */
export async function cpu(): Promise<typeof tf> {
  await tf.setBackend('cpu');
  await tf.ready();
  return tf;
}

export function live(): number {
  return tf.memory().numTensors;
}

/** Asserts two tensors hold the same shape, dtype and (within `tol`) values. */
export function expectClose(actual: tf.Tensor, expected: tf.Tensor | number[], tol = 1e-5, label = ''): void {
  const want = Array.isArray(expected) ? expected : Array.from(expected.dataSync());
  if (!Array.isArray(expected)) {
    if (actual.dtype !== expected.dtype) throw new Error(`${label} dtype ${actual.dtype} ≠ ${expected.dtype}`);
    if (actual.shape.join() !== expected.shape.join())
      throw new Error(`${label} shape [${actual.shape}] ≠ [${expected.shape}]`);
  }
  expectValuesClose(Array.from(actual.dataSync()), want, tol, label);
}

export function expectValuesClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol = 1e-5,
  label = '',
): void {
  if (actual.length !== expected.length) throw new Error(`${label} length ${actual.length} ≠ ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(a) && Number.isNaN(e)) continue;
    if (a === e) continue;
    if (!(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e))))
      throw new Error(
        `${label} value ${i}: got ${a}, expected ${e} (tolerance ${tol})\nactual ${Array.from(actual).slice(0, 20)}\nexpected ${Array.from(expected).slice(0, 20)}`,
      );
  }
}
