import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { parseGraphFile } from '../../src/io/graph-file';
import { Trainer } from '../../src/runtime/training/trainer';
import { withAttrs } from '../support/graph-builder';
import { cpu, live } from '../support/tf';

const loaded = parseGraphFile(readFileSync(new URL('../../public/examples/playground.json', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error(loaded.error.message);
const example = loaded.graph;

/** Trains `graph` for its setup's steps; the losses of every step and the final test figures. */
async function train(tf: Awaited<ReturnType<typeof cpu>>, graph: Graph, mode: 'eager' | 'graph' = 'graph') {
  const made = Trainer.create(tf, graph, graph.training!, { mode });
  if (!made.ok) throw new Error(made.error);
  const losses: number[] = [];
  for (let i = 0; i < graph.training!.steps; i++) {
    const outcome = await made.trainer.step();
    if (!outcome.ok) throw new Error(outcome.error);
    losses.push(outcome.loss);
  }
  const test = (await made.trainer.evaluate())!;
  const weights = await made.trainer.values();
  made.trainer.dispose();
  return { losses, test, weights };
}

describe('the Playground classifier example', () => {
  let tf: Awaited<ReturnType<typeof cpu>>;
  beforeAll(async () => {
    tf = await cpu();
  });

  it.each(['circle', 'xor'])(
    'learns %s to at least 95 percent test accuracy within its 300 steps, the same way every time',
    async (kind) => {
      const before = live();
      const graph = withAttrs(example, 'data', { kind });
      const first = await train(tf, graph);
      expect(first.test.accuracy).toBeGreaterThanOrEqual(0.95);
      // The test loss falls far below where an untrained model stands (ln 2 ≈ 0.69 for a coin toss).
      expect(first.test.loss).toBeLessThan(0.1);
      const again = await train(tf, graph);
      expect(again.losses).toEqual(first.losses);
      expect(again.test).toEqual(first.test);
      expect(live()).toBe(before);
    },
  );

  it('trains the same eagerly (the graph compiled anew each step, nothing folded) as compiled once, step by step', async () => {
    const before = live();
    const graph = { ...example, training: { ...example.training!, steps: 60 } };
    const [compiled, eager] = [await train(tf, graph, 'graph'), await train(tf, graph, 'eager')];
    expect(eager.losses).toEqual(compiled.losses);
    expect(eager.test).toEqual(compiled.test);
    expect(eager.weights).toEqual(compiled.weights);
    expect(live()).toBe(before);
  });
});
