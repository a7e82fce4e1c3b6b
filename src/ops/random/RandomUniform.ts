import { attr, fromInput } from '../../graph/attrs';
import { unknownDims } from '../../graph/shape';
import { defineOp } from '../define-op';
import { seedAttrs, tfjsSeed } from './seed';

/**
 * tfjs scales a 32-bit sample into [0, max) in float64; stored as float32, a sample within 2^-25 of 1 rounds up to 1.
 * Taking the largest float32 below 1 as the maximum keeps every value below 1.
 */
const BELOW_ONE = 1 - 2 ** -24;

export const RandomUniform = defineOp({
  name: 'RandomUniform',
  category: 'random',
  doc: 'Uniform random values in [0, 1), the same for the same seeds.',
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
    output: tf.randomUniform([...shape], 0, BELOW_ONE, dtype, tfjsSeed(seed, seed2)),
  }),
  code: ({ attrs: { seed, seed2 }, attr }) =>
    `tf.randomUniform(${attr('shape')}, 0, 1 - 2 ** -24, ${attr('dtype')}, ${tfjsSeed(seed, seed2)})`,
});
