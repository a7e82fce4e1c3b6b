import { attr, fromInput } from '../../graph/attrs';
import { unknownDims } from '../../graph/shape';
import { defineOp } from '../define-op';
import { seedAttrs, tfjsSeed } from './seed';

export const RandomStandardNormal = defineOp({
  name: 'RandomStandardNormal',
  category: 'random',
  doc: 'Normal random values with mean 0 and standard deviation 1, the same for the same seeds.',
  inputs: { shape: { dtypes: ['int32'], attr: 'shape' } },
  outputs: ['output'],
  attrs: {
    shape: fromInput(attr.ints([2, 2], { min: 0 }), 'shape'),
    dtype: attr.dtype('float32', ['float32']),
    ...seedAttrs,
  },
  kind: 'random',
  differentiable: false,
  infer: (inputs, { shape, dtype }) => ({ output: { dtype, shape: shape ? [...shape] : unknownDims(inputs.shape) } }),
  forward: (tf, _, { shape, dtype, seed, seed2 }) => ({
    output: tf.randomStandardNormal([...shape], dtype, tfjsSeed(seed, seed2)),
  }),
  code: ({ attrs: { seed, seed2 }, attr }) =>
    `tf.randomStandardNormal(${attr('shape')}, ${attr('dtype')}, ${tfjsSeed(seed, seed2)})`,
});
