import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttrValue } from '../../src/graph/types';
import { runForward } from '../../src/runtime/forward';
import { registry } from '../../src/ops/registry';
import { cpu } from '../support/tf';

beforeAll(async () => {
  await cpu();
});

/** Runs a random op with its default attributes overridden by `attrs`, returning the values. */
function draw(op: string, attrs: Record<string, AttrValue>): Float32Array {
  const def = registry.get(op)!;
  const all = Object.fromEntries(
    Object.entries(def.attrs).map(([k, spec]) => [k, k in attrs ? attrs[k] : spec.default]),
  );
  const { output } = runForward(tf, def, {}, all as never);
  const values = output!.dataSync() as Float32Array;
  output!.dispose();
  return values;
}

describe.each(['RandomUniform', 'RandomStandardNormal'])('%s', (op) => {
  it('gives the same values for the same seeds', () => {
    expect(draw(op, { shape: [50], seed: 4, seed2: 2 })).toEqual(draw(op, { shape: [50], seed: 4, seed2: 2 }));
    expect(draw(op, { shape: [50] })).toEqual(draw(op, { shape: [50] }));
  });

  it('gives different values when either seed changes', () => {
    const base = draw(op, { shape: [50], seed: 4, seed2: 2 });
    expect(draw(op, { shape: [50], seed: 5, seed2: 2 })).not.toEqual(base);
    expect(draw(op, { shape: [50], seed: 4, seed2: 3 })).not.toEqual(base);
  });
});

describe('RandomUniform', () => {
  it('draws values in [0, 1)', () => {
    const values = draw('RandomUniform', { shape: [1000, 100], seed: 11 });
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('never rounds up to 1, where plain tfjs does', () => {
    // With tfjs seed 2 (seeds 0 and 1 here), tfjs's float32 uniform gives exactly 1 at index 2070235.
    const n = 2070236;
    const plain = tf.randomUniform([n], 0, 1, 'float32', 2);
    expect(plain.dataSync()[n - 1]).toBe(1);
    plain.dispose();
    const values = draw('RandomUniform', { shape: [n], seed: 0, seed2: 1 });
    expect(values[n - 1]).toBeLessThan(1);
    expect(values.every((v) => v < 1)).toBe(true);
  });
});
