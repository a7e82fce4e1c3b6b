import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/types';
import { registry } from '../../src/ops/registry';
import { compile } from '../../src/runtime/compile';
import { PASS_NAMES, type PassName, type Plan } from '../../src/runtime/plan';
import { Session } from '../../src/runtime/session';
import { GraphBuilder } from '../support/graph-builder';
import { cpu, expectValuesClose, live } from '../support/tf';

beforeAll(async () => {
  await cpu();
});

/** Compiles `graph` with `passes`, hands the plan to `check`, and frees it. */
function withPlan(graph: Graph, passes: readonly PassName[], check: (plan: Plan) => void, outputs?: string[]): void {
  const baseline = live();
  const result = compile(tf, graph, registry, { passes, ...(outputs && { outputs }) });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  try {
    check(result.plan);
  } finally {
    result.plan.dispose();
  }
  expect(live(), 'tensors alive after the plan is disposed').toBe(baseline);
}

const stepsOf = (plan: Plan) => plan.steps.map((s) => s.nodeId);
const changesOf = (plan: Plan, pass: PassName) => plan.passes.find((p) => p.pass === pass)!.changes;

/** The values graph mode gives for `outputs` with `passes`, read from a real session. */
async function valuesWith(graph: Graph, passes: readonly PassName[], outputs: string[]): Promise<number[][]> {
  const baseline = live();
  const session = new Session(tf);
  const report = await session.run(graph, { mode: 'graph', passes, outputs });
  expect(report.error).toBeNull();
  const values = outputs.map((id) => [...report.outputs.find((o) => o.node === id)!.summary.values] as number[]);
  session.dispose();
  expect(live()).toBe(baseline);
  return values;
}

const x = [0.5, -1, 2, 3, -0.25, 4];

describe('the passes run in Grappler order and report what they did', () => {
  it('lists every pass in order, off ones with no changes', () => {
    const g = new GraphBuilder().input('x', x, [2, 3]).node('y', 'Sin', {}, { x: 'x' }).build();
    withPlan(g, ['fold', 'cse'], (plan) => {
      expect(plan.passes.map((p) => [p.pass, p.enabled])).toEqual(
        PASS_NAMES.map((p) => [p, p === 'fold' || p === 'cse']),
      );
      expect(plan.text).toContain('simplify: off');
    });
  });
});

describe('prune', () => {
  const g = () =>
    new GraphBuilder()
      .input('x', x, [2, 3])
      .node('used', 'Sin', {}, { x: 'x' })
      .node('unused', 'Cos', {}, { x: 'x' })
      .build();

  it('leaves out what no output needs', () => {
    withPlan(
      g(),
      ['prune'],
      (plan) => {
        expect(stepsOf(plan)).toEqual(['x', 'used']);
        expect(changesOf(plan, 'prune')).toEqual([{ kind: 'pruned', node: 'unused' }]);
      },
      ['used'],
    );
  });

  it('off, runs every node, needed or not', () => {
    withPlan(
      g(),
      [],
      (plan) => {
        expect(stepsOf(plan)).toEqual(['x', 'used', 'unused']);
        expect(plan.pruned).toEqual([]);
      },
      ['used'],
    );
  });
});

describe('fold', () => {
  it('computes an all-constant subgraph at compile time', async () => {
    const g = new GraphBuilder()
      .input('x', x, [2, 3])
      .constant('a', [2], [])
      .constant('b', [3], [])
      .node('ab', 'Mul', {}, { x: 'a', y: 'b' })
      .node('y', 'Mul', {}, { x: 'x', y: 'ab' })
      .build();
    withPlan(g, ['prune', 'fold'], (plan) => {
      expect(stepsOf(plan)).toEqual(['x', 'y']);
      expect(changesOf(plan, 'fold')).toEqual([{ kind: 'folded', node: 'ab' }]);
    });
    const session = new Session(tf);
    const report = await session.run(g, { mode: 'graph', passes: ['prune', 'fold'] });
    // The constants only the folded node read are reported as constants, not as never run.
    expect(['a', 'b', 'ab'].map((id) => report.nodes.find((n) => n.nodeId === id)!.status)).toEqual([
      'constant',
      'constant',
      'folded',
    ]);
    session.dispose();
    expectValuesClose(
      (await valuesWith(g, ['prune', 'fold'], ['y']))[0]!,
      x.map((v) => v * 6),
      0,
    );
  });
});

