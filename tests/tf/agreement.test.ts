/**
 * The differential suite: every case TensorFlow computed (tests/tf/fixtures, written by
 * generate.py) replayed through Tensorloom's runtime on the tfjs CPU backend, in eager and graph
 * mode, with gradients.
 */
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPS } from '../../src/ops/registry';
import { cpu, live } from '../support/tf';
import type { Fixture } from './fixture';
import { replayCase } from './replay';

const dir = join(import.meta.dirname, 'fixtures');
const fixtures: Fixture[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture);

beforeAll(async () => {
  await cpu();
});

describe('the TensorFlow fixtures', () => {
  it('cover every op in the registry, and only those', () => {
    const covered = new Set(fixtures.filter((f) => f.cases.length > 0).map((f) => f.op));
    // `Unsupported` stands in for a TensorFlow op Tensorloom does not compute: the import tests cover
    // it. TensorFlow has no ops like the dataset nodes and StepIndex (a training run feeds them):
    // tests/training covers them.
    const computing = OPS.filter((op) => op.name !== 'Unsupported' && op.name !== 'StepIndex' && !op.dataset);
    expect(computing.map((op) => op.name).filter((name) => !covered.has(name))).toEqual([]);
    expect([...covered].filter((name) => !computing.some((op) => op.name === name))).toEqual([]);
  });
});

describe.each(fixtures.map((f) => [f.op, f] as const))('%s agrees with TensorFlow', (op, fixture) => {
  it.each(fixture.cases.map((c) => [c.title, c] as const))('%s', async (_, c) => {
    const before = live();
    const problems = await replayCase(tf, op, c);
    expect(problems).toEqual([]);
    expect(live(), 'tensors alive after the case').toBe(before);
  });
});
