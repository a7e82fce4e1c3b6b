/** A sparkline's geometry: pure, so that the canvas only strokes what this returns. */
import type { Values } from '../../tensor-view/stats';

export interface Box {
  readonly width: number;
  readonly height: number;
  /** Kept clear on every side, so that the line's width is not cut off. */
  readonly pad: number;
}

export type Point = readonly [x: number, y: number];

/**
 * The values as runs of points, left to right across the box and from `max` at the top to `min`
 * at the bottom (a constant line sits in the middle); a non-finite value breaks the line.
 */
export function sparklineRuns(values: Values, box: Box, min: number, max: number): Point[][] {
  const { width, height, pad } = box;
  const n = values.length;
  const span = max - min;
  const runs: Point[][] = [];
  let run: Point[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      if (run.length) runs.push(run);
      run = [];
      continue;
    }
    const x = n > 1 ? pad + (i / (n - 1)) * (width - 2 * pad) : width / 2;
    const t = span > 0 ? (v - min) / span : 0.5;
    run.push([x, pad + (1 - t) * (height - 2 * pad)]);
  }
  if (run.length) runs.push(run);
  return runs;
}
