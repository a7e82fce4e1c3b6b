import type { Tensor4D } from '@tensorflow/tfjs';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';
import { poolAttrs, poolOutput, spatial, tfjsPadding, windowCounts } from './window';

/** TensorFlow names this op's input `value`, unlike MaxPool's `input`. */
export const AvgPool = defineOp({
  name: 'AvgPool',
  category: 'conv',
  doc: 'The mean of each ksize window of an NHWC input, per channel; SAME padding is left out of the mean.',
  inputs: { value: { dtypes: FLOAT } },
  outputs: ['output'],
  attrs: poolAttrs,
  infer: ({ value }, attrs) => ({ output: poolOutput(value, 'value', attrs) }),
  forward: (tf, { value }, { ksize, strides, padding }) => ({
    output: tf.avgPool(value as Tensor4D, spatial(ksize, 'ksize'), spatial(strides, 'strides'), tfjsPadding(padding)),
  }),
  /**
   * Each window hands dy / (the input positions it covers) to every one of them. tfjs divides by
   * the whole window size instead, so under SAME padding its border gradients are too small.
   */
  gradient: (tf, { inputs: { value }, dy: { output: dy }, attrs: { ksize, strides, padding } }) => {
    const [n, h, w, c] = value.shape as [number, number, number, number];
    const [, oh, ow] = dy.shape as [number, number, number, number];
    const [kh, kw] = spatial(ksize, 'ksize');
    const [sh, sw] = spatial(strides, 'strides');
    const rows = windowCounts(h, kh, sh, oh, padding);
    const cols = windowCounts(w, kw, sw, ow, padding);
    const counts = tf.tensor4d(
      rows.flatMap((r) => cols.map((k) => r * k)),
      [1, oh, ow, 1],
    );
    // Spreading each window's share over the positions it covers is a transposed convolution with a
    // filter of ones, done per channel with the channels moved into the batch.
    const shares = tf.reshape(tf.transpose(tf.div(dy, counts), [0, 3, 1, 2]), [n * c, oh, ow, 1]) as Tensor4D;
    const spread = tf.conv2dTranspose(
      shares,
      tf.ones([kh, kw, 1, 1]) as Tensor4D,
      [n * c, h, w, 1],
      [sh, sw],
      tfjsPadding(padding),
    );
    return { value: tf.transpose(tf.reshape(spread, [n, c, h, w]), [0, 2, 3, 1]) };
  },
  code: ({ inputs: { value }, attrs: { ksize, strides, padding }, literal }) => {
    const [k, s, p] = [
      literal(spatial(ksize, 'ksize')),
      literal(spatial(strides, 'strides')),
      literal(tfjsPadding(padding)),
    ];
    return `tf.avgPool(${value} as tf.Tensor4D, ${k}, ${s}, ${p})`;
  },
});
