import type { OpCase } from '../op-case';

/** The single tfjs seed that Tensorloom derives from TensorFlow's (seed, seed2): seed · 2^26 + seed2 + 1. */
const tfjsSeed = (seed: number, seed2: number) => seed * 2 ** 26 + seed2 + 1;

export const cases: OpCase[] = [
  {
    op: 'RandomUniform',
    inputs: {},
    attrs: { shape: [3, 4], seed: 3 },
    reference: (tf) => ({ output: tf.randomUniform([3, 4], 0, 1, 'float32', tfjsSeed(3, 0)) }),
  },
  {
    op: 'RandomUniform',
    title: 'seed2',
    inputs: {},
    attrs: { shape: [5], seed: 1, seed2: 9 },
    reference: (tf) => ({ output: tf.randomUniform([5], 0, 1, 'float32', tfjsSeed(1, 9)) }),
  },
  {
    op: 'RandomStandardNormal',
    inputs: {},
    attrs: { shape: [2, 3], seed: 7 },
    reference: (tf) => ({ output: tf.randomStandardNormal([2, 3], 'float32', tfjsSeed(7, 0)) }),
  },
  {
    op: 'RandomStandardNormal',
    title: 'seeds 0 and 0',
    inputs: {},
    attrs: { shape: [4] },
    reference: (tf) => ({ output: tf.randomStandardNormal([4], 'float32', tfjsSeed(0, 0)) }),
  },
];