describe('cse', () => {
  const duplicates = () =>
    new GraphBuilder()
      .input('x', x, [2, 3])
      .node('s1', 'Sin', {}, { x: 'x' })
      .node('s2', 'Sin', {}, { x: 'x' })
      .node('e1', 'Exp', {}, { x: 's1' })
      .node('e2', 'Exp', {}, { x: 's2' })
      .node('sum', 'AddV2', {}, { x: 'e1', y: 'e2' })
      .build();

  it('merges nodes with the same op, attributes and inputs, and then what they fed', async () => {
    withPlan(duplicates(), ['prune', 'cse'], (plan) => {
      expect(stepsOf(plan)).toEqual(['x', 's1', 'e1', 'sum']);
      expect(changesOf(plan, 'cse')).toEqual([
        { kind: 'merged', node: 's2', into: 's1' },
        { kind: 'merged', node: 'e2', into: 'e1' },
      ]);
      const sum = plan.steps.find((s) => s.nodeId === 'sum')!;
      expect(sum.inputSlots[0]).toBe(sum.inputSlots[1]);
    });
    const [sum, e2] = await valuesWith(duplicates(), ['prune', 'cse'], ['sum', 'e2']);
    expectValuesClose(
      sum!,
      x.map((v) => 2 * Math.exp(Math.sin(v))),
      1e-6,
    );
    // A merged node asked for shows the value of the node it merged into.
    expectValuesClose(
      e2!,
      x.map((v) => Math.exp(Math.sin(v))),
      1e-6,
    );
  });

  it('keeps apart nodes whose attributes or inputs differ', () => {
    const g = new GraphBuilder()
      .input('x', x, [2, 3])
      .node('s0', 'Sum', { axis: [0], keep_dims: false }, { input: 'x' })
      .node('s1', 'Sum', { axis: [1], keep_dims: false }, { input: 'x' })
      .node('a', 'Sin', {}, { x: 'x' })
      .node('b', 'Sin', {}, { x: 'a' })
      .build();
    withPlan(g, ['prune', 'cse'], (plan) => expect(changesOf(plan, 'cse')).toEqual([]));
  });

  it('never merges random ops, sources or variables: each may give another value', () => {
    const g = new GraphBuilder()
      .node('r1', 'RandomUniform', { shape: [3], seed: 1, seed2: 2 })
      .node('r2', 'RandomUniform', { shape: [3], seed: 1, seed2: 2 })
      .input('p1', [1, 2, 3])
      .input('p2', [1, 2, 3])
      .build();
    withPlan(g, ['prune', 'cse'], (plan) => expect(changesOf(plan, 'cse')).toEqual([]));
  });
});

