import { MAX_POOL_TIES } from '../backend-limits';
import type { Tensor4D } from '@tensorflow/tfjs';
import { defineOp } from '../define-op';
import { NUMERIC } from '../dtypes';
import { poolAttrs, poolOutput, spatial, tfjsPadding } from './window';

export const MaxPool = defineOp({
  name: 'MaxPool',
  category: 'conv',
  doc: 'The maximum of each ksize window of an NHWC input, per channel.',
  inputs: { input: { dtypes: NUMERIC } },
  outputs: ['output'],
  limits: [MAX_POOL_TIES],
  attrs: poolAttrs,
  infer: ({ input }, attrs) => ({ output: poolOutput(input, 'input', attrs) }),
  forward: (tf, { input }, { ksize, strides, padding }) => ({
    output: tf.maxPool(input as Tensor4D, spatial(ksize, 'ksize'), spatial(strides, 'strides'), tfjsPadding(padding)),
  }),
  code: ({ inputs: { input }, attrs: { ksize, strides, padding }, literal }) => {
    const [k, s, p] = [
      literal(spatial(ksize, 'ksize')),
      literal(spatial(strides, 'strides')),
      literal(tfjsPadding(padding)),
    ];
    return `tf.maxPool(${input} as tf.Tensor4D, ${k}, ${s}, ${p})`;
  },
});
