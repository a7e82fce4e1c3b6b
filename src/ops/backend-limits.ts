import type { DType } from '../graph/types';

/** What is known of a value a node reads or makes: its dtype, and (after an eager run) how large, whether finite. */
export interface ValueRange {
  readonly dtype: DType;
  /** The largest magnitude among its finite values; null when not known. */
  readonly absMax: number | null;
  /** Whether it holds NaN or ±∞; null when not known. */
  readonly nonFinite: boolean | null;
  /** Whether two of its values are equal; null when not known. */
  readonly ties: boolean | null;
}

/**
 * Where an op cannot give TensorFlow's values on one backend: said in its palette entry, and as
 * a warning on a node whose inputs meet it. The differential suite allows these differences there.
 */
export interface BackendLimit {
  readonly backend: 'webgpu';
  /** What differs and why, in a sentence. */
  readonly note: string;
  /** Whether a node reading and making values like these (inputs, then outputs) could meet it. */
  meets(values: readonly ValueRange[]): boolean;
}

/** tfjs's WebGPU kernels compute these ops' int32 values in float32, which holds integers exactly only to 2²⁴. */
export const INT32_AS_FLOAT: BackendLimit = {
  backend: 'webgpu',
  note: 'On WebGPU, int32 values beyond ±2²⁴ (16,777,216) are rounded: its kernels compute int32 in float32.',
  meets: (values) => values.some((v) => v.dtype === 'int32' && (v.absMax === null || v.absMax > 2 ** 24)),
};

/** The WGSL spec lets an implementation assume that no NaN or infinity occurs at run time. */
export const NON_FINITE: BackendLimit = {
  backend: 'webgpu',
  note: 'On WebGPU, NaN and ±∞ inputs may give other values than in TensorFlow: WGSL lets GPUs assume they never occur.',
  meets: (values) => values.some((v) => v.nonFinite === true),
};

/**
 * WGSL bounds the error of sin and cos only on [-π, π]. Measured on SwiftShader: 1e-3 at 10⁴,
 * 3e-2 at 10⁶, 0.3 at 10⁷.
 */
export const LARGE_ANGLES: BackendLimit = {
  backend: 'webgpu',
  note: 'On WebGPU, angles beyond ±10⁴ lose accuracy (0.3 at 10⁷): WGSL bounds the error of sin and cos only near 0.',
  meets: (values) => values.some((v) => v.nonFinite === true || (v.absMax !== null && v.absMax > 1e4)),
};

/** tfjs's WebGPU kernel for MaxPool's gradient takes the last of tied maxima, TensorFlow's the first. */
export const MAX_POOL_TIES: BackendLimit = {
  backend: 'webgpu',
  note: "On WebGPU, where inputs tie for a window's maximum, its gradient goes to another of them than in TensorFlow.",
  meets: (values) => values.some((v) => v.ties !== false),
};

/**
 * tfjs's WebGPU cumsum is a parallel scan: it adds in another order than TensorFlow's loop, and
 * float32 rounds each order differently. The difference matters where large values cancel
 * (1e30 + 2.5 - 1e30), so it is stated from the point where float32 stops holding every integer.
 */
export const SUM_ORDER: BackendLimit = {
  backend: 'webgpu',
  note: 'On WebGPU, running sums add in another order than in TensorFlow: where values beyond ±2²⁴ cancel, the small ones between them can be lost.',
  meets: (values) => values.some((v) => v.dtype === 'float32' && (v.absMax === null || v.absMax > 2 ** 24)),
};