describe('simplify', () => {
  const run = (g: Graph, outputs: string[]) => valuesWith(g, ['prune', 'fold', 'simplify'], outputs);

  it('x·1, 1·x, x+0, x−0 and x/1 give x itself, without a step', async () => {
    const g = new GraphBuilder()
      .input('x', x, [2, 3])
      .constant('one', [1, 1, 1], [3])
      .constant('zero', [0], [])
      .node('m', 'Mul', {}, { x: 'x', y: 'one' })
      .node('m2', 'Mul', {}, { x: 'one', y: 'm' })
      .node('a', 'AddV2', {}, { x: 'm2', y: 'zero' })
      .node('s', 'Sub', {}, { x: 'a', y: 'zero' })
      .node('d', 'RealDiv', {}, { x: 's', y: 'one' })
      .build();
    withPlan(g, ['prune', 'fold', 'simplify'], (plan) => {
      expect(stepsOf(plan)).toEqual(['x']);
      expect(changesOf(plan, 'simplify').map((c) => c.kind === 'simplified' && [c.node, c.rule, c.into])).toEqual([
        ['m', 'x · 1 → x', 'x'],
        ['m2', '1 · x → x', 'x'],
        ['a', 'x + 0 → x', 'x'],
        ['s', 'x − 0 → x', 'x'],
        ['d', 'x / 1 → x', 'x'],
      ]);
      // The ones and zeros nothing reads any more are not kept.
      expect(plan.constants.size).toBe(0);
    });
    expect(await run(g, ['d'])).toEqual([x]);
  });

  it('keeps x·c when c is not all ones, or when it broadcasts x to a larger shape', () => {
    const g = new GraphBuilder()
      .input('x', [1, 2, 3])
      .constant('mixed', [1, 2, 1])
      .constant('ones', [1, 1, 1, 1, 1, 1], [2, 3])
      .node('m', 'Mul', {}, { x: 'x', y: 'mixed' })
      .node('grown', 'Mul', {}, { x: 'x', y: 'ones' })
      .build();
    withPlan(g, ['prune', 'fold', 'simplify'], (plan) => expect(changesOf(plan, 'simplify')).toEqual([]));
  });

  it('works on Const nodes with folding off too', () => {
    const g = new GraphBuilder()
      .input('x', x, [2, 3])
      .constant('one', [1], [])
      .node('m', 'Mul', {}, { x: 'x', y: 'one' })
      .build();
    withPlan(g, ['prune', 'simplify'], (plan) => {
      expect(stepsOf(plan)).toEqual(['x']);
      expect(changesOf(plan, 'simplify').map((c) => c.node)).toEqual(['m', 'one']);
    });
  });

  it('−−x, Identity and a Cast to the same dtype give x', async () => {
    const g = new GraphBuilder()
      .input('x', x, [2, 3])
      .node('n1', 'Neg', {}, { x: 'x' })
      .node('n2', 'Neg', {}, { x: 'n1' })
      .node('i', 'Identity', {}, { input: 'n2' })
      .node('c', 'Cast', { DstT: 'float32' }, { x: 'i' })
      .node('y', 'Sin', {}, { x: 'c' })
      .build();
    withPlan(g, ['prune', 'simplify'], (plan) => {
      expect(stepsOf(plan)).toEqual(['x', 'y']);
      expect(plan.steps[1]!.inputSlots[0]).toBe(plan.steps[0]!.outputSlots[0]);
      expect(changesOf(plan, 'simplify').map((c) => c.node)).toEqual(['n2', 'i', 'c', 'n1']);
    });
    expectValuesClose((await run(g, ['y']))[0]!, x.map(Math.sin), 1e-6);
  });

  it('leaves a Cast that changes the dtype, and one of an odd number of negations', async () => {
    const g = new GraphBuilder()
      .input('x', x, [2, 3])
      .node('n1', 'Neg', {}, { x: 'x' })
      .node('n2', 'Neg', {}, { x: 'n1' })
      .node('n3', 'Neg', {}, { x: 'n2' })
      .node('c', 'Cast', { DstT: 'int32' }, { x: 'n3' })
      .build();
    withPlan(g, ['prune', 'simplify'], (plan) => expect(stepsOf(plan)).toEqual(['x', 'n3', 'c']));
    expect((await run(g, ['c']))[0]).toEqual(x.map((v) => Math.trunc(-v) || 0));
  });

  it('composes two Transposes into one, or into x when they cancel', async () => {
    const values = Array.from({ length: 24 }, (_, i) => i);
    const g = new GraphBuilder()
      .input('x', values, [2, 3, 4])
      .node('t1', 'Transpose', { perm: [1, 2, 0] }, { x: 'x' })
      .node('t2', 'Transpose', { perm: [2, 0, 1] }, { x: 't1' })
      .node('t3', 'Transpose', { perm: [0, 2, 1] }, { x: 't1' })
      .node('t4', 'Transpose', { perm: [] }, { x: 't3' })
      .node('y', 'Neg', {}, { x: 't2' })
      .build();
    withPlan(
      g,
      ['prune', 'simplify'],
      (plan) => {
        expect(changesOf(plan, 'simplify').map((c) => c.kind === 'simplified' && [c.node, c.rule])).toEqual([
          ['t2', 'Transpose∘Transpose → x'],
          ['t3', 'Transpose∘Transpose → one Transpose'],
          ['t4', 'Transpose∘Transpose → one Transpose'],
          ['t3', 'no longer read'],
          ['t1', 'no longer read'],
        ]);
        // t3 is x transposed by (1, 0, 2), t1's perm then its own; t4 reverses that and reads x itself.
        expect(stepsOf(plan)).toEqual(['x', 'y', 't4']);
        expect(plan.steps[2]!.attrs['perm']).toEqual([2, 0, 1]);
      },
      ['y', 't4'],
    );
    const [y, t4] = await run(g, ['y', 't4']);
    const byHand = tf.tidy(() => {
      const t = tf.tensor(values, [2, 3, 4]);
      return tf.transpose(tf.transpose(tf.transpose(t, [1, 2, 0]), [0, 2, 1])).arraySync();
    });
    expect(y).toEqual(values.map((v) => -v));
    expect(t4).toEqual((byHand as number[][][]).flat(2));
  });

  it('composes two Reshapes into one, or into x when the shape comes back', async () => {
    const values = Array.from({ length: 12 }, (_, i) => i + 1);
    const g = new GraphBuilder()
      .input('x', values, [3, 4])
      .node('r1', 'Reshape', { shape: [2, 6] }, { tensor: 'x' })
      .node('r2', 'Reshape', { shape: [3, 4] }, { tensor: 'r1' })
      .node('r3', 'Reshape', { shape: [-1] }, { tensor: 'r1' })
      .node('y', 'AddV2', {}, { x: 'r2', y: 'r2' })
      .build();
    withPlan(
      g,
      ['prune', 'simplify'],
      (plan) => {
        expect(stepsOf(plan)).toEqual(['x', 'r3', 'y']);
        expect(plan.steps[1]!.inputSlots[0]).toBe(plan.steps[0]!.outputSlots[0]);
      },
      ['y', 'r3'],
    );
    const [y, r3] = await run(g, ['y', 'r3']);
    expect(y).toEqual(values.map((v) => 2 * v));
    expect(r3).toEqual(values);
  });
});

