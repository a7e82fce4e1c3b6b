import type { CodeHelper, Tensor, TF } from '../define-op';
import { spatial } from './window';

/**
 * The filter (its height and width first: HWIO, or depthwise HWCM) with dh - 1 zero rows between
 * its rows and dw - 1 zero columns between its columns: a dilated convolution is a plain one with
 * these taps. tfjs dilates only with unit strides and has no gradient for dilations.
 */
export function dilatedTaps(tf: TF, filter: Tensor, dilations: readonly number[]): Tensor {
  const [dh, dw] = spatial(dilations, 'dilations');
  const along = (f: Tensor, axis: 0 | 1, d: number): Tensor => {
    if (d === 1) return f;
    const n = f.shape[axis]!;
    const spread = tf.stack([f, ...Array.from({ length: d - 1 }, () => tf.zerosLike(f))], axis + 1);
    const shape = [...f.shape];
    shape[axis] = n * d;
    const size = shape.map((s, i) => (i === axis ? (n - 1) * d + 1 : s));
    return tf.slice(
      tf.reshape(spread, shape),
      shape.map(() => 0),
      size,
    );
  };
  return along(along(filter, 0, dh), 1, dw);
}

/** dilatedTaps as generated code writes it. */
const DILATED_TAPS_CODE: CodeHelper = {
  name: 'dilatedTaps',
  source: `/**
 * The filter (height and width first) with dh - 1 zero rows between its rows and dw - 1 zero columns
 * between its columns: a dilated convolution is a plain one with these taps. tfjs dilates only
 * with unit strides.
 */
function dilatedTaps(filter: tf.Tensor, dh: number, dw: number): tf.Tensor {
  const along = (f: tf.Tensor, axis: number, d: number): tf.Tensor => {
    if (d === 1) return f;
    const n = f.shape[axis]!;
    const spread = tf.stack([f, ...Array.from({ length: d - 1 }, () => tf.zerosLike(f))], axis + 1);
    const shape = [...f.shape];
    shape[axis] = n * d;
    const size = shape.map((s, i) => (i === axis ? (n - 1) * d + 1 : s));
    return tf.slice(tf.reshape(spread, shape), shape.map(() => 0), size);
  };
  return along(along(filter, 0, dh), 1, dw);
}`,
};

/** The filter's taps in code: the filter itself, or dilated. */
export function tapsCode(filter: string, dilations: readonly number[], helper: (h: CodeHelper) => string): string {
  const [dh, dw] = spatial(dilations, 'dilations');
  return dh === 1 && dw === 1 ? filter : `${helper(DILATED_TAPS_CODE)}(${filter}, ${dh}, ${dw})`;
}
