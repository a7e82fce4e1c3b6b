import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseGraphFile } from '../../src/io/graph-file';
import { Trainer } from '../../src/runtime/training/trainer';
import { cpu, expectValuesClose, live } from '../support/tf';

const read = (path: string) => readFileSync(new URL(`../../public/examples/${path}`, import.meta.url), 'utf8');

/** The least-squares fit of price = w1·size + w2·rooms + b over every row, by the normal equations. */
function leastSquares(csv: string): number[] {
  const rows = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number));
  const X = rows.map(([size, rooms]) => [size!, rooms!, 1]);
  const y = rows.map((r) => r[2]!);
  const A = [0, 1, 2].map((i) => [0, 1, 2].map((j) => X.reduce((s, x) => s + x[i]! * x[j]!, 0)));
  const v = [0, 1, 2].map((i) => X.reduce((s, x, k) => s + x[i]! * y[k]!, 0));
  // Gaussian elimination on the 3×3 system.
  for (let c = 0; c < 3; c++)
    for (let r = c + 1; r < 3; r++) {
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = c; k < 3; k++) A[r]![k]! -= f * A[c]![k]!;
      v[r]! -= f * v[c]!;
    }
  const w = [0, 0, 0];
  for (let r = 2; r >= 0; r--)
    w[r] = (v[r]! - [0, 1, 2].slice(r + 1).reduce((s, k) => s + A[r]![k]! * w[k]!, 0)) / A[r]![r]!;
  return w;
}

describe('the linear regression example', () => {
  beforeAll(async () => {
    await cpu();
  });

  it("fits the CSV's house prices within its 300 steps, close to the least-squares line", async () => {
    const tf = await cpu();
    const loaded = parseGraphFile(read('regression.json'));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { graph } = loaded;
    const before = live();
    const made = Trainer.create(tf, graph, graph.training!);
    if (!made.ok) throw new Error(made.error);
    const { trainer } = made;
    const first = await trainer.evaluate();
    for (let i = 0; i < graph.training!.steps; i++) {
      const outcome = await trainer.step();
      if (!outcome.ok) throw new Error(outcome.error);
    }
    const test = (await trainer.evaluate())!;
    expect(first!.loss).toBeGreaterThan(1);
    expect(test.loss).toBeLessThan(0.02);
    const values = await trainer.values();
    const [w1, w2, b] = leastSquares(readFileSync(new URL('../../public/data/houses.csv', import.meta.url), 'utf8'));
    expectValuesClose(values.get('W')!.values, [w1!, w2!], 0.1);
    expectValuesClose(values.get('b')!.values, [b!], 0.1);
    trainer.dispose();
    expect(live()).toBe(before);
  });
});
