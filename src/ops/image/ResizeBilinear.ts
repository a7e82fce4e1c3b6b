import { NON_FINITE } from '../backend-limits';
import { defineOp, type Tensor } from '../define-op';
import { NUMERIC } from '../dtypes';
import { toFloat32 } from '../to-float32';
import { linearPixels, RESIZE_BILINEAR_CODE, resizeAttrs, resizedShape } from './resize';

export const ResizeBilinear = defineOp({
  name: 'ResizeBilinear',
  category: 'image',
  doc: 'NHWC images resized to size [height, width] by bilinear interpolation; float32 out, whatever comes in.',
  inputs: { images: { dtypes: NUMERIC }, size: { dtypes: ['int32'], attr: 'size' } },
  outputs: ['resized_images'],
  attrs: resizeAttrs,
  composite: true,
  limits: [NON_FINITE],
  infer: ({ images }, attrs) => ({ resized_images: { dtype: 'float32', shape: resizedShape(images, attrs) } }),
  /**
   * TensorFlow's arithmetic, step by step in float32: top = top_left + (top_right - top_left) ·
   * x_lerp, likewise bottom, then top + (bottom - top) · y_lerp.
   */
  forward: (tf, { images }, { size: [height, width], align_corners, half_pixel_centers }) => {
    const [, h, w] = images.shape as [number, number, number, number];
    const ys = linearPixels(h, height!, align_corners, half_pixel_centers);
    const xs = linearPixels(w, width!, align_corners, half_pixel_centers);
    const pixels = images.dtype === 'float32' ? images : toFloat32(tf, images);
    const between = (lower: Tensor, upper: Tensor, lerp: Tensor) => tf.add(lower, tf.mul(tf.sub(upper, lower), lerp));
    const across = (rows: Tensor) =>
      between(
        tf.gather(rows, tf.tensor1d(xs.lower, 'int32'), 2),
        tf.gather(rows, tf.tensor1d(xs.upper, 'int32'), 2),
        tf.tensor4d(xs.lerp, [1, 1, width!, 1]),
      );
    const top = across(tf.gather(pixels, tf.tensor1d(ys.lower, 'int32'), 1));
    const bottom = across(tf.gather(pixels, tf.tensor1d(ys.upper, 'int32'), 1));
    return { resized_images: between(top, bottom, tf.tensor4d(ys.lerp, [1, height!, 1, 1])) };
  },
  code: ({ inputs: { images }, attrs: { align_corners, half_pixel_centers }, attr, helper }) =>
    `${helper(RESIZE_BILINEAR_CODE)}(${images}, ${attr('size')}, ${align_corners}, ${half_pixel_centers})`,
});
