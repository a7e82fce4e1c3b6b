import { seededUniform } from './dataset';

export const PLAYGROUND_KINDS = ['circle', 'xor', 'gauss', 'spiral'] as const;
export type PlaygroundKind = (typeof PLAYGROUND_KINDS)[number];

/** Half the width of the input plane, as in TensorFlow Playground. */
export const PLANE_RADIUS = 6;

/**
 * The 2-D classification sets of TensorFlow Playground: `samples` points (x1, x2) with a label,
 * 1 or 0 (half of each, but for XOR, where it is the quadrant a point falls in), and `noise` (0 to
 * 0.5) spreading the points as its slider does.
 */
export function playgroundPoints(
  kind: PlaygroundKind,
  samples: number,
  noise: number,
  seed: number,
): { points: Float32Array; labels: Float32Array } {
  const random = seededUniform(seed);
  const uniform = (a: number, b: number) => a + (b - a) * random();
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const points = new Float32Array(samples * 2);
  const labels = new Float32Array(samples);
  const put = (i: number, x: number, y: number, label: number) => {
    points[2 * i] = x;
    points[2 * i + 1] = y;
    labels[i] = label;
  };
  const radius = 5;
  for (let i = 0; i < samples; i++) {
    const positive = i < samples / 2;
    const label = positive ? 1 : 0;
    if (kind === 'circle') {
      // An inner disc and an outer ring; noise moves points off their circle.
      const r = positive ? uniform(0, radius * 0.5) : uniform(radius * 0.7, radius);
      const angle = uniform(0, 2 * Math.PI);
      put(
        i,
        r * Math.sin(angle) + uniform(-radius, radius) * noise,
        r * Math.cos(angle) + uniform(-radius, radius) * noise,
        label,
      );
    } else if (kind === 'xor') {
      // Quadrants: the label is whether x1 and x2 have the same sign; points keep off the axes.
      const away = (v: number) => v + (v > 0 ? 0.3 : -0.3);
      const x = away(uniform(-5, 5));
      const y = away(uniform(-5, 5));
      put(i, x + uniform(-5, 5) * noise, y + uniform(-5, 5) * noise, x * y >= 0 ? 1 : 0);
    } else if (kind === 'gauss') {
      // Two clusters, around (2, 2) and (-2, -2); noise widens them.
      const spread = 0.5 + 3.5 * noise;
      const centre = positive ? 2 : -2;
      put(i, centre + normal() * Math.sqrt(spread), centre + normal() * Math.sqrt(spread), label);
    } else {
      // Two interleaved spirals, from half a step out (at the centre both would share one point).
      const n = Math.ceil(samples / 2);
      const k = (positive ? i : i - n) + 0.5;
      const r = (k / n) * radius;
      const t = 1.75 * (k / n) * 2 * Math.PI + (positive ? 0 : Math.PI);
      put(i, r * Math.sin(t) + uniform(-1, 1) * noise, r * Math.cos(t) + uniform(-1, 1) * noise, label);
    }
  }
  return { points, labels };
}
