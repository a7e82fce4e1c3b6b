import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { parseGraphFile } from '../../src/io/graph-file';
import { PASS_NAMES, type PassName } from '../../src/runtime/plan';
import { Session } from '../../src/runtime/session';
import { cpu, live } from '../support/tf';

const EXAMPLES = new URL('../../public/examples/', import.meta.url);

/** An example's graph, and the outputs its settings say graph mode returns (the lessons' do). */
function loadExample(file: string): { graph: Graph; outputs: readonly string[] | undefined } {
  const loaded = parseGraphFile(readFileSync(new URL(file, EXAMPLES), 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error.message);
  return { graph: loaded.graph, outputs: loaded.settings?.outputs };
}

const valuesEqual = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

const PASS_CHOICES: readonly (readonly PassName[])[] = [PASS_NAMES, [], ...PASS_NAMES.map((p) => [p])];

beforeAll(async () => {
  await cpu();
});

describe('every example under the optimizer', () => {
  const files = [
    ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')),
    ...readdirSync(new URL('lessons/', EXAMPLES)).map((f) => `lessons/${f}`),
  ];

  it.each(files)('%s gives the same outputs with all passes, each alone and none', async (file) => {
    const { graph, outputs } = loadExample(file);
    const baseline = live();
    const session = new Session(tf);
    const run = (passes: readonly PassName[]) =>
      session.run(graph, { mode: 'graph', passes, ...(outputs && { outputs: [...outputs] }) });
    const reference = await run(PASS_NAMES);
    expect(reference.error).toBeNull();
    expect(reference.outputs.length).toBeGreaterThan(0);
    const pruned = reference.nodes.filter((n) => n.status === 'pruned').map((n) => n.nodeId);
    // Scripts that draw random data draw anew each run: their outputs are compared by type alone.
    const again = await run(PASS_NAMES);
    const drawn = reference.outputs.map((o, i) => !valuesEqual(o.summary.values, again.outputs[i]!.summary.values));
    for (const passes of PASS_CHOICES) {
      const report = await run(passes);
      // Without pruning, graph mode runs what nothing returned needs too, and a node there may fail
      // (the non-strict execution lesson's Reshape): that, and only that, may stop the run.
      if (!passes.includes('prune') && report.error) {
        expect(pruned, passes.join(',')).toContain(report.error.nodeId);
        continue;
      }
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
