import type { CodeHelper, Tensor, TF } from './define-op';

/**
 * tfjs computes some int32 ops in float32 or in doubles that overflow 2⁵³ (its CPU Abs and Square
 * keep float32 values; a product past 2⁵³ loses its low bits), where TensorFlow wraps exactly. On
 * the backends whose values live in host memory those ops are computed here, exactly.
 */
export function onHost(tf: TF): boolean {
  const backend = tf.getBackend();
  return backend === 'cpu' || backend === 'wasm';
}

const int32 = (t: Tensor) => t.dataSync() as Int32Array;

/** `f` on every element, as TensorFlow's int32 kernels would compute it. */
export function int32Unary(tf: TF, x: Tensor, f: (a: number) => number): Tensor {
  const a = int32(x);
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i]!);
  return tf.tensor(out, x.shape, 'int32');
}

/** `f` on every broadcast pair of elements; `f` returns an integer that the int32 array wraps. */
export function int32Binary(tf: TF, x: Tensor, y: Tensor, f: (a: number, b: number) => number): Tensor {
  const shape = broadcastShape(x.shape, y.shape);
  const a = int32(x);
  const b = int32(y);
  const size = shape.reduce((n, d) => n * d, 1);
  const out = new Int32Array(size);
  const sa = broadcastStrides(x.shape, shape);
  const sb = broadcastStrides(y.shape, shape);
  const index = new Array<number>(shape.length).fill(0);
  let ia = 0;
  let ib = 0;
  for (let i = 0; i < size; i++) {
    out[i] = f(a[ia]!, b[ib]!);
    // Advance the multi-index like an odometer, moving each input's offset by its stride.
    for (let d = shape.length - 1; d >= 0; d--) {
      ia += sa[d]!;
      ib += sb[d]!;
      if (++index[d]! < shape[d]!) break;
      ia -= sa[d]! * shape[d]!;
      ib -= sb[d]! * shape[d]!;
      index[d] = 0;
    }
  }
  return tf.tensor(out, shape, 'int32');
}

function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => {
    const da = a[i - rank + a.length] ?? 1;
    const db = b[i - rank + b.length] ?? 1;
    return da === 1 ? db : da;
  });
}

/** Per output dimension, how far the input's offset moves: 0 along a broadcast dimension. */
function broadcastStrides(shape: readonly number[], out: readonly number[]): number[] {
  const strides = new Array<number>(out.length).fill(0);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = out.length - shape.length + i;
    strides[d] = shape[i] === 1 ? 0 : stride;
    stride *= shape[i]!;
  }
  return strides;
}

/** TensorFlow's int32 product: the low 32 bits of the exact product. */
export const wrappingMul = Math.imul;

/** TensorFlow's int32 x ** y for y ≥ 0, by squaring, wrapping like its kernel. */
export function wrappingPow(x: number, y: number): number {
  let result = 1;
  let base = x;
  for (let e = y; e > 0; e >>>= 1) {
    if (e & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
  }
  return result;
}

/** int32Unary as generated code writes it. */
export const INT32_UNARY_CODE: CodeHelper = {
  name: 'int32Map',
  source: `/** \`f\` on every int32 element, as TensorFlow's kernels compute it: tfjs's CPU kernels round some results through float32. */
function int32Map(x: tf.Tensor, f: (a: number) => number): tf.Tensor {
  return tf.tensor(Int32Array.from(x.dataSync(), (a) => f(a)), x.shape, 'int32');
}`,
};

/** int32Binary as generated code writes it. */
export const INT32_BINARY_CODE: CodeHelper = {
  name: 'int32Pairs',
  source: `/**
 * \`f\` on every broadcast pair of int32 elements, wrapping as TensorFlow's kernels do: tfjs takes
 * products in doubles, which lose the low bits of those past 2⁵³.
 */
function int32Pairs(x: tf.Tensor, y: tf.Tensor, f: (a: number, b: number) => number): tf.Tensor {
  const shape = tf.backend_util.assertAndGetBroadcastShape(x.shape, y.shape);
  const [a, b] = [x, y].map((t) => tf.tidy(() => tf.broadcastTo(t, shape).dataSync()));
  return tf.tensor(Int32Array.from(a!, (v, i) => f(v, b![i]!)), shape, 'int32');
}`,
};

/** wrappingPow as generated code writes it. */
export const WRAPPING_POW_CODE: CodeHelper = {
  name: 'wrappingPow',
  source: `/** TensorFlow's int32 x ** y for y ≥ 0, by squaring, wrapping like its kernel. */
function wrappingPow(x: number, y: number): number {
  let result = 1;
  let base = x;
  for (let e = y; e > 0; e >>>= 1) {
    if (e & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
  }
  return result;
}`,
};
