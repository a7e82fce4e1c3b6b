import type { OpCase } from '../op-case';

// Two spirals of two points each, with no noise and none kept for testing: every value by hand.
// Point k of a spiral (k = 0.5, 1.5 of n = 2) lies at radius k/n·5, angle 1.75·(k/n)·2π (+π for the
// second spiral): (r sin t, r cos t).
const c = Math.cos(Math.PI / 8); // 0.92388
const s = Math.sin(Math.PI / 8); // 0.38268

const csv = (text: string) => `data:text/csv;base64,${Buffer.from(text, 'utf8').toString('base64')}`;

export const cases: OpCase[] = [
  {
    op: 'CsvDataset',
    title: 'three rows, two feature columns in the order named',
    inputs: {},
    attrs: { file: csv('a,b,y\n1,2,3\n4,5,6\n7,8,9\n'), features: 'b,a', label: 'y', test_fraction: 0 },
    expected: { features: [2, 1, 5, 4, 8, 7], labels: [3, 6, 9] },
  },
  {
    op: 'Dataset2D',
    title: 'spirals by hand',
    inputs: {},
    attrs: { kind: 'spiral', samples: 4, noise: 0, test_fraction: 0, seed: 5 },
    expected: {
      // t = 0.875π, 2.625π, 1.875π, 3.625π.
      features: [1.25 * s, -1.25 * c, 3.75 * c, -3.75 * s, -1.25 * s, 1.25 * c, -3.75 * c, 3.75 * s],
      labels: [1, 1, 0, 0],
    },
    tolerance: 1e-5,
  },
  {
    op: 'StepIndex',
    title: 'outside training, the step it is set to',
    inputs: {},
    attrs: { value: 7 },
    expected: { step: [7] },
  },
];