describe('eager mode', () => {
  it('runs every node as written: no folding, merging or simplification', async () => {
    const g = new GraphBuilder()
      .input('x', x, [2, 3])
      .constant('one', [1], [])
      .node('m', 'Mul', {}, { x: 'x', y: 'one' })
      .node('s1', 'Sin', {}, { x: 'm' })
      .node('s2', 'Sin', {}, { x: 'm' })
      .build();
    const session = new Session(tf);
    const report = await session.run(g, { mode: 'eager' });
    expect(report.stepsTotal).toBe(5);
    expect(report.optimization).toBeNull();
    session.dispose();
  });
});

describe('the plan view a graph-mode report carries', () => {
  it('lists the steps in order, the values freed after each, and the status of merged and simplified nodes', async () => {
    const g = new GraphBuilder()
      .input('x', x, [2, 3])
      .node('a', 'Sin', {}, { x: 'x' })
      .node('a2', 'Sin', {}, { x: 'x' })
      .node('i', 'Identity', {}, { input: 'a2' })
      .node('b', 'Exp', {}, { x: 'a' })
      .node('y', 'AddV2', {}, { x: 'b', y: 'i' })
      .build();
    const baseline = live();
    const session = new Session(tf);
    const report = await session.run(g, { mode: 'graph' });
    const view = report.optimization!;
    expect(view.steps).toEqual(['x', 'a', 'b', 'y']);
    // x is last read by a; a by y (b and y read it); b by y. y is the output and stays.
    expect(view.frees).toEqual([
      [],
      [{ node: 'x', port: 'output' }],
      [],
      [
        { node: 'a', port: 'y' },
        { node: 'b', port: 'y' },
      ],
    ]);
    expect(view.passes.find((p) => p.pass === 'cse')!.changes).toEqual([{ kind: 'merged', node: 'a2', into: 'a' }]);
    const status = (id: string) => report.nodes.find((n) => n.nodeId === id)!.status;
    expect([status('a2'), status('i'), status('y')]).toEqual(['merged', 'simplified', 'ok']);
    expectValuesClose(
      report.outputs[0]!.summary.values,
      x.map((v) => Math.exp(Math.sin(v)) + Math.sin(v)),
      1e-6,
    );
    session.dispose();
    expect(live()).toBe(baseline);
  });
});
