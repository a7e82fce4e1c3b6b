import type { Tensor4D } from '@tensorflow/tfjs';
import { defineOp } from '../define-op';
import { FLOAT } from '../dtypes';
import { poolAttrs, poolOutput, spatial, tfjsPadding } from './window';

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
});
