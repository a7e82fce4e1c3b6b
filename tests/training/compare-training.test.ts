import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { parseGraphFile } from '../../src/io/graph-file';
import { compareTraining } from '../../src/runtime/training/compare-training';
import { cpu, live } from '../support/tf';

const loaded = parseGraphFile(readFileSync(new URL('../../public/examples/playground.json', import.meta.url), 'utf8'));
if (!loaded.ok) throw new Error(loaded.error.message);
const playground = loaded.graph;

let tf: Awaited<ReturnType<typeof cpu>>;
beforeAll(async () => {
  tf = await cpu();
});

it('times training steps eagerly and compiled on throwaway trainers, leaving nothing behind', async () => {
  const before = live();
  const compared = await compareTraining(tf, playground, {});
  if (!compared.ok) throw new Error(compared.error);
  expect(compared.steps).toBe(20);
  expect(compared.eager).toBeGreaterThan(0);
  expect(compared.graph).toBeGreaterThan(0);
  expect(live()).toBe(before);
});

it('says why a graph cannot be compared: no setup, or a setup that cannot train', async () => {
  const { training: _, ...untrained } = playground;
  expect(await compareTraining(tf, untrained, {})).toEqual({ ok: false, error: 'the graph has no training setup' });
  const scalarless = { ...playground, training: { ...playground.training!, loss: { node: 'xent', port: 'z' } } };
  const refused = await compareTraining(tf, scalarless, {});
  expect(refused.ok).toBe(false);
  expect(!refused.ok && refused.error).toContain('the loss must be a float32 scalar');
});
