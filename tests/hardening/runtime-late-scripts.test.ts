import { afterEach, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { GraphBuilder } from '../support/graph-builder';
import { sessions } from '../support/session';
import { live } from '../support/tf';

/**
 * A script whose promise settles after its deadline: its run has failed with a timeout, yet its
 * body goes on. Nothing it returns or makes from then on may stay alive.
 */
const newSession = sessions();

/**
 * Where the late bodies say how far they got: each adds one to WOKEN when it wakes after its
 * deadline, and the timer it leaves behind adds one to FIRED once it has run.
 */
const WOKEN = '__tensorloomLateScriptsWoken';
const FIRED = '__tensorloomLateScriptsFired';
const count = (name: string) => ((globalThis as Record<string, unknown>)[name] as number | undefined) ?? 0;
afterEach(() => {
  delete (globalThis as Record<string, unknown>)[WOKEN];
  delete (globalThis as Record<string, unknown>)[FIRED];
});

const wake = `await new Promise((r) => setTimeout(r, 60));\nglobalThis.${WOKEN} = (globalThis.${WOKEN} ?? 0) + 1;\n`;

/** Bodies that wake 60 ms after they start, 40 ms past their 20 ms deadline, in each way of making tensors. */
const LATE_BODIES = [
  // tf functions, after the deadline.
  `${wake}const a = tf.ones([3]);\nreturn tf.add(a, tf.mul(x, 2));`,
  // Methods of the input, after the deadline.
  `${wake}return x.mul(2).add(1);`,
  // A tensor made before the deadline, returned after it.
  `const y = tf.mul(x, 2);\n${wake}return y;`,
  // One kept from its scope before the deadline, returned after it.
  `const kept = tf.keep(tf.mul(x, 3));\n${wake}return kept;`,
  // A timer left behind, which makes tensors once the run has failed.
  `setTimeout(() => { try { tf.ones([5]); } catch {} globalThis.${FIRED} = (globalThis.${FIRED} ?? 0) + 1; }, 30);\n${wake}return [tf.zeros([3])];`,
];

function lateGraph(body: string): Graph {
  return new GraphBuilder()
    .input('x', [1, 2, 3])
    .node('s', 'TensorScript', { body, timeout_ms: 20 }, { x: 'x' })
    .node('after', 'Neg', {}, { x: 's' })
    .node('beside', 'Sin', {}, { x: 'x' })
    .build();
}

/** Until `runs` late bodies have woken and `timers` leftover timers have run: the bodies finish in the turn they wake in. */
async function untilSettled(runs: number, timers: number): Promise<void> {
  while (count(WOKEN) < runs || count(FIRED) < timers) await new Promise((r) => setTimeout(r, 10));
}

describe('scripts that settle after their deadline', () => {
  it('leave no tensor alive over 50 runs, in both modes', async () => {
    const s = newSession();
    const baseline = live();
    const runs = 50;
    for (let i = 0; i < runs; i++) {
      const mode = i % 2 ? 'eager' : 'graph';
      const report = await s.run(lateGraph(LATE_BODIES[i % LATE_BODIES.length]!), { mode });
      expect(report.error).toEqual({ nodeId: 's', message: 'timed out after 20 ms' });
      const beside = report.outputs.find((o) => o.node === 'beside')!.summary.values;
      expect(beside).toEqual([1, 2, 3].map((v) => Math.fround(Math.sin(v))));
    }
    await untilSettled(runs, runs / LATE_BODIES.length);
    s.release();
    // The session keeps only its cached plans' constants (there are none here).
    expect(live()).toBe(baseline);
  });

  it('leave the runtime as it was: a run after them gives its values', async () => {
    const s = newSession();
    await s.run(lateGraph(LATE_BODIES[0]!));
    const report = await s.run(
      new GraphBuilder()
        .input('x', [1, 2, 3])
        .node('s', 'TensorScript', { body: 'await null;\nreturn tf.mul(x, 2);' }, { x: 'x' })
        .build(),
    );
    expect(report.error).toBeNull();
    expect(report.outputs[0]!.summary.values).toEqual([2, 4, 6]);
    await untilSettled(1, 0);
  });
});
