import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/ops/data/dataset';
import { Dataset2D } from '../../src/ops/data/Dataset2D';
import { playgroundPoints, PLAYGROUND_KINDS } from '../../src/ops/data/playground-points';
import { Batches } from '../../src/runtime/training/batches';

const rowsOf = (values: Float32Array, width: number) =>
  Array.from({ length: values.length / width }, (_, r) => Array.from(values.subarray(r * width, (r + 1) * width)));

describe("Playground's datasets", () => {
  it.each(PLAYGROUND_KINDS)('%s: points of both classes, the same for the same seed only', (kind) => {
    const { points, labels } = playgroundPoints(kind, 200, 0.1, 7);
    expect(points.length).toBe(400);
    const positives = labels.reduce((a, b) => a + b, 0);
    // XOR's classes are the quadrants the points fall in; the others are made half and half.
    if (kind === 'xor') expect(positives).toBeGreaterThan(60);
    if (kind === 'xor') expect(positives).toBeLessThan(140);
    else expect(positives).toBe(100);
    expect(playgroundPoints(kind, 200, 0.1, 7)).toEqual({ points, labels });
    expect(playgroundPoints(kind, 200, 0.1, 8).points).not.toEqual(points);
  });

  it('circle without noise: class 1 inside radius 2.5, class 0 on the ring from 3.5 to 5', () => {
    const { points, labels } = playgroundPoints('circle', 400, 0, 3);
    rowsOf(points, 2).forEach(([x, y], i) => {
      const r = Math.hypot(x!, y!);
      if (labels[i] === 1) expect(r).toBeLessThanOrEqual(2.5 + 1e-5);
      else {
        expect(r).toBeGreaterThanOrEqual(3.5 - 1e-5);
        expect(r).toBeLessThanOrEqual(5 + 1e-5);
      }
    });
  });

  it('XOR without noise: class 1 where x1 and x2 have the same sign, and no point near an axis', () => {
    const { points, labels } = playgroundPoints('xor', 400, 0, 3);
    rowsOf(points, 2).forEach(([x, y], i) => {
      expect(labels[i]).toBe(x! * y! >= 0 ? 1 : 0);
      expect(Math.min(Math.abs(x!), Math.abs(y!))).toBeGreaterThanOrEqual(0.3 - 1e-6);
    });
  });
});

describe('Dataset2D', () => {
  const dataset = (attrs: Partial<Record<string, number | string>> = {}): Dataset =>
    Dataset2D.dataset!({
      kind: 'gauss',
      samples: 50,
      noise: 0,
      test_fraction: 0.2,
      batch_size: 8,
      seed: 4,
      ...attrs,
    } as never);

  it('splits the points into training and test rows, each point in exactly one', () => {
    const { train, test } = dataset();
    expect([train.rows, test.rows]).toEqual([40, 10]);
    const { points, labels } = playgroundPoints('gauss', 50, 0, 4);
    const all = rowsOf(points, 2).map((p, i) => [...p, labels[i]!].join());
    const split = (s: Dataset['train']) =>
      rowsOf(s.ports.get('features')!.values, 2).map((p, i) => [...p, s.ports.get('labels')!.values[i]!].join());
    expect([...split(train), ...split(test)].sort()).toEqual([...all].sort());
  });

  it('serves batches that visit every training row once an epoch, in a new order each epoch', () => {
    const batches = new Batches(dataset());
    const epoch = () => {
      const rows: string[] = [];
      while (rows.length < 40) {
        const batch = batches.next();
        expect(batch.rows).toBe(Math.min(8, 40 - rows.length));
        rows.push(...rowsOf(batch.ports.get('features')!.values, 2).map((r) => r.join()));
      }
      return rows;
    };
    const first = epoch();
    expect(batches.epoch).toBe(1);
    const second = epoch();
    expect(batches.epoch).toBe(2);
    expect([...second].sort()).toEqual([...first].sort());
    expect(second).not.toEqual(first);
    // The same seed, the same batches.
    const replay = new Batches(dataset());
    expect(rowsOf(replay.next().ports.get('features')!.values, 2).map((r) => r.join())).toEqual(first.slice(0, 8));
  });
});
