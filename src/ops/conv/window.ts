import { attr } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape } from '../../graph/shape';
import type { Dim, TensorType } from '../../graph/types';

/** A per-dimension NHWC list (strides, dilations, ksize); the batch and channel entries must be 1. */
const nhwcList = (def: readonly number[]) => attr.ints(def, { min: 1, minLength: 4, maxLength: 4 });

export const windowAttrs = {
  padding: attr.enumOf('VALID', ['SAME', 'VALID']),
  data_format: attr.enumOf('NHWC', ['NHWC']),
};
export const convAttrs = { strides: nhwcList([1, 1, 1, 1]), ...windowAttrs, dilations: nhwcList([1, 1, 1, 1]) };
export const poolAttrs = { ksize: nhwcList([1, 2, 2, 1]), strides: nhwcList([1, 2, 2, 1]), ...windowAttrs };

type Padding = (typeof windowAttrs.padding.options)[number];

/** The height and width entries of an NHWC list, once its batch and channel entries are checked to be 1. */
export function spatial(list: readonly number[], name: string): [number, number] {
  if (list[0] !== 1 || list[3] !== 1)
    throw new InferError('attr', `${name} must be 1 on the batch and channel dimensions, got [${list.join(', ')}]`, {
      attr: name,
    });
  return [list[1]!, list[2]!];
}

/** The dims of a rank-4 tensor; four unknowns when even its rank is unknown. */
export function rank4(t: TensorType, port: string): [Dim, Dim, Dim, Dim] {
  if (t.shape === null) return [null, null, null, null];
  if (t.shape.length !== 4)
    throw new InferError('shape', `${port} must be rank 4, got ${formatShape(t.shape)}`, { port });
  return t.shape as [Dim, Dim, Dim, Dim];
}

/** tfjs spells padding in lower case. */
export const tfjsPadding = (p: Padding) => (p === 'SAME' ? 'same' : 'valid');

/**
 * TensorFlow's output length of a sliding window: SAME pads to ceil(size / stride); VALID keeps only
 * whole windows, none when the window is larger than the input (pooling then gives an empty output;
 * `blame` says where the error is when that is refused instead).
 */
export function windowOutput(
  size: Dim,
  window: Dim,
  stride: number,
  dilation: number,
  p: Padding,
  blame: { port: string } | { attr: string } | null,
): Dim {
  if (size === null) return null;
  if (p === 'SAME') return Math.ceil(size / stride);
  if (window === null) return null;
  const span = (window - 1) * dilation + 1;
  if (span <= size) return Math.ceil((size - span + 1) / stride);
  if (blame === null) return 0;
  throw new InferError(
    'attr' in blame ? 'attr' : 'shape',
    `a window spanning ${span} does not fit in ${size} under VALID padding`,
    blame,
  );
}

/**
 * TensorFlow's output length of a convolution's sliding window, as its kernels compute it: under
 * VALID, (size - span + stride) / stride in C's integer division, which rounds toward zero, so a
 * window a little larger than the input leaves no output and only a negative length is refused.
 */
export function convOutput(size: Dim, window: Dim, stride: number, dilation: number, p: Padding, port: string): Dim {
  if (size === null) return null;
  if (p === 'SAME') return Math.ceil(size / stride);
  if (window === null) return null;
  const span = (window - 1) * dilation + 1;
  const length = Math.trunc((size - span + stride) / stride);
  if (length < 0)
    throw new InferError('shape', `a window spanning ${span} does not fit in ${size} under VALID padding`, { port });
  return length;
}

/** Per output position along one dimension, how many input positions its window covers (padding left out). */
export function windowCounts(size: number, window: number, stride: number, outSize: number, p: Padding): number[] {
  const before = p === 'SAME' ? Math.floor(Math.max((outSize - 1) * stride + window - size, 0) / 2) : 0;
  return Array.from({ length: outSize }, (_, i) => {
    const start = i * stride - before;
    return Math.min(start + window, size) - Math.max(start, 0);
  });
}

interface PoolAttrs {
  readonly ksize: readonly number[];
  readonly strides: readonly number[];
  readonly padding: Padding;
}

/**
 * MaxPool and AvgPool: each channel pooled over a ksize window, so only height and width change;
 * a window larger than a VALID input leaves none (TensorFlow's empty output).
 */
export function poolOutput(input: TensorType, port: string, { ksize, strides, padding }: PoolAttrs): TensorType {
  const [n, h, w, c] = rank4(input, port);
  const [kh, kw] = spatial(ksize, 'ksize');
  const [sh, sw] = spatial(strides, 'strides');
  return {
    dtype: input.dtype,
    shape: [n, windowOutput(h, kh, sh, 1, padding, null), windowOutput(w, kw, sw, 1, padding, null), c],
  };
}
