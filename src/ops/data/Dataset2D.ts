import { attr } from '../../graph/attrs';
import { defineOp, type Tensor } from '../define-op';
import { splitRows, type Dataset } from './dataset';
import { PLAYGROUND_KINDS, playgroundPoints } from './playground-points';

function splits(
  kind: (typeof PLAYGROUND_KINDS)[number],
  samples: number,
  noise: number,
  testFraction: number,
  seed: number,
) {
  const { points, labels } = playgroundPoints(kind, samples, noise, seed);
  const all = {
    rows: samples,
    ports: new Map([
      ['features', { values: points, rowShape: [2] }],
      ['labels', { values: labels, rowShape: [1] }],
    ]),
  };
  return splitRows(all, testFraction, seed);
}

const trainRows = (samples: number, testFraction: number) => samples - Math.round(samples * testFraction);

/**
 * TensorFlow Playground's datasets as a node: points in the plane (`features`, n×2) and their
 * class (`labels`, n×1, 1 or 0). A run gives the training split; a training run feeds a batch a step
 * and tests on the rest.
 */
export const Dataset2D = defineOp({
  name: 'Dataset2D',
  category: 'inputs',
  doc: "TensorFlow Playground's 2-D datasets: points and their class, split for training and testing.",
  inputs: {},
  outputs: ['features', 'labels'],
  attrs: {
    kind: attr.enumOf('circle', PLAYGROUND_KINDS, { doc: 'the shape of the two classes' }),
    samples: attr.int(500, { min: 2, max: 100_000, doc: 'how many points' }),
    noise: attr.float(0, { min: 0, max: 0.5, doc: 'how far points stray from their class' }),
    test_fraction: attr.float(0.5, { min: 0, max: 0.9, doc: 'the share of points kept for testing' }),
    batch_size: attr.int(10, { min: 1, max: 100_000, doc: 'points per training step' }),
    seed: attr.int(1, { min: 0, max: 2 ** 31 - 1, doc: 'the same seed, the same points, split and batches' }),
  },
  kind: 'random',
  differentiable: false,
  infer: (_, { samples, test_fraction }) => ({
    features: { dtype: 'float32', shape: [trainRows(samples, test_fraction), 2] },
    labels: { dtype: 'float32', shape: [trainRows(samples, test_fraction), 1] },
  }),
  forward: (tf, _, { kind, samples, noise, test_fraction, seed }) => {
    const { train } = splits(kind, samples, noise, test_fraction, seed);
    const tensor = (port: string): Tensor => {
      const { values, rowShape } = train.ports.get(port)!;
      return tf.tensor(values, [train.rows, ...rowShape], 'float32');
    };
    return { features: tensor('features'), labels: tensor('labels') };
  },
  dataset: ({ kind, samples, noise, test_fraction, batch_size, seed }): Dataset => ({
    ...splits(kind, samples, noise, test_fraction, seed),
    batchSize: batch_size,
    seed,
  }),
  // The module holds the training split the node gives outside training.
  code: ({ attrs: { kind, samples, noise, test_fraction, seed }, outputs, literal }) => {
    const { train } = splits(kind, samples, noise, test_fraction, seed);
    const line = (port: 'features' | 'labels', width: number) =>
      `const ${outputs[port]} = tf.tensor2d(${literal(Array.from(train.ports.get(port)!.values))}, [${train.rows}, ${width}]);`;
    return { lines: [line('features', 2), line('labels', 1)] };
  },
});
