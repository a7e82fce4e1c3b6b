import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/graph/registry';
import { defineOp } from '../../src/ops/define-op';
import { OPS } from '../../src/ops/registry';
import { Session } from '../../src/runtime/session';
import { GraphBuilder, tensor, withAttrs } from '../support/graph-builder';
import { cpu, expectValuesClose, live } from '../support/tf';

let session: Session;
let baseline: number;

beforeAll(async () => {
  await cpu();
});

afterEach(() => {
  session?.dispose();
  expect(live(), 'tensors alive after the session is disposed').toBe(baseline);
});

function newSession(): Session {
  baseline = live();
  session = new Session(tf);
  return session;
}

const sinTimesTwo = () =>
  new GraphBuilder()
    .input('x', [1, 2, 3])
    .node('sin', 'Sin', {}, { x: 'x' })
    .constant('two', [2], [])
    .node('mul', 'Mul', {}, { x: 'sin', y: 'two' })
    .build();

describe('execution', () => {
  it.each(['eager', 'graph'] as const)('computes sin(x) * 2 in %s mode', async (mode) => {
    const report = await newSession().run(sinTimesTwo(), { mode });
    expect(report.ok).toBe(true);
    expect(report.outputs.map((o) => `${o.node}.${o.port}`)).toEqual(['mul.z']);
    const y = report.outputs[0]!.summary;
    expect(y.shape).toEqual([3]);
    expectValuesClose(y.values, [2 * Math.sin(1), 2 * Math.sin(2), 2 * Math.sin(3)], 1e-6);
  });

  it('keeps every intermediate in eager mode and only the outputs in graph mode', async () => {
    const s = newSession();
    const eager = await s.run(sinTimesTwo(), { mode: 'eager' });
    expect(eager.nodes.find((n) => n.nodeId === 'sin')!.outputs['y']).toBeDefined();
    expect(eager.nodes.every((n) => n.ms !== null || n.status === 'constant')).toBe(true);
    const graph = await s.run(sinTimesTwo(), { mode: 'graph' });
    expect(graph.nodes.find((n) => n.nodeId === 'sin')!.outputs).toEqual({});
    expect(graph.nodes.find((n) => n.nodeId === 'mul')!.outputs['z']).toBeDefined();
  });

  it("reports no tensors of the last eager run alive after a graph that cannot run (New's empty graph)", async () => {
    const s = newSession();
    const eager = await s.run(sinTimesTwo(), { mode: 'eager' });
    expect(eager.tensorsAlive - baseline).toBe(4);
    const empty = await s.run({ nodes: [], edges: [] }, { mode: 'eager' });
    expect(empty.tensorsAlive).toBe(baseline);
  });

  it('steps through eagerly, one node at a time, constants included (eager mode does not fold)', async () => {
    const s = newSession();
    const first = await s.run(sinTimesTwo(), { mode: 'eager', stopAfter: 1 });
    expect(first.stepsRun).toBe(1);
    expect(first.stepsTotal).toBe(4);
    expect(first.current).toBe('x');
    expect(first.nodes.find((n) => n.nodeId === 'x')!.status).toBe('ok');
    expect(first.nodes.find((n) => n.nodeId === 'sin')!.status).toBe('pending');
    expect((await s.step())!.current).toBe('two');
    const third = await s.step();
    expect(third!.current).toBe('sin');
    expectValuesClose(
      third!.nodes.find((n) => n.nodeId === 'sin')!.outputs['y']!.values,
      [Math.sin(1), Math.sin(2), Math.sin(3)],
      1e-6,
    );
    const last = await s.step();
    expect(last!.stepsRun).toBe(last!.stepsTotal);
    expect(last!.outputs[0]!.summary.values.length).toBe(3);
    expect(await s.step()).toBeNull();
  });

  it('re-runs in eager mode only what an edit changed, reusing the rest', async () => {
    const g = new GraphBuilder()
      .input('x', [1, 2, 3])
      .node('sin', 'Sin', {}, { x: 'x' })
      .input('k', [2])
      .node('mul', 'Mul', {}, { x: 'sin', y: 'k' })
      .build();
    const s = newSession();
    const first = await s.run(g, { mode: 'eager' });
    expect(first.nodes.filter((n) => n.reused)).toEqual([]);
    const edited = await s.run(withAttrs(g, 'k', { value: tensor([3]) }), { mode: 'eager' });
    const reused = Object.fromEntries(edited.nodes.map((n) => [n.nodeId, n.reused ?? false]));
    expect(reused).toEqual({ x: true, sin: true, k: false, mul: false });
    expectValuesClose(
      edited.outputs[0]!.summary.values,
      [1, 2, 3].map((v) => 3 * Math.sin(v)),
      1e-6,
    );
    expectValuesClose(
      edited.nodes.find((n) => n.nodeId === 'sin')!.outputs['y']!.values,
      [1, 2, 3].map(Math.sin),
      1e-6,
    );
  });

  it('tells apart constants that JSON would write alike: NaN, Infinity, -0, and equal-sized weights', async () => {
    const graph = new GraphBuilder()
      .input('x', [6], [])
      .constant('k', [1])
      .node('div', 'RealDiv', {}, { x: 'x', y: 'k' })
      .build();
    const weights = (v: number) => ({ dtype: 'float32' as const, shape: [100], values: new Float32Array(100).fill(v) });
    for (const mode of ['eager', 'graph'] as const) {
      const s = newSession();
      for (const k of [tensor([NaN]), tensor([Infinity]), tensor([-0]), tensor([0]), weights(2), weights(4)]) {
        const report = await s.run(withAttrs(graph, 'k', { value: k }), { mode });
        expect(report.outputs[0]!.summary.values[0], `${mode}, 6 / ${k.values[0]}`).toBe(6 / k.values[0]!);
      }
      s.dispose();
    }
  });

  it('retraces when structure, attributes or shapes change, never when fed values do', async () => {
    const s = newSession();
    const g = sinTimesTwo();
    expect((await s.run(g)).traceCount).toBe(1);
    const fed = await s.run(withAttrs(g, 'x', { value: tensor([4, 5, 6]) }));
    expect(fed.retraced).toBe(false);
    expect(fed.traceCount).toBe(1);
    expectValuesClose(
      fed.outputs[0]!.summary.values,
      [4, 5, 6].map((v) => 2 * Math.sin(v)),
      1e-6,
    );
    const reshaped = await s.run(withAttrs(g, 'x', { value: tensor([1, 2, 3, 4]) }));
    expect(reshaped.retraced).toBe(true);
    const newConst = await s.run(withAttrs(g, 'two', { value: tensor([3], []) }));
    expect(newConst.retraced).toBe(true);
    expect(newConst.traceCount).toBe(3);
    // Eager mode runs an unfolded plan of its own: traced once, then reused.
    expect((await s.run(g, { mode: 'eager' })).retraced).toBe(true);
    expect((await s.run(withAttrs(g, 'x', { value: tensor([7, 8, 9]) }), { mode: 'eager' })).retraced).toBe(false);
  });

  it('folds constant subgraphs, prunes what no output needs, and prints the plan', async () => {
    const g = new GraphBuilder()
      .input('x', [1, 2])
      .constant('a', [3])
      .constant('b', [4])
      .node('ab', 'Mul', {}, { x: 'a', y: 'b' })
      .node('y', 'AddV2', {}, { x: 'x', y: 'ab' })
      .node('unused', 'Sin', {}, { x: 'x' })
      .build();
    const report = await newSession().run(g, { outputs: ['y'] });
    expectValuesClose(report.outputs[0]!.summary.values, [13, 14]);
    const status = Object.fromEntries(report.nodes.map((n) => [n.nodeId, n.status]));
    expect(status).toMatchObject({ ab: 'folded', unused: 'pruned', x: 'ok', y: 'ok' });
    expect(report.plan).toContain('folded: ab');
    expect(report.plan).toContain('pruned: unused');
    expect(report.plan).toMatch(/= AddV2\(x=%\d+, y=%\d+\)\s+# y/);
    expect(report.plan!.split('\n').filter((l) => l.includes(' = ')).length).toBe(3);
  });

  it('holds fewer tensors at its peak in graph mode than in eager mode on a deep chain', async () => {
    const b = new GraphBuilder().input('x0', [0.5, 0.25]);
    for (let i = 1; i <= 40; i++) b.node(`x${i}`, i % 2 ? 'Sin' : 'Cos', {}, { x: `x${i - 1}` });
    const g = b.build();
    const s = newSession();
    const eager = await s.run(g, { mode: 'eager' });
    const graph = await s.run(g, { mode: 'graph' });
    expect(eager.peakTensors).toBeGreaterThanOrEqual(41);
    expect(graph.peakTensors).toBeLessThanOrEqual(2);
    expect(graph.outputs[0]!.summary.values).toEqual(eager.outputs[0]!.summary.values);
  });

  it.each(['eager', 'graph'] as const)(
    'in %s mode reports a failing node, skips what depends on it, keeps the rest and leaks nothing',
    async (mode) => {
      const g = new GraphBuilder()
        .input('x', [1, 2, 3])
        .node('sin', 'Sin', {}, { x: 'x' })
        .node('boom', 'Explode', {}, { x: 'sin' })
        .node('after', 'Neg', {}, { x: 'boom.y' })
        .node('other', 'Cos', {}, { x: 'x' })
        .build();
      baseline = live();
      session = new Session(tf, null, createRegistry([...OPS, Explode]));
      const report = await session.run(g, { mode, outputs: ['after', 'other'] });
      expect(report.diagnostics).toEqual([]);
      expect(report.ok).toBe(false);
      expect(report.error).toEqual({ nodeId: 'boom', message: 'kernel exploded' });
      const status = Object.fromEntries(report.nodes.map((n) => [n.nodeId, n.status]));
      expect(status).toMatchObject({ boom: 'error', after: 'skipped' });
      expect(report.nodes.find((n) => n.nodeId === 'after')!.error).toBe('skipped because boom failed');
      // A branch that does not depend on the failure still runs and keeps its value.
      expect(status['other']).toBe('ok');
      expectValuesClose(report.outputs.find((o) => o.node === 'other')!.summary.values, [1, 2, 3].map(Math.cos), 1e-6);
      if (mode === 'eager')
        expectValuesClose(
          report.nodes.find((n) => n.nodeId === 'sin')!.outputs['y']!.values,
          [1, 2, 3].map(Math.sin),
          1e-6,
        );
      else expect(live()).toBe(baseline + 1);
      const again = await session.run(sinTimesTwo(), { mode });
      expect(again.ok).toBe(true);
    },
  );

  it.each(['eager', 'graph'] as const)('in %s mode names the failed node as the user named it', async (mode) => {
    const built = new GraphBuilder()
      .input('x', [1, 2])
      .node('boom', 'Explode', {}, { x: 'x' })
      .node('after', 'Neg', {}, { x: 'boom.y' })
      .node('last', 'Abs', {}, { x: 'after' })
      .build();
    const g = { ...built, nodes: built.nodes.map((n) => (n.id === 'boom' ? { ...n, name: 'the fuse' } : n)) };
    baseline = live();
    session = new Session(tf, null, createRegistry([...OPS, Explode]));
    const report = await session.run(g, { mode, outputs: ['last'] });
    const errors = Object.fromEntries(report.nodes.map((n) => [n.nodeId, n.error]));
    expect(errors).toMatchObject({
      after: 'skipped because the fuse failed',
      last: 'skipped because the fuse failed',
    });
  });
});

const Explode = defineOp({
  name: 'Explode',
  category: 'math',
  doc: 'Throws when run: a stand-in for a kernel failing at run time.',
  inputs: { x: { dtypes: ['float32'] } },
  outputs: ['y'],
  infer: ({ x }) => ({ y: x }),
  forward: () => {
    throw new Error('kernel exploded');
  },
});
