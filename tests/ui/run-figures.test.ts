import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { Session } from '../../src/runtime/session';
import { runFigures } from '../../src/ui/status/run-figures';
import { GraphBuilder, tensor, withAttrs } from '../support/graph-builder';
import { cpu, live } from '../support/tf';

let session: Session;
let baseline: number;

beforeAll(async () => {
  await cpu();
});

afterEach(() => {
  session.dispose();
  expect(live()).toBe(baseline);
});

it('counts the steps an eager run took over from the last one, and says nothing of reuse otherwise', async () => {
  const g = new GraphBuilder()
    .input('x', [1, 2, 3])
    .node('sin', 'Sin', {}, { x: 'x' })
    .input('k', [2])
    .node('mul', 'Mul', {}, { x: 'sin', y: 'k' })
    .build();
  baseline = live();
  session = new Session(tf);
  const first = runFigures(await session.run(g, { mode: 'eager' }));
  expect(first).toMatch(/^eager run \d+\.\d ms · 4\/4 steps · peak \d+ tensors/);
  expect(first).not.toContain('reused');
  // k's new value leaves x and sin as they were: two steps are taken over.
  const edited = runFigures(await session.run(withAttrs(g, 'k', { value: tensor([3]) }), { mode: 'eager' }));
  expect(edited).toMatch(/ · 4\/4 steps \(2 reused\) · /);
  const graph = runFigures(await session.run(g, { mode: 'graph' }));
  expect(graph).toMatch(/^graph run \d+\.\d ms · 4\/4 steps · peak /);
  expect(graph).not.toContain('reused');
});
