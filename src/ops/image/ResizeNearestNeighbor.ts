import { defineOp } from '../define-op';
import { NUMERIC } from '../dtypes';
import { nearestPixels, RESIZE_NEAREST_CODE, resizeAttrs, resizedShape } from './resize';

export const ResizeNearestNeighbor = defineOp({
  name: 'ResizeNearestNeighbor',
  category: 'image',
  doc: 'NHWC images resized to size [height, width], each output pixel copying the nearest input pixel.',
  inputs: { images: { dtypes: NUMERIC }, size: { dtypes: ['int32'], attr: 'size' } },
  outputs: ['resized_images'],
  attrs: resizeAttrs,
  composite: true,
  infer: ({ images }, attrs) => ({ resized_images: { dtype: images.dtype, shape: resizedShape(images, attrs) } }),
  // Gathering the source rows, then columns, gives the gradient TensorFlow's: each input pixel sums those of the output pixels that copy it.
  forward: (tf, { images }, { size: [height, width], align_corners, half_pixel_centers }) => {
    const [, h, w] = images.shape as [number, number, number, number];
    const rows = tf.tensor1d(nearestPixels(h, height!, align_corners, half_pixel_centers), 'int32');
    const cols = tf.tensor1d(nearestPixels(w, width!, align_corners, half_pixel_centers), 'int32');
    return { resized_images: tf.gather(tf.gather(images, rows, 1), cols, 2) };
  },
  code: ({ inputs: { images }, attrs: { align_corners, half_pixel_centers }, attr, helper }) =>
    `${helper(RESIZE_NEAREST_CODE)}(${images}, ${attr('size')}, ${align_corners}, ${half_pixel_centers})`,
});
