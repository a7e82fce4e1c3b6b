import { attr, fromInput } from '../../graph/attrs';
import { InferError } from '../../graph/op-signature';
import { formatShape } from '../../graph/shape';
import type { Shape, TensorType } from '../../graph/types';
import { rank4 } from '../conv/window';
import type { CodeHelper } from '../define-op';

export const resizeAttrs = {
  size: fromInput(attr.ints([2, 2], { min: 1, minLength: 2, maxLength: 2, doc: 'the new height and width' }), 'size'),
  align_corners: attr.bool(false, { doc: 'the corner pixels of input and output line up' }),
  half_pixel_centers: attr.bool(false, { doc: 'pixels sample at their centers, not their top-left corners' }),
};

interface ResizeAttrs {
  readonly size: readonly number[] | undefined;
  readonly align_corners: boolean;
  readonly half_pixel_centers: boolean;
}

/** The NHWC images resized to `size`; unknown height and width while `size` is known only when running. */
export function resizedShape(images: TensorType, { size, align_corners, half_pixel_centers }: ResizeAttrs): Shape {
  if (align_corners && half_pixel_centers)
    throw new InferError('attr', 'half_pixel_centers needs align_corners off', { attr: 'half_pixel_centers' });
  const [n, h, w, c] = rank4(images, 'images');
  if (h === 0 || w === 0)
    throw new InferError('shape', `images ${formatShape(images.shape)} have no pixels to sample`, { port: 'images' });
  if (c === 0) throw new InferError('shape', `images ${formatShape(images.shape)} have no channel`, { port: 'images' });
  return [n, size?.[0] ?? null, size?.[1] ?? null, c];
}

const f32 = Math.fround;

/**
 * How far apart, in input pixels, output pixels sample along one axis. Float rounding decides
 * which pixel is nearest, so this and the positions below are in float32 as TensorFlow's kernels
 * compute them: a double's answer can differ.
 */
function step(inSize: number, outSize: number, alignCorners: boolean): number {
  return alignCorners && outSize > 1 ? f32((inSize - 1) / (outSize - 1)) : f32(inSize / outSize);
}

/** ResizeNearestNeighbor's source pixel per output pixel along one axis: rounded when corners align, else floored. */
export function nearestPixels(inSize: number, outSize: number, alignCorners: boolean, halfPixelCenters: boolean) {
  const scale = step(inSize, outSize, alignCorners);
  return Int32Array.from({ length: outSize }, (_, i) => {
    const at = halfPixelCenters ? f32(f32(i + 0.5) * scale) : f32(i * scale);
    return Math.max(0, Math.min(alignCorners ? Math.round(at) : Math.floor(at), inSize - 1));
  });
}

/** ResizeBilinear's two source pixels per output pixel along one axis, and how far past the lower one it lies. */
export function linearPixels(inSize: number, outSize: number, alignCorners: boolean, halfPixelCenters: boolean) {
  const scale = step(inSize, outSize, alignCorners);
  // A Float32Array rounds each position to float32.
  const at = Float32Array.from({ length: outSize }, (_, i) =>
    halfPixelCenters ? f32(f32(i + 0.5) * scale) - 0.5 : i * scale,
  );
  return {
    lower: Int32Array.from(at, (v) => Math.max(Math.floor(v), 0)),
    upper: Int32Array.from(at, (v) => Math.min(Math.ceil(v), inSize - 1)),
    lerp: Float32Array.from(at, (v) => v - Math.floor(v)),
  };
}

/** step, nearestPixels and linearPixels as generated code writes them. */
const RESIZE_PIXELS_CODE: CodeHelper = {
  name: 'resizePixels',
  source: `/**
 * Where output pixels sample along one axis, in float32 as TensorFlow's kernels compute it (a
 * double's answer can pick another pixel): each one's nearest source pixel (rounded when corners
 * align, else floored), and the two it lies between with how far past the lower one.
 */
function resizePixels(inSize: number, outSize: number, alignCorners: boolean, halfPixelCenters: boolean) {
  const f32 = Math.fround;
  const scale = alignCorners && outSize > 1 ? f32((inSize - 1) / (outSize - 1)) : f32(inSize / outSize);
  const nearest = Int32Array.from({ length: outSize }, (_, i) => {
    const at = halfPixelCenters ? f32(f32(i + 0.5) * scale) : f32(i * scale);
    return Math.max(0, Math.min(alignCorners ? Math.round(at) : Math.floor(at), inSize - 1));
  });
  // A Float32Array rounds each position to float32.
  const at = Float32Array.from({ length: outSize }, (_, i) =>
    halfPixelCenters ? f32(f32(i + 0.5) * scale) - 0.5 : i * scale,
  );
  return {
    nearest,
    lower: Int32Array.from(at, (v) => Math.max(Math.floor(v), 0)),
    upper: Int32Array.from(at, (v) => Math.min(Math.ceil(v), inSize - 1)),
    lerp: Float32Array.from(at, (v) => v - Math.floor(v)),
  };
}`,
};

/** ResizeNearestNeighbor's forward pass as generated code writes it. */
export const RESIZE_NEAREST_CODE: CodeHelper = {
  name: 'resizeNearest',
  uses: [RESIZE_PIXELS_CODE],
  source: `/** NHWC images resized to [height, width], each output pixel a copy of the input pixel TensorFlow takes as nearest. */
function resizeNearest(images: tf.Tensor, size: number[], alignCorners: boolean, halfPixelCenters: boolean): tf.Tensor {
  const pixels = (axis: number) =>
    tf.tensor1d(resizePixels(images.shape[axis]!, size[axis - 1]!, alignCorners, halfPixelCenters).nearest, 'int32');
  return tf.gather(tf.gather(images, pixels(1), 1), pixels(2), 2);
}`,
};

/** ResizeBilinear's forward pass as generated code writes it. */
export const RESIZE_BILINEAR_CODE: CodeHelper = {
  name: 'resizeBilinear',
  uses: [RESIZE_PIXELS_CODE],
  source: `/**
 * NHWC images resized to [height, width] by bilinear interpolation, in TensorFlow's arithmetic:
 * top = top_left + (top_right - top_left) · x_lerp, likewise bottom, then top + (bottom - top) · y_lerp.
 */
function resizeBilinear(images: tf.Tensor, [height, width]: number[], alignCorners: boolean, halfPixelCenters: boolean): tf.Tensor {
  const ys = resizePixels(images.shape[1]!, height!, alignCorners, halfPixelCenters);
  const xs = resizePixels(images.shape[2]!, width!, alignCorners, halfPixelCenters);
  const between = (lower: tf.Tensor, upper: tf.Tensor, lerp: tf.Tensor) => tf.add(lower, tf.mul(tf.sub(upper, lower), lerp));
  const across = (rows: tf.Tensor) =>
    between(
      tf.gather(rows, tf.tensor1d(xs.lower, 'int32'), 2),
      tf.gather(rows, tf.tensor1d(xs.upper, 'int32'), 2),
      tf.tensor4d(xs.lerp, [1, 1, width!, 1]),
    );
  const pixels = tf.cast(images, 'float32');
  const top = across(tf.gather(pixels, tf.tensor1d(ys.lower, 'int32'), 1));
  const bottom = across(tf.gather(pixels, tf.tensor1d(ys.upper, 'int32'), 1));
  return between(top, bottom, tf.tensor4d(ys.lerp, [1, height!, 1, 1]));
}`,
};
