import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { parseGraphFile } from '../../src/io/graph-file';
import { PASS_NAMES, type PassName } from '../../src/runtime/plan';
import { Session } from '../../src/runtime/session';
import { cpu, live } from '../support/tf';

const EXAMPLES = new URL('../../public/examples/', import.meta.url);

function loadExample(file: string): Graph {
  const loaded = parseGraphFile(readFileSync(new URL(file, EXAMPLES), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.graph;
}

const valuesEqual = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

const PASS_CHOICES: readonly (readonly PassName[])[] = [PASS_NAMES, [], ...PASS_NAMES.map((p) => [p])];

beforeAll(async () => {
  await cpu();
});

describe('every example under the optimizer', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

  it.each(files)('%s gives the same outputs with all passes, each alone and none', async (file) => {
    const graph = loadExample(file);
    const baseline = live();
    const session = new Session(tf);
    const reference = await session.run(graph, { mode: 'graph', passes: [] });
    expect(reference.error).toBeNull();
    expect(reference.outputs.length).toBeGreaterThan(0);
    // Scripts that draw random data draw anew each run: their outputs are compared by type alone.
    const again = await session.run(graph, { mode: 'graph', passes: [] });
    const drawn = reference.outputs.map((o, i) => !valuesEqual(o.summary.values, again.outputs[i]!.summary.values));
    for (const passes of PASS_CHOICES) {
      const report = await session.run(graph, { mode: 'graph', passes });
      expect(report.error, passes.join(',')).toBeNull();
      for (const [i, out] of reference.outputs.entries()) {
        const { summary } = report.outputs[i]!;
        const what = `${out.node} with ${passes.join(',')}`;
        if (drawn[i]) expect([summary.dtype, summary.shape], what).toEqual([out.summary.dtype, out.summary.shape]);
        else expect(summary.values, what).toEqual(out.summary.values);
      }
    }
    session.dispose();
    expect(live()).toBe(baseline);
  });
});
