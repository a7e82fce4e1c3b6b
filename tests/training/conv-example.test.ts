import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { parseGraphFile } from '../../src/io/graph-file';
import { loadTranspiler } from '../../src/ops/script/compile-body';
import { Trainer } from '../../src/runtime/training/trainer';
import { cpu, live } from '../support/tf';

const loaded = parseGraphFile(readFileSync(new URL('../../public/examples/conv-bars.json', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error(loaded.error.message);
const example = loaded.graph;

let tf: Awaited<ReturnType<typeof cpu>>;
beforeAll(async () => {
  tf = await cpu();
  await loadTranspiler();
});

async function train() {
  const made = Trainer.create(tf, example, example.training!);
  if (!made.ok) throw new Error(made.error);
  const untrained = (await made.trainer.evaluate())!;
  const losses: number[] = [];
  for (let i = 0; i < example.training!.steps; i++) {
    const outcome = await made.trainer.step();
    if (!outcome.ok) throw new Error(outcome.error);
    losses.push(outcome.loss);
  }
  const trained = (await made.trainer.evaluate())!;
  made.trainer.dispose();
  return { untrained, losses, trained };
}

it('the convolutional example tells bars across from bars down on its 64 test images within its 100 steps, the same way every time', async () => {
  const before = live();
  const first = await train();
  expect(example.training!.steps).toBe(100);
  // Untrained, it guesses; trained, every test image is right and the loss is a fraction of ln 2.
  expect(first.untrained.accuracy).toBeLessThan(0.8);
  expect(first.trained.accuracy).toBe(1);
  expect(first.trained.loss).toBeLessThan(0.05);
  const second = await train();
  expect(second.losses).toEqual(first.losses);
  expect(live()).toBe(before);
});
